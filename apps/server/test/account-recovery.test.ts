/**
 * Forgotten and changed passwords, email verification on sign-up and the sessions list, against the real SMTP
 * receiver process. Answers never tell whether an email has an account.
 */
import { spawnSmtpReceiver, type SmtpReceiverProcess } from '@igny8/e2e/smtp-receiver';
import { eq } from 'drizzle-orm';
import { hashToken } from '../src/auth/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userTokens } from '../src/db/schema/index';
import {
  bearer,
  login,
  refreshCookieOf,
  setupPlatform,
  signup,
  testApp,
  TEST_PASSWORD,
  type Session,
  type TestApp,
} from './helpers/app';
import { linkIn, smtpTo } from './helpers/mail';

const NEW_PASSWORD = 'amber-glacier-tuning-42';
let receiver: SmtpReceiverProcess;
let t: TestApp;

beforeAll(async () => {
  receiver = await spawnSmtpReceiver();
  t = await testApp(smtpTo(receiver), { runtime: { worker: true } });
  await setupPlatform(t.app);
});
afterAll(async () => {
  await t?.close();
  await receiver?.stop();
});

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });
const me = (s: Session) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(s) });

/** Sign-up with verification on: the link from the email, then a normal sign-in. */
async function verifiedUser(email: string): Promise<Session> {
  await verifyNewUser(email);
  return login(t.app, email);
}

async function verifyNewUser(email: string): Promise<void> {
  const res = await post('/api/v1/auth/signup', {
    email,
    password: TEST_PASSWORD,
    name: email.split('@')[0]!,
    accountName: `Co ${email}`,
  });
  expect(res.statusCode, res.body).toBe(202);
  const mail = await receiver.waitFor(email, (m) => m.subject === 'Confirm your email for igny8');
  expect((await post('/api/v1/auth/verify-email', { token: linkIn(mail, 'verify-email').token })).statusCode).toBe(204);
}

describe('email verification on sign-up', () => {
  it('answers a new and a known address alike; only the mailbox differs, and sign-in waits for the link', async () => {
    const fresh = await post('/api/v1/auth/signup', {
      email: 'new@verify.test',
      password: TEST_PASSWORD,
      name: 'New',
      accountName: 'New Co',
    });
    const known = await post('/api/v1/auth/signup', {
      email: 'operator@igny8.test',
      password: TEST_PASSWORD,
      name: 'X',
      accountName: 'X Co',
    });
    expect([fresh.statusCode, known.statusCode]).toEqual([202, 202]);
    expect(known.json()).toEqual(fresh.json());
    expect(fresh.json()).toEqual({ verificationRequired: true, emailConfigured: true });
    expect(fresh.cookies).toEqual([]);

    const note = await receiver.waitFor('operator@igny8.test');
    expect(note.subject).toBe('Someone tried to sign up to igny8 with your email');

    const early = await post('/api/v1/auth/login', { email: 'new@verify.test', password: TEST_PASSWORD });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('email_unverified');

    // Asking again sends a new link; only the newest works.
    const first = await receiver.waitFor('new@verify.test');
    expect((await post('/api/v1/auth/verify-email/resend', { email: 'new@verify.test' })).json()).toEqual({
      emailConfigured: true,
    });
    const second = await receiver.waitFor(
      'new@verify.test',
      (m) => linkIn(m, 'verify-email').token !== linkIn(first, 'verify-email').token,
    );
    expect(
      (await post('/api/v1/auth/verify-email', { token: linkIn(first, 'verify-email').token })).json().error.code,
    ).toBe('verification_invalid');
    expect((await post('/api/v1/auth/verify-email', { token: linkIn(second, 'verify-email').token })).statusCode).toBe(
      204,
    );
    expect((await post('/api/v1/auth/verify-email', { token: linkIn(second, 'verify-email').token })).statusCode).toBe(
      400,
    ); // single use

    const s = await login(t.app, 'new@verify.test');
    expect(s.auth.user.emailVerified).toBe(true);
    expect(s.auth.memberships.map((m) => m.accountName)).toEqual(['New Co']);
  });
});

describe('forgot password', () => {
  it('sends a single-use link that sets a new password and ends every session at once', async () => {
    const a = await verifiedUser('forgetful@reset.test');
    const b = await login(t.app, 'forgetful@reset.test');
    expect((await me(a)).statusCode).toBe(200);

    const unknown = await post('/api/v1/auth/password/forgot', { email: 'nobody@reset.test' });
    const known = await post('/api/v1/auth/password/forgot', { email: 'forgetful@reset.test' });
    expect([unknown.statusCode, known.statusCode]).toEqual([202, 202]);
    expect(unknown.json()).toEqual(known.json());

    const mail = await receiver.waitFor('forgetful@reset.test', (m) => m.subject === 'Reset your igny8 password');
    expect(mail.text).toContain('expires in 30 minutes');
    const { token } = linkIn(mail, 'reset-password');

    const weak = await post('/api/v1/auth/password/reset', { token, password: 'password1' });
    expect(weak.json().error.code).toBe('password_weak');
    expect((await post('/api/v1/auth/password/reset', { token, password: NEW_PASSWORD })).statusCode).toBe(204);

    // Both sessions ended: their access tokens stop at once, their refresh cookies too.
    for (const s of [a, b]) {
      const res = await me(s);
      expect(`${res.statusCode} ${res.json().error.code}`).toBe('401 auth_invalid');
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: { cookie: s.cookie } })).statusCode,
      ).toBe(401);
    }
    const again = await post('/api/v1/auth/password/reset', { token, password: 'another-brisk-meadow-81' });
    expect(again.json().error.code).toBe('reset_invalid');
    expect(
      (await post('/api/v1/auth/login', { email: 'forgetful@reset.test', password: TEST_PASSWORD })).statusCode,
    ).toBe(401);
    await login(t.app, 'forgetful@reset.test', NEW_PASSWORD);
    const notice = await receiver.waitFor(
      'forgetful@reset.test',
      (m) => m.subject === 'Your igny8 password was changed',
    );
    expect(notice.text).toContain('every session was signed out');
  });

  it('refuses an expired link', async () => {
    await verifiedUser('late@reset.test');
    await post('/api/v1/auth/password/forgot', { email: 'late@reset.test' });
    const { token } = linkIn(
      await receiver.waitFor('late@reset.test', (m) => m.subject.startsWith('Reset')),
      'reset-password',
    );
    await t.database.db
      .update(userTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userTokens.tokenHash, hashToken(token)));
    const res = await post('/api/v1/auth/password/reset', { token, password: NEW_PASSWORD });
    expect(res.json().error.code).toBe('reset_invalid');
  });
});

describe('change password and sessions', () => {
  it('asks for the current password, keeps this session and ends the others at once', async () => {
    const here = await signupAndLogin(
      'changer@profile.test',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    );
    const there = await loginAs(
      'changer@profile.test',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    );

    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: bearer(here) });
    const items = listed.json().items as { id: string; device: string; current: boolean; ip: string }[];
    expect(items.map((s) => [s.device, s.current]).sort()).toEqual([
      ['Chrome 126 on Linux', true],
      ['Safari 17 on iOS', false],
    ]);
    expect(items[0]!.ip).toBe('127.0.0.1');

    const wrong = await post(
      '/api/v1/auth/password/change',
      { currentPassword: 'not-it', newPassword: NEW_PASSWORD },
      bearer(here),
    );
    expect(`${wrong.statusCode} ${wrong.json().error.code}`).toBe('403 password_incorrect');
    const ok = await post(
      '/api/v1/auth/password/change',
      { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
      bearer(here),
    );
    expect(ok.statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(there)).statusCode).toBe(401);
  });

  it('ends one chosen session: its tokens stop working on the next request; another user cannot end it', async () => {
    const a = await signupAndLogin('ender@profile.test');
    const b = await loginAs('ender@profile.test');
    const other = await signup(t.app, 'intruder@profile.test').catch(() => undefined);
    const items = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: bearer(a) })).json()
      .items as { id: string; current: boolean }[];
    const bId = items.find((s) => !s.current)!.id;
    if (other) {
      const foreign = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/auth/sessions/${bId}`,
        headers: bearer(other),
      });
      expect(foreign.statusCode).toBe(404);
    }
    expect((await me(b)).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${bId}`, headers: bearer(a) })).statusCode,
    ).toBe(204);
    expect((await me(b)).json().error.code).toBe('auth_invalid');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: { cookie: b.cookie } })).statusCode,
    ).toBe(401);
    expect((await me(a)).statusCode).toBe(200);
  });
});

async function signupAndLogin(email: string, userAgent?: string): Promise<Session> {
  await verifyNewUser(email);
  return loginAs(email, userAgent);
}

async function loginAs(email: string, userAgent = 'curl/8.5.0'): Promise<Session> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: TEST_PASSWORD },
    headers: { 'user-agent': userAgent },
  });
  expect(res.statusCode, res.body).toBe(200);
  const auth = res.json();
  return { token: auth.accessToken, cookie: refreshCookieOf(res), auth, userId: auth.user.id };
}
