import { Outlet } from 'react-router';
import { AuthGate } from '../auth/gate';

/** Top of the router tree: nothing below renders before the session is restored. */
export function RootRoute() {
  return (
    <AuthGate>
      <Outlet />
    </AuthGate>
  );
}
