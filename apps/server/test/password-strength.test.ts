import { checkPassword } from '@igny8/contracts/password';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_PASSWORD, setupPlatform, TEST_PASSWORD, testApp, type TestApp } from './helpers/app';

const weak = ['password', '12345678', '        ', 'password-123', 'qwertyuiop', 'aaaaaaaaaaaa', 'iloveyou1'];

describe('the password rule (shared with the web forms)', () => {
  it('refuses common and guessable passwords, with a reason', () => {
    for (const p of weak) {
      const v = checkPassword(p);
      expect(`${JSON.stringify(p)} ${v.ok}`).toBe(`${JSON.stringify(p)} false`);
      expect(v.warning || v.suggestions.join(' ')).not.toBe('');
    }
    expect(checkPassword('short7!').warning).toMatch(/at least 8 characters/);
    for (const p of [TEST_PASSWORD, OPERATOR_PASSWORD, 'correct horse battery staple'])
      expect(checkPassword(p).ok).toBe(true);
  });

  it('counts the email and names on the form as guessable', () => {
    expect(checkPassword('margarethe.bergmann').ok).toBe(true);
    expect(checkPassword('margarethe.bergmann', ['margarethe.bergmann@example.com', 'Margarethe Bergmann']).ok).toBe(
      false,
    );
  });
});

describe('weak passwords through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());
  const post = (url: string, password: string, email: string) =>
    t.app.inject({ method: 'POST', url, payload: { email, password, name: 'Pat', accountName: 'Pat Co' } });

  it('setup answers 400 password_weak with the reason, and creates nothing', async () => {
    for (const p of weak) {
      const res = await post('/api/v1/setup', p, 'op@x.io');
      expect(`${JSON.stringify(p)} ${res.statusCode} ${res.json().error.code}`).toBe(
        `${JSON.stringify(p)} 400 password_weak`,
      );
      expect(res.json().error.details).toMatchObject({ path: 'body.password', score: expect.any(Number) });
      expect(res.json().error.message.length).toBeGreaterThan(10);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json().needsSetup).toBe(true);
  });

  it('sign-up answers 400 password_weak and creates no user', async () => {
    await setupPlatform(t.app);
    const res = await post('/api/v1/auth/signup', 'password', 'pat@x.io');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'password_weak',
      details: { warning: 'This is a heavily used password.' },
    });
    const again = await post('/api/v1/auth/signup', TEST_PASSWORD, 'pat@x.io');
    expect(again.statusCode).toBe(201);
  });
});
