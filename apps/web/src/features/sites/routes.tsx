import type { RouteObject } from 'react-router';
import { lazyPage as page } from '../../app/lazyPage';
import { RouteError } from '../../app/RouteError';

const SectorsPage = page(() => import('./SectorsPage'), 'SectorsPage');

/** A site's own settings pages. */
export const siteSettingsRoutes: RouteObject[] = [
  { path: 'sectors', element: <SectorsPage />, errorElement: <RouteError /> },
];
