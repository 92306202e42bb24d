import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { screenshotPath } from '../support/paths';
import { waitForSettledPage } from '../support/routes';
import { CUSTOMER, CUSTOMER_ACCOUNT_NAME, SYSTEM_OWNER } from '../support/users';
import { loginViaUi } from '../support/ui';

/**
 * README screenshots, 1280×800 (the config's viewport), into docs/screenshots/. The setup page
 * can only be seen before the first admin exists, so auth.spec.ts (@first-run) takes setup.png.
 */

async function shoot(page: Page, name: string): Promise<void> {
  expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
  await page.evaluate(() => document.fonts.ready);
  // Toasts come and go; they are not part of the page.
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: screenshotPath(name), animations: 'disabled', caret: 'hide' });
}

test('login page', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await expect(page.getByTestId('signup-link')).toBeVisible();
  await shoot(page, 'login.png');
});

test('overview and members of a customer account', async ({ page, world }) => {
  await loginViaUi(page, CUSTOMER.owner);
  await expect(page).toHaveURL(new RegExp(`/a/${world.customer.accountId}$`));
  await expect(page.getByTestId('overview-account-name')).toContainText(CUSTOMER_ACCOUNT_NAME);
  await expect(page.getByTestId('overview-member-count')).not.toHaveText('0');
  await waitForSettledPage(page);
  await shoot(page, 'overview.png');

  await page.getByTestId('nav-members').click();
  for (const r of ['owner', 'admin', 'editor', 'viewer'] as const) {
    await expect(page.getByTestId(`member-row-${world.customer.members[r].id}`)).toBeVisible();
  }
  await waitForSettledPage(page);
  await shoot(page, 'members.png');

  await page.getByTestId('invite-open').click();
  await page.getByTestId('invite-email').fill('writer@acme.test');
  await page.getByTestId('invite-role').selectOption('editor');
  await expect(page.getByRole('dialog')).toBeVisible();
  await shoot(page, 'members-invite.png');
});

test('platform settings of the system owner', async ({ page, world }) => {
  await loginViaUi(page, SYSTEM_OWNER);
  await page.getByTestId('nav-platform').click();
  await expect(page.getByTestId(`platform-account-${world.customer.accountId}`)).toBeVisible();
  await waitForSettledPage(page);
  await shoot(page, 'platform.png');
});
