import type { RouteObject } from 'react-router';

/** Planner pages under /a/:accountId/sites/:siteId (keywords, clusters, ideas). */
export const plannerRoutes: RouteObject[] = [];
