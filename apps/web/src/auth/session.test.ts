import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adoptSession, endSession } from '../api/client';
import { authResponse, json } from '../api/fixtures';
import type { AuthMessage } from './broadcast';
import { bootSession, installCrossTabSync, login, logout } from './session';
import { authStore, resetAuthStore, sessionFromAuthResponse } from './store';

/** Plays "another tab" on the real BroadcastChannel (Node has one). */
function otherTab() {
  const channel = new BroadcastChannel('igny8-auth');
  const received: AuthMessage[] = [];
  channel.onmessage = (e: MessageEvent<AuthMessage>) => received.push(e.data);
  return {
    received,
    post: (m: AuthMessage) => channel.postMessage(m),
    close: () => channel.close(),
  };
}

let tab: ReturnType<typeof otherTab>;

beforeEach(() => {
  resetAuthStore();
  tab = otherTab();
});

afterEach(() => {
  tab.close();
  endSession({ broadcast: false });
  resetAuthStore();
  vi.unstubAllGlobals();
});

describe('boot', () => {
  it('restores the session with exactly one refresh call however often the gate mounts', async () => {
    const fetchMock = vi.fn(async (_input: RequestInfo | URL) => json(200, authResponse('booted')));
    vi.stubGlobal('fetch', fetchMock);

    const outcomes = await Promise.all([bootSession(), bootSession(), bootSession()]);
    await bootSession();

    expect(outcomes).toEqual(['refreshed', 'refreshed', 'refreshed']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/auth/refresh');
    expect(authStore.getState()).toMatchObject({ status: 'authenticated', accessToken: 'booted' });
  });
});

describe('cross-tab sync', () => {
  it('tells other tabs about a login and a logout', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) =>
        String(input).endsWith('/logout') ? new Response(null, { status: 204 }) : json(200, authResponse('t1')),
      ),
    );
    await login({ email: 'u1@example.com', password: 'secret-pass' });
    await logout();

    await vi.waitFor(() => expect(tab.received.map((m) => m.type)).toEqual(['session', 'logout']));
    const first = tab.received[0];
    expect(first?.type === 'session' && first.session.accessToken).toBe('t1');
    expect(authStore.getState().status).toBe('anonymous');
  });

  it('adopts a newer token from another tab and ends the session when another tab logs out', async () => {
    installCrossTabSync();
    adoptSession(sessionFromAuthResponse(authResponse('mine')), { broadcast: false });

    tab.post({ type: 'session', session: sessionFromAuthResponse(authResponse('theirs'), Date.now() + 60_000) });
    await vi.waitFor(() => expect(authStore.getState().accessToken).toBe('theirs'));

    tab.post({ type: 'logout' });
    await vi.waitFor(() => expect(authStore.getState().status).toBe('anonymous'));
  });

  it('ignores an older token from another tab', async () => {
    installCrossTabSync();
    adoptSession(sessionFromAuthResponse(authResponse('mine')), { broadcast: false });
    tab.post({ type: 'session', session: sessionFromAuthResponse(authResponse('old'), Date.now() - 60_000) });
    await new Promise((r) => setTimeout(r, 50));
    expect(authStore.getState().accessToken).toBe('mine');
  });
});
