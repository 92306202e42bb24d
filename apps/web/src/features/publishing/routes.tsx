import type { RouteObject } from 'react-router';
import { lazyPage as page } from '../../app/lazyPage';
import { RouteError } from '../../app/RouteError';

const CalendarPage = page(() => import('./CalendarPage'), 'CalendarPage');
const PublishingPage = page(() => import('./PublishingPage'), 'PublishingPage');

/** Publishing pages under /a/:accountId/sites/:siteId (the calendar, destinations and schedule). */
export const publishingRoutes: RouteObject[] = [
  { path: 'calendar', element: <CalendarPage />, errorElement: <RouteError /> },
  { path: 'publishing', element: <PublishingPage />, errorElement: <RouteError /> },
];
