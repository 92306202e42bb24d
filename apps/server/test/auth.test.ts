import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  login,
  OPERATOR_PASSWORD,
  refreshCookieOf,
  setupPlatform,
  signup,
  TEST_PASSWORD,
  testApp,
  type TestApp,
} from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ REFRESH_REUSE_GRACE_SECONDS: 0 });
});
afterAll(() => t.close());

const post = (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('first-run setup', () => {
  it('reports needsSetup before any user exists, and refuses sign-up until then', async () => {
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' });
    expect(status.json()).toEqual({ needsSetup: true, signupEnabled: true, emailConfigured: false });
    const res = await post('/api/v1/auth/signup', {
      email: 'a@b.io',
      password: TEST_PASSWORD,
      name: 'A',
      accountName: 'A',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('setup_required');
  });

  it('validates the body with field paths and writes nothing', async () => {
    const res = await post('/api/v1/setup', {
      email: 'not-an-email',
      password: 'short',
      name: '',
      accountName: 'x'.repeat(500),
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['body.accountName', 'body.email', 'body.name', 'body.password']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json().needsSetup).toBe(true);
  });

  it('answers malformed JSON with 400 invalid_json, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('creates the system account and its owner once; two racing calls give one 201 and one 409', async () => {
    const body = (email: string) => ({ email, password: OPERATOR_PASSWORD, name: 'Op', accountName: 'Platform' });
    const [a, b] = await Promise.all([
      post('/api/v1/setup', body('op1@x.io')),
      post('/api/v1/setup', body('op2@x.io')),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const created = a.statusCode === 201 ? a : b;
    expect(created.json().memberships).toEqual([
      expect.objectContaining({ isSystem: true, role: 'owner', accountName: 'Platform' }),
    ]);
    expect(created.json().platformOperator).toBe(true);
    const again = await post('/api/v1/setup', body('op3@x.io'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('setup_done');
  });
});

describe('sign-up and login', () => {
  it('signs up a new owner of a new account; a duplicate email is 409 email_taken (case-insensitive)', async () => {
    const s = await signup(t.app, 'Writer@Example.com', 'Writers');
    expect(s.auth.user.email).toBe('writer@example.com');
    expect(s.auth.memberships).toEqual([
      expect.objectContaining({ role: 'owner', accountName: 'Writers', isSystem: false }),
    ]);
    expect(s.auth.platformOperator).toBe(false);
    const dup = await post('/api/v1/auth/signup', {
      email: 'WRITER@example.com',
      password: TEST_PASSWORD,
      name: 'W',
      accountName: 'Again',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('email_taken');
  });

  it('gives the same 401 auth_invalid for a wrong password and an unknown email', async () => {
    const wrong = await post('/api/v1/auth/login', { email: 'writer@example.com', password: 'nope-nope' });
    const unknown = await post('/api/v1/auth/login', { email: 'ghost@example.com', password: 'nope-nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('auth_invalid');
  });

  it('returns the user and memberships from /auth/me, and 401 auth_missing / auth_invalid without a good token', async () => {
    const s = await login(t.app, 'writer@example.com');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(s) });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe('writer@example.com');
    expect(me.json().memberships).toHaveLength(1);
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(none.json().error.code).toBe('auth_missing');
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: 'Bearer abc.def.ghi' },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('auth_invalid');
  });

  it('switches sign-up off when the platform says so', async () => {
    const op = await login(t.app, (await firstOperatorEmail()) ?? '', OPERATOR_PASSWORD);
    const off = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/platform/settings',
      headers: bearer(op),
      payload: { signupEnabled: false },
    });
    expect(off.json()).toEqual({ signupEnabled: false, allowAccountKeys: true, emailVerification: false });
    const res = await post('/api/v1/auth/signup', {
      email: 'late@x.io',
      password: TEST_PASSWORD,
      name: 'L',
      accountName: 'L',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('signup_disabled');
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/platform/settings',
      headers: bearer(op),
      payload: { signupEnabled: true },
    });
  });
});

async function firstOperatorEmail(): Promise<string | undefined> {
  for (const email of ['op1@x.io', 'op2@x.io']) {
    const r = await post('/api/v1/auth/login', { email, password: OPERATOR_PASSWORD });
    if (r.statusCode === 200) return email;
  }
  return undefined;
}

describe('refresh tokens', () => {
  it('rotates: the new cookie works, and replaying the old one revokes the whole family', async () => {
    const s = await login(t.app, 'writer@example.com');
    const r1 = await post('/api/v1/auth/refresh', undefined, { cookie: s.cookie });
    expect(r1.statusCode).toBe(200);
    const next = refreshCookieOf(r1);
    expect(next).not.toBe(s.cookie);
    expect(r1.json().accessToken).toBeTruthy();

    const replay = await post('/api/v1/auth/refresh', undefined, { cookie: s.cookie });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('auth_invalid');
    // The thief's replay took the legitimate tab's session down too.
    const afterTheft = await post('/api/v1/auth/refresh', undefined, { cookie: next });
    expect(afterTheft.statusCode).toBe(401);
  });

  it('answers a refresh with no cookie 204 (signed out, no error) and refuses one after logout', async () => {
    const none = await post('/api/v1/auth/refresh');
    expect(none.statusCode).toBe(204);
    expect(none.body).toBe('');
    expect(none.headers['set-cookie']).toBeUndefined();
    const s = await login(t.app, 'writer@example.com');
    const out = await post('/api/v1/auth/logout', undefined, { cookie: s.cookie });
    expect(out.statusCode).toBe(204);
    const after = await post('/api/v1/auth/refresh', undefined, { cookie: s.cookie });
    expect(after.statusCode).toBe(401);
  });

  it('sets the refresh cookie httpOnly, SameSite=Strict, scoped to the auth path', async () => {
    const res = await post('/api/v1/auth/login', { email: 'writer@example.com', password: TEST_PASSWORD });
    const c = res.cookies.find((c) => c.name === 'igny8_rt')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    expect(c.path).toBe('/api/v1/auth');
  });
});

describe('refresh reuse grace (two tabs refreshing at once)', () => {
  let g: TestApp;
  beforeAll(async () => {
    g = await testApp({ REFRESH_REUSE_GRACE_SECONDS: 10 });
    await setupPlatform(g.app);
    await signup(g.app, 'tabs@x.io');
  });
  afterAll(() => g.close());

  it('lets both concurrent refreshes with the same cookie succeed without revoking the session', async () => {
    const s = await login(g.app, 'tabs@x.io');
    const refresh = (cookie: string) =>
      g.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: { cookie } });
    const [a, b] = await Promise.all([refresh(s.cookie), refresh(s.cookie)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect((await refresh(refreshCookieOf(a))).statusCode).toBe(200);
    expect((await refresh(refreshCookieOf(b))).statusCode).toBe(200);
  });
});

describe('login rate limit', () => {
  let r: TestApp;
  beforeAll(async () => {
    r = await testApp({ LOGIN_LIMIT_PER_EMAIL: 3, LOGIN_LIMIT_PER_IP: 5 });
    await setupPlatform(r.app);
  });
  afterAll(() => r.close());
  const attempt = (email: string, ip = '10.0.0.1') =>
    r.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'wrong-pass' },
      remoteAddress: ip,
    });

  it('limits attempts per email across addresses with 429 rate_limited and Retry-After', async () => {
    for (const ip of ['10.0.1.1', '10.0.1.2', '10.0.1.3'])
      expect((await attempt('victim@x.io', ip)).statusCode).toBe(401);
    const limited = await attempt('victim@x.io', '10.0.1.4');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits attempts per address across emails', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(`user${i}@x.io`, '10.0.2.1')).statusCode).toBe(401);
    const limited = await attempt('another@x.io', '10.0.2.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
