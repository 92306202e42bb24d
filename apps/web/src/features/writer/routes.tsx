import type { RouteObject } from 'react-router';

/** Writer pages under /a/:accountId/sites/:siteId (writer tasks, content, images). */
export const writerRoutes: RouteObject[] = [];
