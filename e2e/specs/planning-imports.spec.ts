import type { Keyword } from '@igny8/contracts';
import { expect as baseExpect, test } from '../support/fixtures';
import { createSite } from '../support/pipeline/seed';
import { newTenant, signIn, type Tenant } from '../support/pipeline/tenant';
import { loginContext } from '../support/ui';

/**
 * Pasted keywords read as a CSV row does, and a paste that would overwrite an existing keyword's
 * metrics shows the change and waits for a yes (the incident: "seed starting mix, 900, 20" turned
 * a volume of 22,232 into 90,020 without a word). The list shows intent and pipeline status, with
 * filters for both.
 */
const expect = baseExpect.configure({ timeout: 20_000 });

let tenant: Tenant;
test.beforeAll(async ({ baseURL }) => {
  tenant = await newTenant(baseURL!, 'Planning');
});

test('a paste that changes an existing keyword asks first; the list shows and filters intent and status', async ({
  page,
  context,
  baseURL,
}) => {
  const editor = tenant.users.editor;
  const api = await signIn(baseURL!, editor);
  const site = await createSite(api, tenant.accountId, 'Seed Shed', 'https://seedshed.example');
  const S = site.path;
  await api.call('POST', `${S}/keywords`, {
    keywords: [{ phrase: 'seed starting mix', volume: 22232, difficulty: 20 }],
  });

  await loginContext(context, editor);
  await page.goto(`/a/${tenant.accountId}/sites/${site.id}/keywords`);
  await expect(page.getByTestId('keywords-table')).toBeVisible();

  await test.step('paste rows: the preview reads keyword, volume and difficulty, and lists the overwrite', async () => {
    await page.getByTestId('keywords-add-open').click();
    await page
      .getByTestId('keywords-add-text')
      .fill('seed starting mix, 900, 20\nbuy heirloom tomato seeds, 1300\nhow to harden off seedlings');
    await page.getByTestId('keywords-add-preview').click();
    const rows = page.getByTestId('import-preview-rows');
    await expect(rows).toContainText('buy heirloom tomato seeds');
    await expect(rows).toContainText('1,300');
    const changes = page.getByTestId('import-change-row');
    await expect(changes).toHaveCount(1);
    await expect(changes).toContainText('seed starting mix');
    await expect(changes).toContainText('22,232');
    await expect(changes).toContainText('900');
    await expect(page.getByTestId('keywords-add-submit')).toBeDisabled();
    await page.getByTestId('import-confirm-changes').check();
    await expect(page.getByTestId('keywords-add-submit')).toBeEnabled();
    await page.getByTestId('keywords-add-submit').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  await test.step('the keyword now has the pasted volume, every keyword an intent and a status', async () => {
    const list = await api.call<{ items: Keyword[] }>('GET', `${S}/keywords?limit=10`);
    expect(Object.fromEntries(list.items.map((k) => [k.phrase, [k.volume, k.intent, k.status]]))).toEqual({
      'seed starting mix': [900, 'informational', 'new'],
      'buy heirloom tomato seeds': [1300, 'transactional', 'new'],
      'how to harden off seedlings': [null, 'informational', 'new'],
    });
    await expect(page.locator('[data-testid^="keyword-row-"]')).toHaveCount(3);
    await expect(page.getByTestId('keyword-status').first()).toHaveText('New');
  });

  await test.step('filter by intent, then by status', async () => {
    await page.getByTestId('keywords-filter-intent').click();
    await page.getByRole('option', { name: 'Transactional' }).click();
    await expect(page.locator('[data-testid^="keyword-row-"]')).toHaveCount(1);
    await expect(page.locator('[data-testid^="keyword-row-"]')).toContainText('buy heirloom tomato seeds');
    await page.getByTestId('keywords-clear-filters').click();
    await page.getByTestId('keywords-filter-status').click();
    await page.getByRole('option', { name: 'Published' }).click();
    await expect(page.locator('[data-testid^="keyword-row-"]')).toHaveCount(0);
  });

  await test.step('the cannibalisation page opens from the keywords page', async () => {
    await page.getByTestId('keywords-cannibalisation').click();
    await expect(page).toHaveURL(/\/cannibalisation$/);
    await expect(page.getByText('No competing pieces')).toBeVisible();
  });
  await api.dispose();
});
