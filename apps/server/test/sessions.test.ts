import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, login, tenantFixture, testApp, type Session, type TestApp } from './helpers/app';

/** An access token stops working the moment its session ends, not when the token expires (900 s). */
let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
beforeAll(async () => {
  t = await testApp({ ACCESS_TOKEN_TTL_SECONDS: 900 });
  f = await tenantFixture(t.app);
});
afterAll(() => t.close());

const get = (url: string, who: Session) => t.app.inject({ method: 'GET', url, headers: bearer(who) });
const members = () => `/api/v1/accounts/${f.accountId}/members`;

describe('sessions end at once', () => {
  it('refuses the access token right after logout, and only that session', async () => {
    const other = await login(t.app, 'editor@a.test');
    const s = await login(t.app, 'editor@a.test');
    expect((await get(members(), s)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie } });
    expect(out.statusCode).toBe(204);
    for (const url of [members(), '/api/v1/auth/me']) {
      const res = await get(url, s);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({
        code: 'auth_invalid',
        message: expect.stringMatching(/session has ended/),
      });
    }
    // Another device's session of the same user goes on.
    expect((await get(members(), other)).statusCode).toBe(200);
  });

  it('refuses every session of a user the platform deactivates, and keeps them out after reactivation', async () => {
    const s = await login(t.app, 'viewer@a.test');
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/platform/users/${s.userId}`,
      headers: bearer(f.operator),
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    const res = await get(members(), s);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('user_inactive');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/platform/users/${s.userId}`,
      headers: bearer(f.operator),
      payload: { active: true },
    });
    // Deactivation revoked the session: reactivating the user does not bring the old token back.
    expect((await get('/api/v1/auth/me', s)).json().error.code).toBe('auth_invalid');
    expect((await get('/api/v1/auth/me', await login(t.app, 'viewer@a.test'))).statusCode).toBe(200);
  });

  it('refuses the account to a member the moment they are removed, and applies a role change on the next request', async () => {
    const admin = await login(t.app, 'admin@a.test');
    const invite = () =>
      t.app.inject({
        method: 'POST',
        url: members(),
        headers: bearer(admin),
        payload: { email: `x${Date.now()}@a.test`, role: 'viewer' },
      });
    expect((await invite()).statusCode).toBe(201);
    await t.app.inject({
      method: 'PATCH',
      url: `${members()}/${admin.userId}`,
      headers: bearer(f.owner),
      payload: { role: 'viewer' },
    });
    const demoted = await invite();
    expect(demoted.statusCode).toBe(403);
    expect(demoted.json().error.code).toBe('role_insufficient');

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `${members()}/${admin.userId}`,
      headers: bearer(f.owner),
    });
    expect(removed.statusCode).toBe(204);
    const res = await get(members(), admin);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('refuses an access token once it expires, though it was accepted before (a verified token is remembered only until then)', async () => {
    const s = await login(t.app, 'editor@a.test');
    expect((await get(members(), s)).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 901_000 });
    try {
      const res = await get(members(), s);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('auth_expired');
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a token with the claims of a remembered one and another signature (the memory is keyed by the whole token)', async () => {
    const s = await login(t.app, 'editor@a.test');
    expect((await get(members(), s)).statusCode).toBe(200);
    const [header, payload, signature] = s.token.split('.');
    const other = signature!.slice(0, -2) + (signature!.endsWith('A') ? 'BB' : 'AA');
    const forged = { ...s, token: `${header}.${payload}.${other}` };
    const res = await get(members(), forged);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).not.toBe('auth_expired');
    expect((await get(members(), s)).statusCode).toBe(200);
  });
});
