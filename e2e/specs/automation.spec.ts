import type { Site } from '@igny8/contracts';
import { expect as baseExpect, test } from '../support/fixtures';
import { csvKeywords } from '../support/pipeline/seed';
import { newTenant, signIn, type Tenant } from '../support/pipeline/tenant';
import { loginViaUi } from '../support/ui';

/**
 * Automation where users meet it: an admin configures a site's automation, runs it now, reloads in
 * the middle of the run (the run is still there, live), pauses, resumes and cancels it, and finds it
 * in the history with its stages and log.
 */

const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ mode: 'serial' });

let tenant: Tenant;
let siteId: string;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(60_000);
  tenant = await newTenant(baseURL!, 'Automation');
  const editor = await signIn(baseURL!, tenant.users.editor);
  try {
    const acc = `/api/v1/accounts/${tenant.accountId}`;
    siteId = (
      await editor.call<Site>('POST', `${acc}/sites`, { name: 'Automated site', url: 'https://automated.example' })
    ).id;
    await editor.call('POST', `${acc}/sites/${siteId}/keywords`, { keywords: csvKeywords().slice(0, 12) });
  } finally {
    await editor.dispose();
  }
});

test('configure, run now, reload during the run, pause, resume, cancel, and read the history', async ({ page }) => {
  test.setTimeout(120_000);
  await loginViaUi(page, tenant.users.admin);
  await page.goto(`/a/${tenant.accountId}/sites/${siteId}/keywords`);
  await page.getByTestId('nav-automation').click();
  await expect(page.getByTestId('automation-waiting-cluster')).toContainText('12');
  await expect(page.getByTestId('automation-history-empty')).toBeVisible();

  await test.step('configure: clustering in batches of 4, an item every 5 s, the later stages off', async () => {
    await page.getByTestId('automation-batch-cluster').fill('4');
    await page.getByTestId('automation-item-delay').fill('5');
    for (const stage of ['queue', 'content', 'imagePrompts', 'images'])
      await page.getByTestId(`automation-stage-enabled-${stage}`).uncheck();
    await page.getByTestId('automation-time').fill('25:00');
    await expect(page.getByTestId('automation-config-error')).toContainText('HH:MM');
    await expect(page.getByTestId('automation-save')).toBeDisabled();
    await page.getByTestId('automation-time').fill('07:15');
    await page.getByTestId('automation-save').click();
    await expect(page.getByTestId('automation-save')).toBeEnabled();
    await page.reload();
    await expect(page.getByTestId('automation-batch-cluster')).toHaveValue('4');
  });

  await test.step('run now; the run survives a reload and shows the item being processed', async () => {
    await page.getByTestId('automation-run-now').click();
    await expect(page.getByTestId('automation-run-status')).toHaveText('Running');
    await expect(page.getByTestId('automation-current-item')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('automation-run-status')).toHaveText('Running');
    await expect(page.getByTestId('automation-run-now')).toBeDisabled();
    await expect(page.getByTestId('automation-stages')).toContainText('Running');
  });

  await test.step('pause, then resume', async () => {
    await page.getByTestId('automation-pause').click();
    await expect(page.getByTestId('automation-run-status')).toHaveText('Paused');
    await expect(page.getByTestId('automation-log')).toContainText('Paused');
    await page.getByTestId('automation-resume').click();
    await expect(page.getByTestId('automation-run-status')).toHaveText('Running');
  });

  await test.step('cancel: the run ends and the site is free again', async () => {
    await page.getByTestId('automation-cancel').click();
    await expect(page.getByTestId('automation-no-active-run')).toBeVisible();
    await expect(page.getByTestId('automation-run-now')).toBeEnabled();
  });

  await test.step('the history lists the run; its detail has the stages and the log', async () => {
    const row = page.getByTestId('automation-history').locator('tbody tr').first();
    await expect(row).toContainText('Cancelled');
    await row.click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('automation-run-status')).toHaveText('Cancelled');
    await expect(drawer.getByTestId('automation-log')).toContainText('Resumed');
    await expect(drawer.getByTestId('automation-log')).toContainText('Cancelled');
    await expect(drawer.getByTestId('automation-stages')).toContainText('Cancelled');
    await expect(page).toHaveURL(/\?run=/);
  });
});
