import type { Keyword } from '@igny8/contracts';
import { expect as baseExpect, test } from '../support/fixtures';
import { createSite } from '../support/pipeline/seed';
import { newTenant, signIn, type Tenant } from '../support/pipeline/tenant';
import { loginContext } from '../support/ui';

/**
 * Sectors (Site → Sector → Keywords/Clusters/Ideas/Content): an admin adds a sector on the site's Sectors page,
 * imports a CSV into it, and the keyword list filters by it, with the sector kept in the URL.
 */
const expect = baseExpect.configure({ timeout: 20_000 });

let tenant: Tenant;
test.beforeAll(async ({ baseURL }) => {
  tenant = await newTenant(baseURL!, 'Sectors');
});

test('an admin adds a sector, imports keywords into it, and the lists filter by it', async ({
  page,
  context,
  baseURL,
}) => {
  const admin = tenant.users.admin;
  const api = await signIn(baseURL!, admin);
  const site = await createSite(api, tenant.accountId, 'Tea & Coffee', 'https://teacoffee.example');
  const S = site.path;
  await api.call('POST', `${S}/keywords`, { keywords: [{ phrase: 'best espresso machine', volume: 2400 }] });

  await loginContext(context, admin);
  await page.goto(`/a/${tenant.accountId}/sites/${site.id}/sectors`);

  await test.step('the site starts with "General"; the admin adds "Tea"', async () => {
    await expect(page.getByTestId('sector-row-General')).toBeVisible();
    await page.getByTestId('sector-name').fill('Tea');
    await page.getByTestId('sector-add').click();
    await expect(page.getByTestId('sector-row-Tea')).toBeVisible();
  });

  await test.step('import a CSV into "Tea" from the keyword list', async () => {
    await page.goto(`/a/${tenant.accountId}/sites/${site.id}/keywords`);
    await expect(page.getByTestId('keywords-table')).toBeVisible();
    await page.getByTestId('keywords-import-open').click();
    await page.getByTestId('import-sector').click();
    await page.getByRole('option', { name: 'Tea' }).click();
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'tea.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Keyword,Volume\nmatcha latte recipe,900\noolong tea benefits,500\n'),
    });
    await expect(page.getByTestId('import-preview')).toContainText('matcha latte recipe');
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-result-counts')).toContainText('2 keywords added');
    await page.getByTestId('import-close').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  await test.step('the sector filter shows only "Tea" keywords and stays in the URL', async () => {
    await page.getByTestId('sector-filter').click();
    await page.getByRole('option', { name: 'Tea' }).click();
    await expect(page).toHaveURL(/[?&]sector=[0-9a-f-]{36}/);
    const rows = page.locator('[data-testid^="keyword-row-"]');
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId('keywords-table')).toContainText('matcha latte recipe');
    await expect(page.getByTestId('keywords-table')).not.toContainText('best espresso machine');
    // Another filter keeps the sector.
    await page.getByTestId('keywords-search').fill('oolong');
    await expect(rows).toHaveCount(1);
    await expect(page).toHaveURL(/[?&]sector=/);
    await page.reload();
    await expect(rows).toHaveCount(1);

    const sectors = await api.call<{ items: { id: string; name: string }[] }>('GET', `${S}/sectors`);
    const tea = sectors.items.find((s) => s.name === 'Tea')!;
    const list = await api.call<{ items: Keyword[] }>('GET', `${S}/keywords?sectorId=${tea.id}`);
    expect(list.items.map((k) => k.phrase).sort()).toEqual(['matcha latte recipe', 'oolong tea benefits']);
  });

  await test.step('paste a keyword into "Tea" (the list shows it), then move it and another to "General" in bulk', async () => {
    await page.getByTestId('keywords-search').fill('');
    await page.getByTestId('keywords-add-open').click();
    // The paste dialog starts on the sector the list shows.
    await expect(page.getByTestId('import-sector')).toHaveValue('Tea');
    await page.getByTestId('keywords-add-text').fill('green tea caffeine, 700');
    await page.getByTestId('keywords-add-preview').click();
    await page.getByTestId('keywords-add-submit').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const rows = page.locator('[data-testid^="keyword-row-"]');
    await expect(rows).toHaveCount(3);

    const teaList = await api.call<{ items: Keyword[] }>('GET', `${S}/keywords?q=tea`);
    const [green, oolong] = ['green tea caffeine', 'oolong tea benefits'].map((p) =>
      teaList.items.find((k) => k.phrase === p)!,
    );
    await page.getByTestId(`keyword-select-${green!.id}`).check();
    await page.getByTestId(`keyword-select-${oolong!.id}`).check();
    await page.getByTestId('keywords-bulk-sector').click();
    await page.getByRole('menuitem', { name: 'General' }).click();
    await expect(rows).toHaveCount(1);
    const sectors = await api.call<{ items: { id: string; name: string }[] }>('GET', `${S}/sectors`);
    const general = sectors.items.find((s) => s.name === 'General')!;
    const inGeneral = await api.call<{ items: Keyword[] }>('GET', `${S}/keywords?sectorId=${general.id}`);
    expect(inGeneral.items.map((k) => k.phrase).sort()).toEqual([
      'best espresso machine',
      'green tea caffeine',
      'oolong tea benefits',
    ]);
  });

  await api.dispose();
});

test('a site created with its sectors starts with them instead of "General"', async ({ page, context }) => {
  await loginContext(context, tenant.users.admin);
  await page.goto(`/a/${tenant.accountId}/sites`);
  await page.getByTestId('site-create-open').first().click();
  await page.getByTestId('site-name').fill('Garden Goods');
  await page.getByTestId('site-url').fill('gardengoods.example');
  const sectors = page.getByTestId('site-sectors');
  for (const name of ['Seeds', 'Tools', 'seeds']) {
    await sectors.fill(name);
    await sectors.press('Enter');
  }
  await page.getByTestId('site-submit').click();
  await expect(page).toHaveURL(/\/sites\/[0-9a-f-]{36}\/keywords$/);
  const siteId = /\/sites\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  await page.goto(`/a/${tenant.accountId}/sites/${siteId}/sectors`);
  await expect(page.getByTestId('sector-row-Seeds')).toBeVisible();
  await expect(page.getByTestId('sector-row-Tools')).toBeVisible();
  // A name twice (ignoring case) is one sector; no "General".
  await expect(page.locator('[data-testid^="sector-row-"]')).toHaveCount(2);
});
