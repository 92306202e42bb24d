import type { Cluster } from '@igny8/contracts';
import { expect as baseExpect, test } from '../support/fixtures';
import { shoot } from '../support/pipeline/browser';
import { createSite, csvKeywords, waitForTask } from '../support/pipeline/seed';
import { newTenant, signIn, type Tenant } from '../support/pipeline/tenant';
import { startTaskFromUi } from '../support/pipeline/tray';
import { loginContext } from '../support/ui';

/**
 * Auto-cluster with a preview: a strategist sees the clusters before anything is saved, moves the
 * granularity towards tight groups and sees more, smaller clusters, then creates them, and the
 * clusters saved are the ones the preview showed.
 */
const expect = baseExpect.configure({ timeout: 20_000 });

let tenant: Tenant;
test.beforeAll(async ({ baseURL }) => {
  tenant = await newTenant(baseURL!, 'Preview');
});

test('auto-cluster previews the clusters, follows the granularity, and saves what it showed', async ({
  page,
  context,
  baseURL,
}) => {
  const editor = tenant.users.editor;
  const api = await signIn(baseURL!, editor);
  const site = await createSite(api, tenant.accountId, 'Coffee Notes', 'https://coffee-notes.example');
  const S = site.path;
  // The coffee list of the pipeline spec (60 keywords, as an SEO tool exports them).
  await api.call('POST', `${S}/keywords`, { keywords: csvKeywords() });
  await loginContext(context, editor);
  await page.goto(`/a/${tenant.accountId}/sites/${site.id}/keywords`);

  await test.step('import the top search results of two keywords (a SERP export)', async () => {
    const results = [
      'https://coffee.example/machines',
      'https://reviews.example/espresso',
      'https://barista.example/start',
    ];
    const csv = [
      'Keyword,Position,URL',
      ...results.map((url, i) => `best espresso machine,${i + 1},${url}`),
      ...results.map((url, i) => `how to use an espresso machine,${i + 1},${url}`),
      `a keyword this site lacks,1,${results[0]}`,
    ].join('\n');
    await page.getByTestId('keywords-import-open').click();
    await page.getByTestId('import-what').getByText('Search results (SERP)').click();
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'serp.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await expect(page.getByTestId('serp-import-counts')).toHaveText('2 keywords got their top results (6 result URLs)');
    await expect(page.getByTestId('serp-import-unknown')).toContainText('a keyword this site lacks');
    await page.getByTestId('import-close').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  await test.step('fetch the top results of two more keywords from the platform’s SERP provider', async () => {
    await page.getByLabel('Select espresso machine for beginners').check();
    await page.getByLabel('Select best espresso machine under 500').check();
    await page.getByTestId('keywords-bulk-serps').click();
    // One search per keyword, held in credits when it starts: the dialog says how many first.
    await expect(page.getByRole('dialog').getByTestId('credit-note')).toHaveAttribute('data-credits', '2');
    const taskId = await startTaskFromUi(page, /\/keywords\/serps\/fetch$/, () =>
      page.getByTestId('fetch-serps-submit').click(),
    );
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const run = await waitForTask(api, tenant.accountId, taskId);
    expect(run.status).toBe('succeeded');
    expect(run.result).toMatchObject({ keywords: 2, searched: 2, failed: 0 });
    await page.getByLabel('Select espresso machine for beginners').uncheck();
    await page.getByLabel('Select best espresso machine under 500').uncheck();
  });

  const summary = page.getByTestId('autocluster-summary');
  const clustersShown = async () => Number(await summary.getAttribute('data-clusters'));
  let atDefault = 0;
  await test.step('the dialog previews the clusters at the default granularity, nothing saved', async () => {
    await page.getByTestId('keywords-autocluster-all').click();
    await expect(summary).toContainText('from 60 keywords');
    await expect(summary).toContainText('4 with search results');
    atDefault = await clustersShown();
    expect(atDefault).toBeGreaterThan(1);
    await expect(page.getByTestId('autocluster-preview-row')).toHaveCount(atDefault);
    await expect(page.getByTestId('autocluster-create')).toHaveText(`Create ${atDefault} clusters`);
    await shoot(page, 'autocluster-preview.png');
    const saved = await api.call<{ total: number }>('GET', `${S}/clusters`);
    expect(saved.total).toBe(0);
  });

  let names: string[] = [];
  let atTight = 0;
  await test.step('towards "Tight groups" the preview shows more, smaller clusters', async () => {
    await page.getByRole('slider', { name: 'Granularity' }).focus();
    await page.keyboard.press('End');
    await expect.poll(clustersShown).toBeGreaterThan(atDefault);
    await expect(summary.locator('xpath=ancestor::*[@aria-busy="true"]')).toHaveCount(0);
    atTight = await clustersShown();
    await expect(page.getByTestId('autocluster-create')).toHaveText(`Create ${atTight} clusters`);
    await expect(page.getByTestId('autocluster-create')).toBeEnabled();
    names = await page.getByTestId('autocluster-preview-name').allTextContents();
    expect(names).toHaveLength(atTight);
  });

  await test.step('"Create" saves the clusters the preview showed', async () => {
    const taskId = await startTaskFromUi(page, /\/clusters\/auto$/, () =>
      page.getByTestId('autocluster-create').click(),
    );
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const run = await waitForTask(api, tenant.accountId, taskId);
    expect(run.status).toBe('succeeded');
    const saved = await api.call<{ items: Cluster[]; total: number }>('GET', `${S}/clusters?limit=500`);
    expect(saved.total).toBe(atTight);
    expect(saved.items.map((c) => c.name).sort()).toEqual([...names].sort());
    await page.goto(`/a/${tenant.accountId}/sites/${site.id}/clusters`);
    await expect(page.getByText(names[0]!, { exact: true }).first()).toBeVisible();
  });
  await api.dispose();
});
