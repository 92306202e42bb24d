import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AuthResponse, Me, Membership, User } from '@igny8/contracts';

/**
 * The session lives at module level, outside React. The seed product kept it in component
 * state, lost it on a remount and then sent tenant requests without a token; a module-level
 * store survives remounts, route changes and Suspense boundaries.
 */
export type AuthStatus = 'booting' | 'authenticated' | 'anonymous';

export interface Session {
  accessToken: string;
  /** Epoch milliseconds at which the access token stops being accepted. */
  expiresAt: number;
  user: User;
  memberships: Membership[];
  platformOperator: boolean;
}

export interface AuthState {
  status: AuthStatus;
  accessToken: string | null;
  expiresAt: number | null;
  user: User | null;
  memberships: Membership[];
  platformOperator: boolean;
}

const initialState: AuthState = {
  status: 'booting',
  accessToken: null,
  expiresAt: null,
  user: null,
  memberships: [],
  platformOperator: false,
};

export const authStore = createStore<AuthState>()(() => ({ ...initialState }));

export function sessionFromAuthResponse(res: AuthResponse, now = Date.now()): Session {
  return {
    accessToken: res.accessToken,
    expiresAt: now + res.expiresIn * 1000,
    user: res.user,
    memberships: res.memberships,
    platformOperator: res.platformOperator,
  };
}

export function setSession(session: Session): void {
  authStore.setState({ status: 'authenticated', ...session });
}

/** Profile data from `GET /auth/me`; keeps the token as it is. */
export function setProfile(me: Me): void {
  authStore.setState({
    user: me.user,
    memberships: me.memberships,
    platformOperator: me.platformOperator,
  });
}

export function clearSession(): void {
  authStore.setState({ ...initialState, status: 'anonymous' });
}

/** Test helper: back to the state of a freshly loaded page. */
export function resetAuthStore(): void {
  authStore.setState({ ...initialState });
}

export function useAuth<T>(selector: (state: AuthState) => T): T {
  return useStore(authStore, selector);
}
