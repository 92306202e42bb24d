import type { RouteObject } from 'react-router';
import { lazyPage as page } from '../../app/lazyPage';
import { RouteError } from '../../app/RouteError';

const WriterTasksPage = page(() => import('./tasks/WriterTasksPage'), 'WriterTasksPage');
const ContentListPage = page(() => import('./content/ContentListPage'), 'ContentListPage');
const ContentEditorPage = page(() => import('./editor/ContentEditorPage'), 'ContentEditorPage');
const ImagesPage = page(() => import('./images/ImagesPage'), 'ImagesPage');
const OrphanReportPage = page(() => import('../links/OrphanReportPage'), 'OrphanReportPage');

/** Writer pages under /a/:accountId/sites/:siteId (writer tasks, content, images). */
export const writerRoutes: RouteObject[] = [
  { path: 'writer', element: <WriterTasksPage />, errorElement: <RouteError /> },
  { path: 'content', element: <ContentListPage />, errorElement: <RouteError /> },
  { path: 'content/:contentId', element: <ContentEditorPage />, errorElement: <RouteError /> },
  { path: 'images', element: <ImagesPage />, errorElement: <RouteError /> },
  { path: 'links', element: <OrphanReportPage />, errorElement: <RouteError /> },
];
