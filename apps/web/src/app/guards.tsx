import { Navigate, Outlet, useLocation } from 'react-router';
import { useSetupStatus } from '../api/queries/setup';
import { useAuth } from '../auth/store';
import { FullPageLoader } from '../components/FullPageLoader';
import { NotFoundPage } from '../features/home/NotFoundPage';

/** Signed-in area. Anonymous visitors go to /setup on a fresh install, else to /login. */
export function RequireAuth() {
  const status = useAuth((s) => s.status);
  const location = useLocation();
  const setup = useSetupStatus();

  if (status === 'authenticated') return <Outlet />;
  if (setup.isPending) return <FullPageLoader />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  const next = location.pathname + location.search;
  const to = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
  return <Navigate to={to} replace />;
}

/** Platform pages; for everyone else they do not exist. */
export function RequirePlatformOperator() {
  const platformOperator = useAuth((s) => s.platformOperator);
  return platformOperator ? <Outlet /> : <NotFoundPage />;
}

/** Where to go after signing in: a same-site path from ?next=, else home. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//')) return '/';
  return next;
}
