import type { Page } from '@playwright/test';
import { REFRESH_PATH, screenshotPath } from '../support/paths';
import { expect, test } from '../support/fixtures';
import { SYSTEM_ACCOUNT_NAME, SYSTEM_OWNER } from '../support/users';
import { ACCOUNT_URL, LOGIN_URL, expectSignedIn, loginViaUi, logoutViaUi } from '../support/ui';

/**
 * Sessions in the browser: first-run setup, boot restore across reloads and tabs, cross-tab
 * logout/login, and the silent refresh of an expired access token (the server's TTL is 10 s).
 */

test(
  'first visit: the setup page creates the first admin, who lands in the app',
  { tag: '@first-run' },
  async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByTestId('setup-page')).toBeVisible();

    // Sign-in is not possible before setup: the login page sends the visitor back here.
    await page.goto('/login');
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByTestId('setup-page')).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: screenshotPath('setup.png'), animations: 'disabled', caret: 'hide' });

    await page.getByTestId('setup-name').fill(SYSTEM_OWNER.name);
    await page.getByTestId('setup-email').fill(SYSTEM_OWNER.email);
    // A common password is refused as it is typed, with the reason, and the form does not submit.
    await page.getByTestId('setup-password').fill('password-123');
    const strength = page.getByTestId('setup-password-strength');
    await expect(strength).toHaveAttribute('data-ok', 'false');
    await expect(strength).toContainText('similar to a commonly used password');
    await page.getByTestId('setup-account-name').fill(SYSTEM_ACCOUNT_NAME);
    await page.getByTestId('setup-submit').click();
    await expect(page.getByText('Choose a password that is harder to guess')).toBeVisible();
    await expect(page).toHaveURL(/\/setup$/);
    await page.getByTestId('setup-password').fill(SYSTEM_OWNER.password);
    await expect(strength).toHaveAttribute('data-ok', 'true');
    await page.getByTestId('setup-submit').click();

    await expect(page).toHaveURL(/\/a\/[^/]+$/);
    await expectSignedIn(page);
    await expect(page.getByTestId('user-name')).toHaveText(SYSTEM_OWNER.name);
    await expect(page.getByTestId('overview-role')).toHaveText('Owner');
    await expect(page.getByTestId('overview-account-name')).toContainText(SYSTEM_ACCOUNT_NAME);
    await expect(page.getByTestId('current-account-name')).toHaveText(SYSTEM_ACCOUNT_NAME);
    // The owner of the system account operates the platform.
    await expect(page.getByTestId('nav-platform')).toBeVisible();

    // Setup is a one-time page: once an admin exists it is gone, even for the signed-in admin.
    await page.goto('/setup');
    await expect(page).toHaveURL(ACCOUNT_URL);
    await expectSignedIn(page);
  },
);

test('the setup page is closed after the first run', async ({ page }) => {
  await page.goto('/setup');
  await expect(page).toHaveURL(LOGIN_URL);
  await expect(page.getByTestId('login-email')).toBeVisible();
  const status = await page.request.get('/api/v1/setup/status');
  expect(await status.json()).toMatchObject({ needsSetup: false });
});

test('a session survives three reloads and opens in a second tab', async ({ page, context, guard, world }) => {
  await loginViaUi(page, SYSTEM_OWNER);
  await expect(page).toHaveURL(new RegExp(`/a/${world.system.accountId}$`));
  const home = page.url();

  for (let i = 1; i <= 3; i++) {
    const since = guard.mark();
    await page.reload();
    await expectSignedIn(page);
    await expect(page.getByTestId('overview-role')).toHaveText('Owner');
    expect(page.url(), `reload ${i}`).toBe(home);
    // The session is restored with exactly one refresh per page load (StrictMode mounts twice).
    expect(guard.refreshRequestsSince(since), `refresh calls of reload ${i}`).toHaveLength(1);
    expect(guard.responsesSince(since, (r) => r.path === REFRESH_PATH).map((r) => r.status)).toEqual([200]);
  }

  // A second tab of the same browser shares the refresh cookie: it opens signed in.
  const tab2 = await context.newPage();
  await tab2.goto(`/a/${world.system.accountId}/members`);
  await expectSignedIn(tab2);
  await expect(tab2.getByTestId('members-table')).toBeVisible();
  await expect(tab2.getByTestId(`member-row-${world.system.owner.id}`)).toBeVisible();
  // …and the first tab is still signed in as well.
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-name')).toHaveValue(SYSTEM_ACCOUNT_NAME);
  await expectSignedIn(page);
});

test('logging out in one tab signs the other out; signing in again brings both back', async ({
  page,
  context,
  guard,
  world,
}) => {
  // Tab 2 may have a proactive refresh in flight at the moment tab 1 revokes the session.
  guard.allow({ method: 'POST', path: REFRESH_PATH, status: 401, reason: 'refresh racing the logout' });
  const sys = world.system.accountId;
  await loginViaUi(page, SYSTEM_OWNER);
  const tab2 = await context.newPage();
  await tab2.goto(`/a/${sys}/members`);
  await expect(tab2.getByTestId('members-table')).toBeVisible();

  // Tab 2 must learn of the logout from the broadcast, not from a refresh of its own being
  // refused (its proactive refresh runs every ~8 s and would also end the session).
  const tab2Refreshes: number[] = [];
  tab2.on('request', (r) => {
    if (new URL(r.url()).pathname === REFRESH_PATH) tab2Refreshes.push(Date.now());
  });
  const loggedOut = page
    .waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/logout')
    .then((r) => ({ status: r.status(), at: Date.now() }));
  await logoutViaUi(page);
  const { status, at: loggedOutAt } = await loggedOut;
  expect(status).toBe(204);

  // No reload of tab 2: the logout reaches it over BroadcastChannel('igny8-auth').
  await expect(tab2).toHaveURL(LOGIN_URL, { timeout: 5_000 });
  expect(
    tab2Refreshes.filter((t) => t >= loggedOutAt),
    'refresh calls of tab 2 after the logout',
  ).toEqual([]);
  await expect(tab2.getByTestId('login-email')).toBeVisible();
  await expect(tab2.getByTestId('user-menu')).toHaveCount(0);
  // The page it was on is remembered for after sign-in.
  expect(new URL(tab2.url()).searchParams.get('next')).toBe(`/a/${sys}/members`);

  // Navigating in tab 2 keeps showing the login page: the session is gone server-side too.
  await tab2.goto(`/a/${sys}/settings`);
  await expect(tab2).toHaveURL(LOGIN_URL);
  await expect(tab2.getByTestId('login-email')).toBeVisible();

  // Signing in again in tab 1; tab 2 adopts the new session and opens the page it wanted.
  await loginViaUi(page, SYSTEM_OWNER);
  await expect(page).toHaveURL(ACCOUNT_URL);
  await expect(tab2).toHaveURL(new RegExp(`/a/${sys}/settings$`), { timeout: 5_000 });
  await expect(tab2.getByTestId('settings-name')).toHaveValue(SYSTEM_ACCOUNT_NAME);
  await expectSignedIn(tab2);

  // Both tabs really are signed in: a reload of either restores the session.
  await tab2.reload();
  await expectSignedIn(tab2);
  await expect(tab2.getByTestId('settings-name')).toHaveValue(SYSTEM_ACCOUNT_NAME);
});

/**
 * Pauses the page clock about now. `pauseAt` only moves forward, and the page's fake time keeps
 * running while the call travels, so aim a little ahead; returns how far ahead it jumped (ms).
 */
async function freezePageClock(page: Page): Promise<number> {
  for (const ahead of [100, 400, 1_000]) {
    const fakeNow = await page.evaluate(() => Date.now());
    try {
      await page.clock.pauseAt(fakeNow + ahead);
      return ahead;
    } catch (e) {
      if (!/to the past/.test(String(e))) throw e;
    }
  }
  throw new Error('could not pause the page clock');
}

test('an expired access token is refreshed silently: 401, refresh, retry, page shown', async ({
  page,
  guard,
  world,
}) => {
  test.setTimeout(120_000);
  const sys = world.system.accountId;
  const membersPath = `/api/v1/accounts/${sys}/members`;

  // The page's clock is fake from its first script on; it runs at real speed until paused.
  await page.clock.install();
  await loginViaUi(page, SYSTEM_OWNER);

  // A cold load of a page that does not fetch the member list (so Members has to fetch it later
  // instead of showing a cached copy); its boot refresh brings a brand-new 10 s access token.
  // Then the page clock is frozen: the proactive refresh (due ~8 s after that token) cannot
  // fire, and to the client the token stays as young as it was at that moment. It must still
  // look fresh then (more than the client's 5 s margin left), so on a machine too slow to freeze
  // within 3 s of the token's arrival the load is simply repeated.
  let frozenInTime = false;
  for (let attempt = 1; attempt <= 3 && !frozenInTime; attempt++) {
    const boot = page.waitForResponse((r) => new URL(r.url()).pathname === REFRESH_PATH);
    await page.goto(`/a/${sys}/settings`);
    expect((await boot).status()).toBe(200);
    const issuedAt = Date.now();
    await expect(page.getByTestId('settings-name')).toHaveValue(SYSTEM_ACCOUNT_NAME);
    await expectSignedIn(page);
    const ahead = await freezePageClock(page);
    frozenInTime = Date.now() - issuedAt + ahead < 3_000;
    if (!frozenInTime) await page.clock.resume();
  }
  expect(frozenInTime, 'page clock frozen within 3 s of the token').toBe(true);
  const frozen = guard.mark();

  // The one deliberate sleep of the suite: real time runs past the 10 s token lifetime.
  await page.waitForTimeout(11_500);
  expect(guard.refreshRequestsSince(frozen), 'no refresh while the page clock is frozen').toHaveLength(0);

  // Still frozen: for the client the token is young, so it is sent and the server rejects it;
  // the client refreshes and retries. That whole exchange happens before the clock moves again.
  const start = guard.mark();
  const isMembers = (url: string) => new URL(url).pathname === membersPath;
  const rejected = page.waitForResponse((r) => isMembers(r.url()) && r.status() === 401, { timeout: 15_000 });
  const retried = page.waitForResponse((r) => isMembers(r.url()) && r.status() === 200, { timeout: 15_000 });
  await page.getByTestId('nav-members').click();
  const rejection = await rejected;
  expect(((await rejection.json()) as { error: { code: string } }).error.code).toBe('auth_expired');
  await retried;

  // The wire, in order: members 401 (auth_expired) → refresh 200 → members 200, nothing else.
  await guard.settle();
  const wire = () =>
    guard
      .responsesSince(start, (r) => isMembers(r.url) || r.path === REFRESH_PATH)
      .map((r) => `${r.method} ${r.path} ${r.status}${r.code ? ` ${r.code}` : ''}`);
  const expected = [`GET ${membersPath} 401 auth_expired`, `POST ${REFRESH_PATH} 200`, `GET ${membersPath} 200`];
  expect(wire()).toEqual(expected);

  // Time runs again (the page's timers deliver the query result to the screen): the members
  // table shows, and the user is still signed in.
  await page.clock.resume();
  await expect(page.getByTestId('members-table')).toBeVisible();
  await expect(page.getByTestId(`member-row-${world.system.owner.id}`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/a/${sys}/members$`));
  await expectSignedIn(page);
  await expect(page.getByTestId('query-error')).toHaveCount(0);
  expect(guard.unrecovered401s(start)).toEqual([]);
  // Only a later proactive refresh may have joined since.
  expect(wire().slice(0, 3)).toEqual(expected);
  expect(
    wire()
      .slice(3)
      .every((line) => line === `POST ${REFRESH_PATH} 200`),
  ).toBe(true);

  // The session carries on with the refreshed token.
  await page.getByTestId('nav-overview').click();
  await expect(page.getByTestId('overview-role')).toHaveText('Owner');
  await expectSignedIn(page);
});
