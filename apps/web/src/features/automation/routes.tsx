import type { RouteObject } from 'react-router';
import { lazyPage as page } from '../../app/lazyPage';
import { RouteError } from '../../app/RouteError';

const AutomationPage = page(() => import('./AutomationPage'), 'AutomationPage');

/** The automation page under /a/:accountId/sites/:siteId. */
export const automationRoutes: RouteObject[] = [
  { path: 'automation', element: <AutomationPage />, errorElement: <RouteError /> },
];
