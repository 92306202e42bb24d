import type { Browser } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { BrowserGuard } from '../support/guard';
import { REFRESH_PATH } from '../support/paths';
import { SYSTEM_OWNER } from '../support/users';
import { expectSignedIn, loginContext } from '../support/ui';

/**
 * The guard every spec relies on must itself notice what it is there to notice; each case makes a
 * problem on purpose in a context watched by a separate guard, and reads that guard's report.
 */

async function watched(browser: Browser, baseURL: string) {
  const guard = new BrowserGuard();
  const context = await browser.newContext({ baseURL });
  guard.attach(context);
  return { guard, context };
}

test('reports console errors and uncaught page errors', async ({ browser, baseURL }) => {
  const { guard, context } = await watched(browser, baseURL!);
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.getByTestId('login-email')).toBeVisible();
  await page.evaluate(() => console.error('[igny8:auth:missing-token] BLOCKED GET /api/v1/accounts/x (simulated)'));
  await page.evaluate(() =>
    setTimeout(() => {
      throw new Error('simulated crash');
    }),
  );
  await expect.poll(() => guard.pageErrors.length).toBe(1);
  const problems = await guard.report();
  await context.close();
  expect(problems).toEqual([
    expect.stringContaining('simulated crash'),
    expect.stringContaining('[igny8:auth:missing-token]'),
  ]);
});

test('reports tenant requests without a token and 401s nobody recovered from', async ({ browser, baseURL, world }) => {
  const { guard, context } = await watched(browser, baseURL!);
  await loginContext(context, SYSTEM_OWNER);
  const page = await context.newPage();
  await page.goto(`/a/${world.system.accountId}`);
  await expectSignedIn(page);
  const members = `/api/v1/accounts/${world.system.accountId}/members`;
  await page.evaluate(async (path) => {
    await fetch(path); // no Authorization at all
    await fetch(path, { headers: { Authorization: 'Bearer not-a-token' } }); // rejected, never retried
  }, members);
  const problems = await guard.report();
  await context.close();
  expect(problems).toContainEqual(
    expect.stringMatching(/^tenant request without Authorization: GET \S+\/members \(from /),
  );
  expect(problems).toContainEqual(expect.stringMatching(/^401 \(auth_missing\) not followed by .*\/members$/));
  expect(problems).toContainEqual(expect.stringMatching(/^401 \(auth_invalid\) not followed by .*\/members$/));
  // …and the browser's own "Failed to load resource" lines for them are not excused either.
  expect(problems.filter((p) => p.includes('Failed to load resource'))).toHaveLength(2);
});

test('reports a non-zero blocked-request counter of an open page', async ({ browser, baseURL }) => {
  const { guard, context } = await watched(browser, baseURL!);
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.getByTestId('login-email')).toBeVisible();
  // Stand-in for the app's counter after it blocked a request.
  await page.evaluate(() => {
    window.__igny8 = { blockedRequestCount: () => 1 };
  });
  const problems = await guard.report();
  await context.close();
  expect(problems).toEqual([expect.stringContaining('blockedRequestCount() is 1')]);
});

test('a signed-out visit is clean: the boot refresh answers 204, nothing fails, no console error', async ({
  browser,
  baseURL,
}) => {
  const { guard, context } = await watched(browser, baseURL!);
  const page = await context.newPage();
  await page.goto('/login'); // boot refresh without a cookie: 204, no session to restore
  await expect(page.getByTestId('login-email')).toBeVisible();
  const problems = await guard.report();
  await context.close();
  expect(problems).toEqual([]);
  expect(guard.consoleErrors).toEqual([]);
  expect(guard.responses.filter((r) => r.path === REFRESH_PATH).map((r) => r.status)).toEqual([204]);
  expect(guard.responses.filter((r) => r.status >= 400)).toEqual([]);
});
