import type { Cluster, Content, Idea, Site, TaskStarted, WriterTask } from '@igny8/contracts';
import type { ApiClient } from '../support/api';
import { expect as baseExpect, test } from '../support/fixtures';
import { MockLog } from '../support/pipeline/mocklog';
import { tenantOnMockProviders } from '../support/pipeline/providers';
import { CLUSTER_DESCRIPTION, ideasReply, queueArticles } from '../support/pipeline/replies';
import { csvKeywords, waitForTask } from '../support/pipeline/seed';
import { signIn, type Tenant } from '../support/pipeline/tenant';
import { startTaskFromUi } from '../support/pipeline/tray';
import { loginViaUi } from '../support/ui';

/**
 * Writing an article from the writer page, section by section on the mock provider, and reading
 * its content score in the list and in the editor, where it follows the edits live.
 */

const expect = baseExpect.configure({ timeout: 20_000 });

test.describe.configure({ mode: 'serial' });

let tenant: Tenant;
let api: ApiClient;
let base: string;
let siteId: string;
let writerTask: WriterTask;
let restoreProviders: (() => Promise<void>) | undefined;
const mock = new MockLog();

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  ({ tenant, restore: restoreProviders } = await tenantOnMockProviders(baseURL!, 'Writing'));
  api = await signIn(baseURL!, tenant.users.editor);
  await mock.begin();
  const acc = `/api/v1/accounts/${tenant.accountId}`;
  const site = await api.call<Site>('POST', `${acc}/sites`, {
    name: 'Writing site',
    url: 'https://coffee.example',
    niche: 'Home coffee brewing',
  });
  siteId = site.id;
  base = `${acc}/sites/${site.id}`;
  await api.call('POST', `${base}/keywords`, { keywords: csvKeywords().slice(0, 20) });
  await mock.control.queueChatReply(CLUSTER_DESCRIPTION, 50);
  await waitForTask(api, tenant.accountId, (await api.call<TaskStarted>('POST', `${base}/clusters/auto`, {})).taskId);
  await mock.endStep();
  const clusters = (await api.call<{ items: Cluster[] }>('GET', `${base}/clusters`)).items;
  await mock.control.queueChatReply(ideasReply(clusters[0]!.name, 1));
  await waitForTask(
    api,
    tenant.accountId,
    (await api.call<TaskStarted>('POST', `${base}/ideas/generate`, { clusterIds: [clusters[0]!.id], perCluster: 1 }))
      .taskId,
  );
  await mock.endStep();
  const ideas = (await api.call<{ items: Idea[] }>('GET', `${base}/ideas`)).items;
  writerTask = (await api.call<{ items: WriterTask[] }>('POST', `${base}/writer/tasks`, { ideaIds: [ideas[0]!.id] }))
    .items[0]!;
});

test.afterAll(async () => {
  await api?.dispose();
  await restoreProviders?.();
});

test('write an article section by section, then read and improve its score in the editor', async ({ page }) => {
  test.setTimeout(180_000);
  await loginViaUi(page, tenant.users.editor);
  const site = `/a/${tenant.accountId}/sites/${siteId}`;

  let content: Content;
  await test.step('writer: generate the article with a FAQ', async () => {
    await queueArticles(mock.control, [writerTask]);
    await page.goto(`${site}/writer`);
    await page.getByTestId(`writer-select-${writerTask.id}`).check();
    await page.getByTestId('writer-faq').check();
    const taskId = await startTaskFromUi(page, /\/contents\/generate$/, () =>
      page.getByTestId('writer-generate-content').click(),
    );
    const run = await waitForTask(api, tenant.accountId, taskId);
    expect(run.status, JSON.stringify(run.error ?? run.itemErrors)).toBe('succeeded');
    // One call per section and one for the frame: never one call for the whole article.
    const calls = (await mock.control.requests())
      .filter((r) => r.endpoint === 'chat')
      .map((r) => JSON.stringify(r.body));
    expect(calls.filter((b) => b.includes('Write the section')).length).toBeGreaterThanOrEqual(5);
    expect(calls.filter((b) => b.includes('Now write the parts around them')).length).toBe(1);
    await mock.endStep();
    const [summary] = (await api.call<{ items: Content[] }>('GET', `${base}/contents`)).items;
    content = await api.call<Content>('GET', `${base}/contents/${summary!.id}`);
    expect(content.lengthStatus).toBe('ok');
    expect(content.bodyHtml).toContain('<h2>Frequently asked questions</h2>');
  });

  await test.step('content list: the score, sorted and filtered by it', async () => {
    await page.goto(`${site}/content`);
    await expect(page.getByTestId(`content-score-${content.id}`)).toHaveText(String(content.score));
    // Highest first: a number column sorts descending on its first click.
    await page.getByTestId('sort-score').click();
    await expect(page).toHaveURL(/sort=score/);
    await expect(page.getByTestId(`content-row-${content.id}`)).toBeVisible();
  });

  await test.step('editor: the breakdown, live as the meta description changes', async () => {
    await page.getByTestId(`content-open-${content.id}`).click();
    const value = page.getByTestId('content-score-value');
    await expect(value).toHaveText(String(content.score));
    await expect(page.getByTestId('content-score-keywords')).toContainText(content.primaryKeyword);
    // Without the keyword and too short, the meta description loses its points before any save.
    await page.getByTestId('meta-description-input').fill('A short line.');
    await expect(page.getByTestId('score-item-metaDescription')).toHaveAttribute('data-status', 'poor');
    await expect(value).not.toHaveText(String(content.score));
    const lowered = Number(await value.textContent());
    expect(lowered).toBeLessThan(content.score!);
    // Saved: the stored score is the one the editor showed.
    await page.getByTestId('content-save').click();
    await expect(page.getByTestId('content-dirty')).toHaveText('All changes saved');
    await expect
      .poll(async () => (await api.call<Content>('GET', `${base}/contents/${content.id}`)).score)
      .toBe(lowered);
  });
});
