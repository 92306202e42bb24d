/**
 * TOTP two-factor sign-in on a fixed clock: the app's clock (AppDeps.now) is a variable the test moves, and
 * codes are computed with the same library an authenticator app's algorithm matches (RFC 6238).
 */
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountIdOf,
  addMember,
  bearer,
  login,
  setupPlatform,
  signup,
  testApp,
  TEST_PASSWORD,
  type Session,
  type TestApp,
} from './helpers/app';

let clock = new Date('2030-01-01T12:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await testApp({}, { now: () => clock });
  await setupPlatform(t.app);
});
afterAll(() => t?.close());

const post = (url: string, payload: object, s?: Session) =>
  t.app.inject({ method: 'POST', url, payload, headers: s ? bearer(s) : {} });
const codeAt = (secret: string, at: Date) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at.getTime(),
  });
const tick = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

async function enable(s: Session): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await post('/api/v1/auth/two-factor/setup', { password: TEST_PASSWORD }, s);
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret, otpauthUrl, qrSvg } = setup.json();
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/igny8:.+\?.*secret=/);
  expect(qrSvg).toMatch(/^<svg/);
  const enabled = await post('/api/v1/auth/two-factor/enable', { code: codeAt(secret, clock) }, s);
  expect(enabled.statusCode, enabled.body).toBe(200);
  tick(30); // the code just used is spent; the next sign-in needs the next one
  return { secret, recoveryCodes: enabled.json().recoveryCodes };
}

describe('two-factor sign-in', () => {
  it('sets up with a QR code, then sign-in needs the current code; a wrong, old or replayed code is refused', async () => {
    const s = await signup(t.app, 'totp@2fa.test');
    expect((await post('/api/v1/auth/two-factor/setup', { password: 'wrong' }, s)).json().error.code).toBe(
      'password_incorrect',
    );
    const setup = (await post('/api/v1/auth/two-factor/setup', { password: TEST_PASSWORD }, s)).json();
    // A code from another secret does not turn it on.
    const wrong = await post(
      '/api/v1/auth/two-factor/enable',
      { code: codeAt(new Secret({ size: 20 }).base32, clock) },
      s,
    );
    expect(wrong.json().error.code).toBe('two_factor_invalid');
    const enabled = await post('/api/v1/auth/two-factor/enable', { code: codeAt(setup.secret, clock) }, s);
    const codes = enabled.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await t.app.inject({ url: '/api/v1/auth/two-factor', headers: bearer(s) })).json()).toEqual({
      enabled: true,
      recoveryCodesLeft: 10,
    });

    const first = await post('/api/v1/auth/login', { email: 'totp@2fa.test', password: TEST_PASSWORD });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ twoFactorRequired: true, expiresIn: 300 });
    expect(first.cookies).toEqual([]);
    const { challenge } = first.json();

    // The code enabling used is spent: the same 30-second step is refused.
    expect(
      (await post('/api/v1/auth/login/two-factor', { challenge, code: codeAt(setup.secret, clock) })).json().error.code,
    ).toBe('two_factor_invalid');
    tick(30);
    // A code from three steps ago is out of the ±1 step window.
    expect(
      (
        await post('/api/v1/auth/login/two-factor', {
          challenge,
          code: codeAt(setup.secret, new Date(clock.getTime() - 90_000)),
        })
      ).statusCode,
    ).toBe(400);
    const ok = await post('/api/v1/auth/login/two-factor', { challenge, code: codeAt(setup.secret, clock) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.twoFactorEnabled).toBe(true);
    // The challenge is spent, and the code too.
    expect(
      (await post('/api/v1/auth/login/two-factor', { challenge, code: codeAt(setup.secret, clock) })).json().error.code,
    ).toBe('challenge_invalid');
  });

  it('a challenge expires after five minutes', async () => {
    const s = await signup(t.app, 'slow@2fa.test');
    const { secret } = await enable(s);
    const { challenge } = (
      await post('/api/v1/auth/login', { email: 'slow@2fa.test', password: TEST_PASSWORD })
    ).json();
    tick(301);
    expect(
      (await post('/api/v1/auth/login/two-factor', { challenge, code: codeAt(secret, clock) })).json().error.code,
    ).toBe('challenge_invalid');
  });

  it('signs in with a recovery code once each; turning two-factor off needs the password and a code', async () => {
    const s = await signup(t.app, 'lost-phone@2fa.test');
    const { secret, recoveryCodes } = await enable(s);
    const signIn = async (proof: object) => {
      const { challenge } = (
        await post('/api/v1/auth/login', { email: 'lost-phone@2fa.test', password: TEST_PASSWORD })
      ).json();
      return post('/api/v1/auth/login/two-factor', { challenge, ...proof });
    };
    expect((await signIn({ recoveryCode: recoveryCodes[0]!.toUpperCase() })).statusCode).toBe(200);
    expect((await signIn({ recoveryCode: recoveryCodes[0]! })).json().error.code).toBe('two_factor_invalid');
    expect((await t.app.inject({ url: '/api/v1/auth/two-factor', headers: bearer(s) })).json().recoveryCodesLeft).toBe(
      9,
    );

    expect(
      (await post('/api/v1/auth/two-factor/disable', { password: 'nope', code: codeAt(secret, clock) }, s)).statusCode,
    ).toBe(403);
    expect(
      (await post('/api/v1/auth/two-factor/disable', { password: TEST_PASSWORD, code: codeAt(secret, clock) }, s))
        .statusCode,
    ).toBe(204);
    const plain = await post('/api/v1/auth/login', { email: 'lost-phone@2fa.test', password: TEST_PASSWORD });
    expect(plain.statusCode).toBe(200);
  });
});

describe('an account that requires two-factor sign-in', () => {
  it('cannot be switched on by an admin without it; then members without it (and their API tokens) are refused until they turn it on', async () => {
    const owner = await signup(t.app, 'owner@strict.test', 'Strict Co');
    const accountId = accountIdOf(owner);
    const editor = await addMember(t.app, owner, accountId, 'editor@strict.test', 'editor');
    const token = (
      await post(`/api/v1/accounts/${accountId}/api-tokens`, { name: 'ci', role: 'viewer' }, editor)
    ).json().secret as string;
    const put = (s: Session, requireTwoFactor: boolean) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/accounts/${accountId}/security`,
        headers: bearer(s),
        payload: { requireTwoFactor },
      });

    expect((await put(owner, true)).json().error.code).toBe('two_factor_required');
    await enable(owner);
    const on = await put(owner, true);
    expect(on.statusCode).toBe(200);
    expect(on.json().requireTwoFactor).toBe(true);

    const sites = (auth: string) =>
      t.app.inject({ url: `/api/v1/accounts/${accountId}/sites`, headers: { authorization: `Bearer ${auth}` } });
    expect(`${(await sites(editor.token)).statusCode} ${(await sites(editor.token)).json().error.code}`).toBe(
      '403 two_factor_required',
    );
    expect((await sites(token)).json().error.code).toBe('two_factor_required');
    expect((await sites(owner.token)).statusCode).toBe(200);
    // Their own profile still works, so they can turn it on; the membership says why the account refuses.
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(editor) });
    expect(me.json().memberships[0]).toMatchObject({ accountName: 'Strict Co', requireTwoFactor: true });
    await enable(editor);
    expect((await sites(editor.token)).statusCode).toBe(200);
    expect((await sites(token)).statusCode).toBe(200);
    const again = await login(t.app, 'owner@strict.test').catch((e: Error) => e);
    expect(again).toBeInstanceOf(Error); // owner now signs in in two steps
  });
});
