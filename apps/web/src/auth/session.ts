import {
  authResponseSchema,
  meSchema,
  loginResultSchema,
  signupResultSchema,
  type LoginTwoFactorBody,
  type SignupPending,
  type TwoFactorChallenge,
  type AcceptInviteBody,
  type AuthResponse,
  type LoginBody,
  type SetupBody,
  type SignupBody,
} from '@igny8/contracts';
import { adoptSession, api, endSession, refreshSession, type RefreshOutcome } from '../api/client';
import { onAuthMessage } from './broadcast';
import { authStore, sessionFromAuthResponse, setProfile } from './store';

// ---- boot ------------------------------------------------------------------------------------

let bootPromise: Promise<RefreshOutcome> | null = null;

/**
 * Restores the session with exactly one refresh call per page load, however many times the
 * gate mounts (StrictMode mounts twice). Only a boot that could not reach the server may run
 * again, when the user presses retry.
 */
export function bootSession(): Promise<RefreshOutcome> {
  installCrossTabSync();
  bootPromise ??= refreshSession().then((outcome) => {
    if (outcome === 'unavailable') bootPromise = null;
    return outcome;
  });
  return bootPromise;
}

/** The server could not be reached at boot and the user chose to continue to the login page. */
export function giveUpBoot(): void {
  if (authStore.getState().status === 'booting') endSession({ broadcast: false });
}

// ---- cross-tab sync --------------------------------------------------------------------------

let stopCrossTabSync: (() => void) | null = null;

export function installCrossTabSync(): void {
  stopCrossTabSync ??= onAuthMessage((message) => {
    const state = authStore.getState();
    if (message.type === 'logout') {
      // A booting tab decides with its own refresh; everything else follows the other tab.
      if (state.status === 'authenticated') endSession({ broadcast: false });
      return;
    }
    const { session } = message;
    const newer =
      state.status !== 'authenticated' ||
      state.user?.id !== session.user.id ||
      session.expiresAt > (state.expiresAt ?? 0);
    if (newer) adoptSession(session, { broadcast: false });
  });
}

// ---- sign in / sign out ----------------------------------------------------------------------

function start(res: AuthResponse): AuthResponse {
  adoptSession(sessionFromAuthResponse(res), { broadcast: true });
  return res;
}

/** Signed in, or (two-factor on) a challenge to answer with a code through `loginTwoFactor`. */
export async function login(body: LoginBody): Promise<AuthResponse | TwoFactorChallenge> {
  const res = await api('/api/v1/auth/login', { method: 'POST', body, schema: loginResultSchema });
  return 'accessToken' in res ? start(res) : res;
}

export async function loginTwoFactor(body: LoginTwoFactorBody): Promise<AuthResponse> {
  return start(await api('/api/v1/auth/login/two-factor', { method: 'POST', body, schema: authResponseSchema }));
}

/** Signed in, or (the platform verifies emails) "check your email". */
export async function signup(body: SignupBody): Promise<AuthResponse | SignupPending> {
  const res = await api('/api/v1/auth/signup', { method: 'POST', body, schema: signupResultSchema });
  return 'accessToken' in res ? start(res) : res;
}

export async function setupFirstAdmin(body: SetupBody): Promise<AuthResponse> {
  return start(await api('/api/v1/setup', { method: 'POST', body, schema: authResponseSchema }));
}

export async function acceptInvite(body: AcceptInviteBody): Promise<AuthResponse> {
  return start(await api('/api/v1/auth/invite/accept', { method: 'POST', body, schema: authResponseSchema }));
}

export async function logout(): Promise<void> {
  try {
    await api('/api/v1/auth/logout', { method: 'POST', body: {} });
  } catch (err) {
    // The local session ends regardless; the server-side refresh token expires on its own.
    console.warn('[igny8:auth] logout request failed', err);
  }
  endSession({ broadcast: true });
}

/** Re-reads the user's memberships (after a rename, a role change, a 403). */
export async function reloadProfile(): Promise<void> {
  if (authStore.getState().status !== 'authenticated') return;
  setProfile(await api('/api/v1/auth/me', { schema: meSchema }));
}
