import { expect, test } from '../support/fixtures';
import { REFRESH_PATH } from '../support/paths';
import { CUSTOMER } from '../support/users';
import { loginViaUi } from '../support/ui';

/**
 * Issue 17, "Flows and copy", where a user sees it. The guard of every test fails it on any console error or
 * unexpected failed request, so a clean run is itself the check for the signed-out visit.
 */

test('a signed-out visit logs no error: the session probe answers 204, nothing fails', async ({ page, guard }) => {
  await page.goto('/login');
  await expect(page.getByTestId('login-email')).toBeVisible();
  await guard.settle();
  expect(guard.responses.filter((r) => r.path === REFRESH_PATH).map((r) => r.status)).toEqual([204]);
  expect(guard.responses.filter((r) => r.status >= 400)).toEqual([]);
  expect(guard.consoleErrors).toEqual([]);
});

test('a viewer has no Account settings entry and no calls to act they cannot use', async ({ page, world }) => {
  await loginViaUi(page, CUSTOMER.viewer);
  await expect(page).toHaveURL(new RegExp(`/a/${world.customer.accountId}$`));
  await expect(page.getByTestId('nav-settings')).toHaveCount(0);
  await expect(page.getByTestId('nav-integrations')).toBeVisible();
  await expect(page.getByTestId('create-site')).toHaveCount(0);
  const next = page.getByTestId('next-step-action');
  if ((await next.count()) > 0) await expect(next).toHaveText(/^(View |Open content)/);
});
