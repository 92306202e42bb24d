import type { Page } from '@playwright/test';
import type { TaskRun } from '@igny8/contracts';
import type { ApiClient } from '../support/api';
import { expect as baseExpect, test } from '../support/fixtures';
import { MockLog } from '../support/pipeline/mocklog';
import { tenantOnMockProviders } from '../support/pipeline/providers';
import { CLUSTER_DESCRIPTION, queueArticles, ideasReply, imagePromptsReply } from '../support/pipeline/replies';
import { seedSiteViaApi, waitForTask, type SeededSite } from '../support/pipeline/seed';
import { signIn, type Tenant } from '../support/pipeline/tenant';
import { loginViaUi } from '../support/ui';

/**
 * A double click on a button that starts background work starts it once (issue: a double click on
 * "Generate ideas" made two identical tasks, on "Generate content" four provider calls for two
 * articles). The button turns busy on the first click, the request carries one Idempotency-Key per
 * intended start, and the server refuses a second start on the same items with 409.
 */

const expect = baseExpect.configure({ timeout: 20_000 });

test.describe.configure({ mode: 'serial' });

let tenant: Tenant;
let api: ApiClient;
let seeded: SeededSite;
let restoreProviders: (() => Promise<void>) | undefined;
const mock = new MockLog();

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  ({ tenant, restore: restoreProviders } = await tenantOnMockProviders(baseURL!, 'Doubleclick'));
  api = await signIn(baseURL!, tenant.users.editor);
  await mock.begin();
  seeded = await seedSiteViaApi(api, tenant.accountId, mock, 'Double click site', 20);
});

test.afterAll(async () => {
  await api?.dispose();
  await restoreProviders?.();
});

/** Runs of `kind` in the account, newest first. */
async function runsOf(kind: string): Promise<TaskRun[]> {
  return (
    await api.call<{ items: TaskRun[] }>('GET', `/api/v1/accounts/${tenant.accountId}/tasks?kind=${kind}&limit=200`)
  ).items;
}

/**
 * Double-clicks `button` and expects exactly one new run of `kind`, every start request of the
 * double click answered with that run (or none sent), and the run to finish.
 */
async function doubleClickStartsOne(page: Page, kind: string, path: RegExp, button: string): Promise<void> {
  const before = new Set((await runsOf(kind)).map((r) => r.id));
  const answers: { status: number; taskId?: string }[] = [];
  page.on('response', async (r) => {
    if (r.request().method() !== 'POST' || !path.test(new URL(r.url()).pathname)) return;
    const body = (await r.json().catch(() => ({}))) as { taskId?: string };
    answers.push({ status: r.status(), taskId: body.taskId });
  });
  await page.getByTestId(button).dblclick();
  await expect.poll(async () => (await runsOf(kind)).filter((r) => !before.has(r.id)).length).toBe(1);
  const [run] = (await runsOf(kind)).filter((r) => !before.has(r.id));
  // Give a second request every chance to arrive before counting.
  await page.waitForTimeout(1_000);
  expect(
    (await runsOf(kind)).filter((r) => !before.has(r.id)),
    `one ${kind} run from a double click`,
  ).toHaveLength(1);
  expect(answers.length).toBeGreaterThanOrEqual(1);
  for (const a of answers) expect(a.status === 202 ? a.taskId : 'refused').toBe(run!.id);
  const done = await waitForTask(api, tenant.accountId, run!.id);
  expect(done.status, JSON.stringify(done.error ?? done.itemErrors)).toBe('succeeded');
  page.removeAllListeners('response');
}

test('a double click on each start button starts one task', async ({ page }) => {
  test.setTimeout(240_000);
  const site = `/a/${tenant.accountId}/sites/${seeded.siteId}`;
  const siteApi = `/api/v1/accounts/${tenant.accountId}/sites/${seeded.siteId}`;
  await loginViaUi(page, tenant.users.editor);

  await test.step('keywords: auto-cluster the unclustered keywords', async () => {
    await api.call('POST', `${siteApi}/keywords`, {
      keywords: [{ phrase: 'moka pot grind size' }, { phrase: 'moka pot vs espresso' }],
    });
    await mock.control.queueChatReply(CLUSTER_DESCRIPTION, 20);
    await page.goto(`${site}/keywords`);
    await page.getByTestId('keywords-autocluster-all').click();
    await doubleClickStartsOne(page, 'clusters.auto', /\/clusters\/auto$/, 'autocluster-create');
    await mock.endStep();
  });

  await test.step('clusters: generate ideas for one cluster', async () => {
    const cluster = seeded.clusters[seeded.clusters.length - 1]!;
    await mock.control.queueChatReply(ideasReply(cluster.name, 1), 3);
    await page.goto(`${site}/clusters`);
    await page.getByTestId(`cluster-select-${cluster.id}`).check();
    await page.getByTestId('clusters-generate-ideas').click();
    await page.getByTestId('generate-ideas-per-cluster').fill('1');
    await doubleClickStartsOne(page, 'ideas.generate', /\/ideas\/generate$/, 'generate-ideas-submit');
    await mock.endStep();
  });

  await test.step('writer: generate the article again', async () => {
    const content = seeded.contents[0]!;
    await queueArticles(mock.control, [content], 3);
    await page.goto(`${site}/writer`);
    await page.getByTestId('writer-select-all').check();
    // The article exists: the start asks first, and its confirm button is the one that starts.
    await page.getByTestId('writer-generate-content').click();
    await doubleClickStartsOne(page, 'content.generate', /\/contents\/generate$/, 'confirm-ok');
    await mock.endStep();
  });

  await test.step('content: image prompts, then images', async () => {
    await mock.control.queueChatReply(imagePromptsReply(seeded.contents[0]!.primaryKeyword), 3);
    await page.goto(`${site}/content`);
    await page.getByTestId('content-select-all').check();
    await page.getByTestId('content-generate-prompts').click();
    await doubleClickStartsOne(page, 'image_prompts.generate', /\/image-prompts\/generate$/, 'image-prompts-submit');
    await mock.endStep();
    await page.reload();
    await page.getByTestId('content-select-all').check();
    await page.getByTestId('content-generate-images').click();
    await doubleClickStartsOne(page, 'images.generate', /\/images\/generate$/, 'images-submit');
    await mock.endStep();
  });
});
