import type { RouteObject } from 'react-router';
import { lazyPage as page } from '../../app/lazyPage';
import { RouteError } from '../../app/RouteError';

const KeywordsPage = page(() => import('./keywords/KeywordsPage'), 'KeywordsPage');
const ClustersPage = page(() => import('./clusters/ClustersPage'), 'ClustersPage');
const IdeasPage = page(() => import('./ideas/IdeasPage'), 'IdeasPage');
const CannibalisationPage = page(() => import('./cannibalisation/CannibalisationPage'), 'CannibalisationPage');

/** Planner pages under /a/:accountId/sites/:siteId (keywords, clusters, ideas, cannibalisation). */
export const plannerRoutes: RouteObject[] = [
  { path: 'keywords', element: <KeywordsPage />, errorElement: <RouteError /> },
  { path: 'clusters', element: <ClustersPage />, errorElement: <RouteError /> },
  { path: 'ideas', element: <IdeasPage />, errorElement: <RouteError /> },
  { path: 'cannibalisation', element: <CannibalisationPage />, errorElement: <RouteError /> },
];
