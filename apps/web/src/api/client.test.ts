import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authStore, resetAuthStore, sessionFromAuthResponse } from '../auth/store';
import { adoptSession, api, blockedRequestCount, endSession, refreshSession, resetBlockedRequestCount } from './client';
import { ApiError, MissingTokenError } from './errors';
import { authResponse, json } from './fixtures';

const MEMBERS = '/api/v1/accounts/acc-1/members';
const REFRESH = '/api/v1/auth/refresh';

function apiError(status: number, code: string, message = code): Response {
  return json(status, { error: { code, message } });
}

interface Call {
  path: string;
  method: string;
  token: string | null;
}

/**
 * A fake API: tenant routes accept only `validToken`; the refresh route answers with
 * `onRefresh`. Every call is recorded with the token it carried.
 */
function fakeServer(opts: { validToken: string; onRefresh: () => Response | Promise<Response> }) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const auth = new Headers(init?.headers).get('authorization');
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
    calls.push({ path, method: init?.method ?? 'GET', token });
    if (path === REFRESH) return opts.onRefresh();
    if (path.startsWith('/api/v1/setup/status')) return json(200, { needsSetup: false, signupEnabled: true });
    if (!token) return apiError(401, 'auth_missing');
    if (token !== opts.validToken) return apiError(401, 'auth_expired', 'Token expired');
    return json(200, { items: [], total: 0 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    refreshCalls: () => calls.filter((c) => c.path === REFRESH).length,
    tenantCalls: () => calls.filter((c) => c.path !== REFRESH),
  };
}

function signIn(token: string, expiresIn = 900) {
  adoptSession(sessionFromAuthResponse(authResponse(token, expiresIn)), { broadcast: false });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

beforeEach(() => {
  resetAuthStore();
  resetBlockedRequestCount();
});

afterEach(() => {
  endSession({ broadcast: false });
  resetAuthStore();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('api client: token at request time', () => {
  it('sends the token that is in the store when the request leaves', async () => {
    const server = fakeServer({ validToken: 't1', onRefresh: () => apiError(401, 'auth_invalid') });
    signIn('t1');
    await api(MEMBERS);
    authStore.setState({ accessToken: 't2' });
    await api(MEMBERS).catch(() => {});
    expect(
      server
        .tenantCalls()
        .map((c) => c.token)
        .slice(0, 2),
    ).toEqual(['t1', 't2']);
  });
});

describe('api client: requests without a token', () => {
  it('blocks a tenant request without a token, reports it and never sends it', async () => {
    const server = fakeServer({ validToken: 't1', onRefresh: () => apiError(401, 'auth_invalid') });
    const report = vi.spyOn(console, 'error').mockImplementation(() => {});
    authStore.setState({ status: 'anonymous' });

    await expect(api(MEMBERS)).rejects.toBeInstanceOf(MissingTokenError);

    expect(server.calls).toHaveLength(0);
    expect(blockedRequestCount()).toBe(1);
    expect(String(report.mock.calls[0]?.[0])).toContain('[igny8:auth:missing-token]');
  });

  it('blocks tenant requests made while the session is still booting', async () => {
    const server = fakeServer({ validToken: 't1', onRefresh: () => apiError(401, 'auth_invalid') });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(authStore.getState().status).toBe('booting');

    await expect(api('/api/v1/auth/me')).rejects.toBeInstanceOf(MissingTokenError);
    expect(server.calls).toHaveLength(0);
    expect(blockedRequestCount()).toBe(1);
  });

  it('lets public endpoints through without a token', async () => {
    const server = fakeServer({ validToken: 't1', onRefresh: () => apiError(401, 'auth_invalid') });
    authStore.setState({ status: 'anonymous' });
    await expect(api('/api/v1/setup/status')).resolves.toEqual({ needsSetup: false, signupEnabled: true });
    expect(server.calls).toHaveLength(1);
    expect(blockedRequestCount()).toBe(0);
  });
});

describe('api client: refresh and retry', () => {
  it('makes exactly one refresh call for N concurrent 401s and retries each request once', async () => {
    const refreshAnswer = deferred<Response>();
    const server = fakeServer({ validToken: 'new', onRefresh: () => refreshAnswer.promise });
    signIn('old');

    const requests = Array.from({ length: 6 }, () => api(MEMBERS));
    // Let every request get its 401 before the refresh answers.
    await vi.waitFor(() => expect(server.refreshCalls()).toBe(1));
    await new Promise((r) => setTimeout(r, 10));
    refreshAnswer.resolve(json(200, authResponse('new')));

    await expect(Promise.all(requests)).resolves.toHaveLength(6);
    expect(server.refreshCalls()).toBe(1);
    const tenant = server.tenantCalls();
    expect(tenant.filter((c) => c.token === 'old')).toHaveLength(6);
    expect(tenant.filter((c) => c.token === 'new')).toHaveLength(6);
    expect(authStore.getState().accessToken).toBe('new');
  });

  it('retries only once: a second 401 after a successful refresh is returned, not looped', async () => {
    let n = 0;
    // The refresh "works" but the server keeps rejecting the new token.
    const server = fakeServer({ validToken: 'never', onRefresh: () => json(200, authResponse(`r${++n}`)) });
    signIn('old');

    const err = await api(MEMBERS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(server.refreshCalls()).toBe(1);
    expect(server.tenantCalls()).toHaveLength(2);
    // A rejected retry is not a refused refresh: the session stays.
    expect(authStore.getState().status).toBe('authenticated');
  });

  it('does not refresh on 403s (role, platform, inactive): they are answers, not expiry', async () => {
    const fetchMock = vi.fn(async (input: RequestInfo | URL) =>
      String(input) === REFRESH ? json(200, authResponse('t2')) : apiError(403, 'role_insufficient', 'Admins only'),
    );
    vi.stubGlobal('fetch', fetchMock);
    signIn('t1');
    await expect(api(MEMBERS, { method: 'POST', body: {} })).rejects.toMatchObject({
      status: 403,
      code: 'role_insufficient',
      message: 'Admins only',
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(authStore.getState().accessToken).toBe('t1');
  });

  it('uses the token another tab obtained while this tab waited for the refresh lock', async () => {
    const server = fakeServer({ validToken: 'from-other-tab', onRefresh: () => json(200, authResponse('mine')) });
    const request = vi.fn(async (_name: string, cb: () => Promise<unknown>) => {
      // While we wait, the other tab refreshes and broadcasts its token.
      authStore.setState({ accessToken: 'from-other-tab', expiresAt: Date.now() + 900_000 });
      return cb();
    });
    vi.stubGlobal('navigator', { locks: { request } });
    signIn('old');

    await api(MEMBERS);

    expect(request).toHaveBeenCalledWith('igny8-refresh', expect.any(Function));
    expect(server.refreshCalls()).toBe(0);
    expect(server.tenantCalls().map((c) => c.token)).toEqual(['old', 'from-other-tab']);
  });
});

describe('api client: logout only when refresh is refused', () => {
  it('keeps the session when the refresh fails with a server error', async () => {
    fakeServer({ validToken: 'new', onRefresh: () => apiError(500, 'internal') });
    signIn('old');
    await expect(api(MEMBERS)).rejects.toMatchObject({ status: 401 });
    expect(authStore.getState()).toMatchObject({ status: 'authenticated', accessToken: 'old' });
  });

  it('keeps the session when the refresh cannot reach the server', async () => {
    fakeServer({
      validToken: 'new',
      onRefresh: () => Promise.reject(new TypeError('fetch failed')),
    });
    signIn('old');
    await expect(api(MEMBERS)).rejects.toMatchObject({ status: 401 });
    expect(authStore.getState().status).toBe('authenticated');
  });

  it('ends the session when the refresh itself is refused with 401', async () => {
    fakeServer({ validToken: 'new', onRefresh: () => apiError(401, 'auth_invalid') });
    signIn('old');
    await expect(api(MEMBERS)).rejects.toMatchObject({ status: 401 });
    expect(authStore.getState()).toMatchObject({ status: 'anonymous', accessToken: null, user: null });
  });

  it('answers a signed-out visit (refresh 204, no cookie) with no session and no error', async () => {
    fakeServer({ validToken: 'new', onRefresh: () => new Response(null, { status: 204 }) });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(refreshSession()).resolves.toBe('refused');
    expect(authStore.getState()).toMatchObject({ accessToken: null, user: null });
    expect(errors).not.toHaveBeenCalled();
  });

  it('drops a refresh answer that lands after the user logged out', async () => {
    const refreshAnswer = deferred<Response>();
    fakeServer({ validToken: 'new', onRefresh: () => refreshAnswer.promise });
    signIn('old');
    const outcome = refreshSession();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    endSession({ broadcast: false });
    refreshAnswer.resolve(json(200, authResponse('new')));
    await outcome;
    expect(authStore.getState()).toMatchObject({ status: 'anonymous', accessToken: null });
  });
});

describe('api client: proactive refresh', () => {
  it('refreshes shortly before the token expires, without waiting for a 401', async () => {
    vi.useFakeTimers();
    const server = fakeServer({ validToken: 'next', onRefresh: () => json(200, authResponse('next')) });
    signIn('first', 300);

    await vi.advanceTimersByTimeAsync(237_000);
    expect(server.refreshCalls()).toBe(0);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(server.refreshCalls()).toBe(1);
    expect(authStore.getState().accessToken).toBe('next');
  });

  it('refreshes before sending when the token is about to expire', async () => {
    const server = fakeServer({ validToken: 'next', onRefresh: () => json(200, authResponse('next')) });
    signIn('stale', 2);
    await api(MEMBERS);
    expect(server.calls.map((c) => c.path)).toEqual([REFRESH, MEMBERS]);
    expect(server.tenantCalls()[0]?.token).toBe('next');
  });
});
