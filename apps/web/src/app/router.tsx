import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { NotFoundPage } from '../features/home/NotFoundPage';
import { RootRedirect } from '../features/home/RootRedirect';
import { AccountScope } from '../features/account/AccountScope';
import { plannerRoutes } from '../features/planner/routes';
import { automationRoutes } from '../features/automation/routes';
import { siteSettingsRoutes } from '../features/sites/routes';
import { publishingRoutes } from '../features/publishing/routes';
import { SiteScope } from '../features/sites/SiteScope';
import { writerRoutes } from '../features/writer/routes';
import { RequireAuth, RequirePlatformOperator } from './guards';
import { AppLayout } from './layout/AppLayout';
import { PublicLayout } from './layout/PublicLayout';
import { RootRoute } from './RootRoute';
import { lazyPage as page } from './lazyPage';
import { RouteError } from './RouteError';

const LoginPage = page(() => import('../features/auth/LoginPage'), 'LoginPage');
const SetupPage = page(() => import('../features/auth/SetupPage'), 'SetupPage');
const SignupPage = page(() => import('../features/auth/SignupPage'), 'SignupPage');
const InviteAcceptPage = page(() => import('../features/auth/InviteAcceptPage'), 'InviteAcceptPage');
const ForgotPasswordPage = page(() => import('../features/auth/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = page(() => import('../features/auth/ResetPasswordPage'), 'ResetPasswordPage');
const VerifyEmailPage = page(() => import('../features/auth/VerifyEmailPage'), 'VerifyEmailPage');
const ProfilePage = page(() => import('../features/profile/ProfilePage'), 'ProfilePage');
const ApiTokensPage = page(() => import('../features/api-tokens/ApiTokensPage'), 'ApiTokensPage');
const AuditLogPage = page(() => import('../features/audit/AuditLogPage'), 'AuditLogPage');
const PlatformAuditPage = page(() => import('../features/audit/PlatformAuditPage'), 'PlatformAuditPage');
const PlatformBillingPage = page(
  () => import('../features/platform/billing/PlatformBillingPage'),
  'PlatformBillingPage',
);
const OverviewPage = page(() => import('../features/overview/OverviewPage'), 'OverviewPage');
const MembersPage = page(() => import('../features/members/MembersPage'), 'MembersPage');
const AccountSettingsPage = page(() => import('../features/settings/AccountSettingsPage'), 'AccountSettingsPage');
const SitesPage = page(() => import('../features/sites/SitesPage'), 'SitesPage');
const PlatformPage = page(() => import('../features/platform/PlatformPage'), 'PlatformPage');
const TasksPage = page(() => import('../features/tasks/TasksPage'), 'TasksPage');
const IntegrationsPage = page(() => import('../features/integrations/IntegrationsPage'), 'IntegrationsPage');
const UsagePage = page(() => import('../features/usage/UsagePage'), 'UsagePage');
const BillingPage = page(() => import('../features/billing/BillingPage'), 'BillingPage');
const PromptsPage = page(() => import('../features/prompts/PromptsPage'), 'PromptsPage');
const BrandVoicesPage = page(() => import('../features/voices/BrandVoicesPage'), 'BrandVoicesPage');

export const routes: RouteObject[] = [
  {
    element: <RootRoute />,
    errorElement: <RouteError />,
    children: [
      {
        element: <PublicLayout />,
        errorElement: <RouteError />,
        children: [
          { path: 'setup', element: <SetupPage /> },
          { path: 'login', element: <LoginPage /> },
          { path: 'signup', element: <SignupPage /> },
          { path: 'invite/:token', element: <InviteAcceptPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password/:token', element: <ResetPasswordPage /> },
          { path: 'verify-email/:token', element: <VerifyEmailPage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppLayout />,
            errorElement: <RouteError />,
            children: [
              { index: true, element: <RootRedirect /> },
              { path: 'profile', element: <ProfilePage />, errorElement: <RouteError /> },
              {
                path: 'a/:accountId',
                element: <AccountScope />,
                errorElement: <RouteError />,
                children: [
                  { index: true, element: <OverviewPage />, errorElement: <RouteError /> },
                  { path: 'members', element: <MembersPage />, errorElement: <RouteError /> },
                  { path: 'settings', element: <AccountSettingsPage />, errorElement: <RouteError /> },
                  { path: 'tasks', element: <TasksPage />, errorElement: <RouteError /> },
                  { path: 'integrations', element: <IntegrationsPage />, errorElement: <RouteError /> },
                  { path: 'usage', element: <UsagePage />, errorElement: <RouteError /> },
                  { path: 'billing', element: <BillingPage />, errorElement: <RouteError /> },
                  { path: 'api-tokens', element: <ApiTokensPage />, errorElement: <RouteError /> },
                  { path: 'audit', element: <AuditLogPage />, errorElement: <RouteError /> },
                  { path: 'prompts', element: <PromptsPage />, errorElement: <RouteError /> },
                  { path: 'brand-voices', element: <BrandVoicesPage />, errorElement: <RouteError /> },
                  { path: 'sites', element: <SitesPage />, errorElement: <RouteError /> },
                  {
                    path: 'sites/:siteId',
                    element: <SiteScope />,
                    errorElement: <RouteError />,
                    children: [
                      { index: true, element: <Navigate to="keywords" replace /> },
                      ...plannerRoutes,
                      ...writerRoutes,
                      ...publishingRoutes,
                      ...automationRoutes,
                      ...siteSettingsRoutes,
                      { path: '*', element: <NotFoundPage /> },
                    ],
                  },
                  { path: '*', element: <NotFoundPage /> },
                ],
              },
              {
                path: 'platform',
                element: <RequirePlatformOperator />,
                errorElement: <RouteError />,
                children: [
                  { index: true, element: <PlatformPage /> },
                  { path: 'audit', element: <PlatformAuditPage /> },
                  { path: 'billing', element: <PlatformBillingPage /> },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
