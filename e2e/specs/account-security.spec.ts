import { Secret, TOTP } from 'otpauth';
import { smtpReceiverClient } from '../smtp-receiver/client';
import { mailOrigin, smtpControlOrigin } from '../playwright.config';
import { expect, test } from '../support/fixtures';
import { screenshotPath } from '../support/paths';
import { expectSignedIn, logoutViaUi } from '../support/ui';

/**
 * Accounts with email (the app on `mailOrigin` sends through the SMTP receiver process): a forgotten password
 * recovered end to end through the received email, and two-factor sign-in turned on and used.
 */
const OWNER = {
  name: 'Mira Mail',
  email: 'mira@mail.test',
  password: 'mira-sails-past-nine-lighthouses',
  account: 'Mail HQ',
};
const NEW_PASSWORD = 'copper-kettles-hum-at-dawn-5';
const mail = smtpReceiverClient(smtpControlOrigin);

test.beforeAll(async ({ request }) => {
  // The mail app has its own fresh database: its first admin is made through the API.
  const status = await (await request.get(`${mailOrigin}/api/v1/setup/status`)).json();
  expect(status).toMatchObject({ emailConfigured: true });
  if (status.needsSetup) {
    const res = await request.post(`${mailOrigin}/api/v1/setup`, {
      data: { email: OWNER.email, password: OWNER.password, name: OWNER.name, accountName: OWNER.account },
    });
    expect(res.status()).toBe(201);
  }
});

test('forgot password: the emailed link sets a new password, and the new one signs in', async ({ page, guard }) => {
  guard.allow({
    method: 'POST',
    path: '/api/v1/auth/login',
    status: 401,
    reason: 'the old password, refused on purpose',
  });
  guard.allow({
    method: 'POST',
    path: '/api/v1/auth/password/reset',
    status: 400,
    reason: 'the spent link, refused on purpose',
  });
  await page.goto(`${mailOrigin}/login`);
  await page.getByTestId('forgot-password-link').click();
  await expect(page.getByTestId('forgot-password-page')).toBeVisible();
  await page.getByTestId('forgot-email').fill(OWNER.email);
  await page.getByTestId('forgot-submit').click();
  await expect(page.getByTestId('forgot-password-sent')).toBeVisible();

  const email = await mail.waitFor(OWNER.email, (m) => m.subject === 'Reset your igny8 password');
  expect(email.html).toContain('Choose a new password');
  const link = email.text.match(new RegExp(`${mailOrigin}/reset-password/[\\w-]+`))?.[0];
  expect(link, email.text).toBeTruthy();

  await page.goto(link!);
  await page.getByTestId('reset-password').fill(NEW_PASSWORD);
  await page.getByTestId('reset-password-submit').click();
  await expect(page.getByTestId('reset-password-done')).toBeVisible();
  await page.getByTestId('reset-password-login').click();

  await page.getByTestId('login-email').fill(OWNER.email);
  await page.getByTestId('login-password').fill(OWNER.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('Email or password is incorrect');
  await page.getByTestId('login-password').fill(NEW_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expectSignedIn(page);

  // The link was single-use.
  await page.goto(link!);
  await page.getByTestId('reset-password').fill('another-quiet-violin-77');
  await page.getByTestId('reset-password-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('invalid, used or expired');
});

test('an API token made on its page works as a Bearer token, and the audit log shows who made it', async ({
  page,
  request,
}) => {
  await page.goto(`${mailOrigin}/login`);
  await page.getByTestId('login-email').fill(OWNER.email);
  await page.getByTestId('login-password').fill(NEW_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expectSignedIn(page);
  const accountId = /\/a\/([^/?#]+)/.exec(page.url())![1]!;

  await page.getByTestId('nav-api-tokens').click();
  await page.getByTestId('token-create').click();
  await page.getByTestId('token-name').fill('Nightly export');
  await page.getByTestId('token-role').selectOption('viewer');
  await page.getByTestId('token-submit').click();
  const secret = await page.getByTestId('token-secret').inputValue();
  expect(secret).toMatch(/^igny8_pat_/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('token-row')).toContainText('Nightly export');

  const sites = await request.get(`${mailOrigin}/api/v1/accounts/${accountId}/sites`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(sites.status()).toBe(200);
  const members = await request.post(`${mailOrigin}/api/v1/accounts/${accountId}/members`, {
    headers: { authorization: `Bearer ${secret}` },
    data: { email: 'x@mail.test', role: 'viewer' },
  });
  expect((await members.json()).error.code).toBe('role_insufficient');

  await page.getByTestId('nav-audit').click();
  const row = page.getByTestId('audit-row').filter({ hasText: 'api_token.created' });
  await expect(row).toContainText(OWNER.email);
  await expect(row).toContainText('Nightly export');
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: screenshotPath('account-audit-log.png'), animations: 'disabled', caret: 'hide' });
});

test('two-factor sign-in: turned on with the QR code in the profile, then sign-in asks for the code', async ({
  page,
  guard,
}) => {
  guard.allow({
    method: 'POST',
    path: '/api/v1/auth/login/two-factor',
    status: 400,
    reason: 'a wrong code, refused on purpose',
  });
  await page.goto(`${mailOrigin}/login`);
  await page.getByTestId('login-email').fill(OWNER.email);
  await page.getByTestId('login-password').fill(NEW_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expectSignedIn(page);

  await page.getByTestId('user-menu').click();
  await page.getByTestId('profile-link').click();
  await expect(page.getByTestId('two-factor-status')).toHaveText('Off');
  await page.getByTestId('two-factor-password').fill(NEW_PASSWORD);
  await page.getByTestId('two-factor-start').click();
  await expect(page.getByTestId('two-factor-qr')).toBeVisible();
  const secret = (await page.getByTestId('two-factor-secret').textContent())!.trim();
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  await page.getByTestId('two-factor-enable-code').fill(totp.generate());
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({
    path: screenshotPath('profile-two-factor-setup.png'),
    animations: 'disabled',
    caret: 'hide',
  });
  await page.getByTestId('two-factor-enable').click();
  await expect(page.getByTestId('recovery-codes')).toBeVisible();
  await page.getByTestId('recovery-codes-done').click();
  await expect(page.getByTestId('two-factor-status')).toHaveText('On');
  // This browser is listed among the sessions (the first test's session is still there too).
  await expect(page.getByTestId('session-row').filter({ hasText: 'This one' })).toHaveCount(1);

  await logoutViaUi(page);
  await page.getByTestId('login-email').fill(OWNER.email);
  await page.getByTestId('login-password').fill(NEW_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('two-factor-step')).toBeVisible();
  await page.getByTestId('two-factor-code').fill('000000');
  await page.getByTestId('two-factor-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('not right');
  // The code that turned it on is spent: the app's next code (one step ahead, inside the allowed drift) signs in.
  await page.getByTestId('two-factor-code').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await page.getByTestId('two-factor-submit').click();
  await expectSignedIn(page);
});
