import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { Cluster, Content, Image, TaskRun, WriterTask } from '@igny8/contracts';
import type { ApiClient } from '../support/api';
import { expect as baseExpect, test } from '../support/fixtures';
import { loginVisits, recordTenantRequests, shoot, trackUrls, withoutBearer } from '../support/pipeline/browser';
import { MockLog } from '../support/pipeline/mocklog';
import { authorizationOf, PLATFORM_KEY, providerCalls, tenantOnMockProviders } from '../support/pipeline/providers';
import { CLUSTER_DESCRIPTION, queueArticles, ideasReply, imagePromptsReply } from '../support/pipeline/replies';
import { signIn, type Tenant } from '../support/pipeline/tenant';
import { ProgressSampler, expectTaskInTray, isTerminal, openTray, startTaskFromUi } from '../support/pipeline/tray';
import { expectSignedIn, loginViaUi } from '../support/ui';

/**
 * The seed product's workflow as one browser session of a NORMAL user: an editor of a customer
 * account that has no AI keys of its own, running on the platform's keys (served by the mock
 * provider with a realistic delay). Keywords → auto-cluster → ideas → writer → content → image
 * prompts → images, each a background task in the tray; while the images are being generated the
 * page is reloaded twice and a second tab opens. The incident this guards against: users logged
 * out mid-task, 403 on task progress, "settings not found" without own keys.
 */

// Page loads share the machine with builds and other browsers: generous, but still bounded, waits.
const expect = baseExpect.configure({ timeout: 20_000 });

const CSV = fileURLToPath(new URL('../support/pipeline/keywords.csv', import.meta.url));
const list = <T>(api: ApiClient, path: string) => api.call<{ items: T[]; total: number }>('GET', path);

/** The `<id>` of every row whose test id starts with `prefix`, in page order. */
async function rowIds(page: Page, prefix: string): Promise<string[]> {
  return page
    .locator(`[data-testid^="${prefix}"]`)
    .evaluateAll((rows, p) => rows.map((r) => r.getAttribute('data-testid')!.slice(p.length)), prefix);
}

/** The dock repeats the tasks of this tab over the page's lower left corner; close it before table work. */
async function dismissDock(page: Page): Promise<void> {
  const close = page.getByTestId('task-dock-close');
  if (await close.isVisible()) await close.click();
}

test.describe.configure({ mode: 'serial' });

let tenant: Tenant;
let restoreProviders: (() => Promise<void>) | undefined;

test.beforeAll(async ({ baseURL }) => {
  // As the platform operator: the system account's keys point at the mock provider.
  ({ tenant, restore: restoreProviders } = await tenantOnMockProviders(baseURL!, 'Pipeline'));
});

test.afterAll(async () => {
  await restoreProviders?.();
});

test('an editor without own keys runs the whole pipeline on the platform keys, across reloads and tabs', async ({
  page,
  context,
  guard,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const editor = tenant.users.editor;
  const acc = `/api/v1/accounts/${tenant.accountId}`;
  const api = await signIn(baseURL!, editor);
  const mock = new MockLog();
  await mock.begin();

  // The customer account really has no keys: its effective settings come from the platform.
  const effective = await api.call<{ items: { capability: string; source: string; hasOwnSettings: boolean }[] }>(
    'GET',
    `${acc}/settings/integrations`,
  );
  expect(effective.items.map((i) => [i.capability, i.source, i.hasOwnSettings])).toEqual([
    ['text', 'system', false],
    ['image', 'system', false],
    // The platform has no embeddings provider here, so clustering runs on words alone.
    ['embeddings', 'builtin', false],
  ]);

  const tenantRequests = await recordTenantRequests(context);
  let urls: string[] = [];
  const taskIds: Record<'cluster' | 'ideas' | 'content' | 'prompts' | 'images', string> = {
    cluster: '',
    ideas: '',
    content: '',
    prompts: '',
    images: '',
  };

  await test.step('sign in as the editor and create a site', async () => {
    await loginViaUi(page, editor);
    await expect(page).toHaveURL(new RegExp(`/a/${tenant.accountId}`));
    // Signed in: from here on the tab must never see the login page again.
    urls = trackUrls(page);
    await page.getByTestId('nav-sites').click();
    await page.getByTestId('site-create-open').first().click(); // header and empty state both offer it
    await page.getByTestId('site-name').fill('Bean & Brew');
    await page.getByTestId('site-url').fill('https://beanandbrew.example');
    await page.getByTestId('site-niche').fill('Home coffee brewing');
    await page.getByTestId('site-submit').click();
    await expect(page).toHaveURL(/\/sites\/[0-9a-f-]{36}\/keywords$/);
    await expect(page.getByTestId('keywords-table')).toBeVisible();
  });
  const siteId = /\/sites\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  const site = `${acc}/sites/${siteId}`;

  await test.step('import a CSV of 60 keywords through the import dialog', async () => {
    await page.getByTestId('keywords-import-open').click();
    await page.getByTestId('import-file-input').setInputFiles(CSV);
    const preview = page.getByTestId('import-preview');
    await expect(preview).toBeVisible();
    await expect(preview).toContainText('best espresso machine');
    await expect(page.getByTestId('import-errors')).toHaveCount(0);
    await expect(page.getByTestId('import-submit')).toBeEnabled();
    await expect(page.getByTestId('import-submit')).toContainText('60');
    await shoot(page, 'pipeline-keywords-import.png');
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-result')).toBeVisible();
    await expect(page.getByTestId('import-result-counts')).toContainText('60 keywords added');
    await page.getByTestId('import-close').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.locator('[data-testid^="keyword-row-"]')).not.toHaveCount(0);
  });

  await test.step('auto-cluster all keywords after a preview; the task succeeds in the tray', async () => {
    await mock.control.queueChatReply(CLUSTER_DESCRIPTION, 50);
    await page.getByTestId('keywords-autocluster-all').click();
    await expect(page.getByTestId('autocluster-summary')).toContainText('from 60 keywords');
    taskIds.cluster = await startTaskFromUi(page, /\/clusters\/auto$/, () =>
      page.getByTestId('autocluster-create').click(),
    );
    await expectTaskInTray(page, taskIds.cluster);
    await dismissDock(page);
    await mock.endStep();
  });

  let clusterIds: string[] = [];
  await test.step('clusters: select two, generate one idea for each', async () => {
    await page.getByTestId('nav-clusters').click();
    await expect(page.getByTestId('clusters-table')).toBeVisible();
    await expect(page.locator('[data-testid^="cluster-row-"]')).not.toHaveCount(0);
    const names = new Map((await list<Cluster>(api, `${site}/clusters?limit=100`)).items.map((c) => [c.id, c.name]));
    expect(names.size, 'clusters made from six topics').toBeGreaterThanOrEqual(4);
    await shoot(page, 'pipeline-clusters.png');

    clusterIds = (await rowIds(page, 'cluster-row-')).slice(0, 2);
    for (const id of clusterIds) await page.getByTestId(`cluster-select-${id}`).check();
    // Ideas named after the clusters, queued in the order the request lists them.
    await page.route(
      (url) => url.pathname.endsWith('/ideas/generate'),
      async (route) => {
        const body = route.request().postDataJSON() as { clusterIds: string[]; perCluster: number };
        for (const id of body.clusterIds)
          await mock.control.queueChatReply(ideasReply(names.get(id) ?? 'coffee', body.perCluster));
        await route.fallback();
      },
      { times: 1 },
    );
    await page.getByTestId('clusters-generate-ideas').click();
    await page.getByTestId('generate-ideas-per-cluster').fill('1');
    taskIds.ideas = await startTaskFromUi(page, /\/ideas\/generate$/, () =>
      page.getByTestId('generate-ideas-submit').click(),
    );
    await expectTaskInTray(page, taskIds.ideas);
    await dismissDock(page);
    await mock.endStep();
  });

  let writerOrder: WriterTask[] = [];
  await test.step('ideas: select both, queue them to the writer', async () => {
    await page.getByTestId('nav-ideas').click();
    await expect(page.getByTestId('ideas-table')).toBeVisible();
    await expect(page.locator('[data-testid^="idea-row-"]')).toHaveCount(2);
    await shoot(page, 'pipeline-ideas.png');
    for (const id of await rowIds(page, 'idea-row-')) await page.getByTestId(`idea-select-${id}`).check();
    const queued = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/writer/tasks'),
    );
    await page.getByTestId('ideas-queue-writer').click();
    const res = await queued;
    expect(res.status()).toBe(201);
    const body = (await res.json()) as { created: number; items: WriterTask[] };
    expect(body.created).toBe(2);
    writerOrder = body.items;
  });

  await test.step('writer: select all, generate the articles', async () => {
    await page.getByTestId('nav-writer').click();
    await expect(page.getByTestId('writer-table')).toBeVisible();
    for (const w of writerOrder) await expect(page.getByTestId(`writer-row-${w.id}`)).toBeVisible();
    await page.getByTestId('writer-select-all').check();
    // One long article per writer task (five sections, so several in-article images each).
    await queueArticles(mock.control, writerOrder);
    taskIds.content = await startTaskFromUi(page, /\/contents\/generate$/, () =>
      page.getByTestId('writer-generate-content').click(),
    );
    await expectTaskInTray(page, taskIds.content);
    await dismissDock(page);
    await mock.endStep();
  });

  let contents: Content[] = [];
  await test.step('content: select all, generate image prompts', async () => {
    contents = (await list<Content>(api, `${site}/contents`)).items;
    expect(contents).toHaveLength(2);
    await page.getByTestId('nav-content').click();
    await expect(page.getByTestId('content-table')).toBeVisible();
    for (const c of contents) await expect(page.getByTestId(`content-row-${c.id}`)).toBeVisible();
    await page.getByTestId('content-select-all').check();
    // Articles are processed in the order their writer tasks were queued.
    for (const w of writerOrder) await mock.control.queueChatReply(imagePromptsReply(w.primaryKeyword));
    await page.getByTestId('content-generate-prompts').click();
    // The dialog's image settings: four in-article images at most, one per 300 words.
    await page.getByTestId('image-prompts-max-inline').fill('4');
    await page.getByTestId('image-prompts-words-per-image').fill('300');
    taskIds.prompts = await startTaskFromUi(page, /\/image-prompts\/generate$/, () =>
      page.getByTestId('image-prompts-submit').click(),
    );
    await expectTaskInTray(page, taskIds.prompts);
    await dismissDock(page);
    await mock.endStep();
  });

  let tab2: Page | undefined;
  let urls2: string[] = [];
  await test.step('generate images; meanwhile open a second tab and reload the first twice', async () => {
    // 10 images (a featured and four in-article images per article). While the tabs reload, the
    // image calls wait (up to 60 s each), so the task is still running after the reloads however
    // loaded the machine is (they took up to 50 s on a busy CI box); then the latency drops to
    // 0.8 s, which answers the waiting calls at once.
    await mock.control.setLatency(60_000);
    await page.getByTestId('content-select-all').check();
    await page.getByTestId('content-generate-images').click();
    taskIds.images = await startTaskFromUi(page, /\/images\/generate$/, () =>
      page.getByTestId('images-submit').click(),
    );
    const startedAt = Date.now();
    const events: string[] = [];
    const note = (what: string) =>
      events.push(`${what} +${Date.now() - startedAt} ms (${watcher.lastStatus('tab1') ?? '?'})`);

    const watcher = new ProgressSampler(taskIds.images);
    watcher.watch('tab1', page);
    watcher.start();
    try {
      await openTray(page);
      await expect(page.getByTestId(`task-item-${taskIds.images}`)).toBeVisible();
      await shoot(page, 'pipeline-task-tray.png');
      note('tray open in tab 1');

      // A second tab on the same URL: restores the session and shows the same task in its tray.
      tab2 = await context.newPage();
      urls2 = trackUrls(tab2);
      watcher.watch('tab2', tab2);
      await tab2.goto(page.url());
      await expectSignedIn(tab2);
      await openTray(tab2);
      await expect(tab2.getByTestId(`task-item-${taskIds.images}`), 'the second tab shows the same task').toBeVisible();
      note('tray open in tab 2');

      for (let i = 1; i <= 2; i++) {
        await page.reload();
        await expectSignedIn(page);
        await openTray(page);
        await expect(page.getByTestId(`task-item-${taskIds.images}`), `tray after reload ${i}`).toBeVisible();
        note(`tab 1 reloaded (${i})`);
      }
      expect(
        isTerminal(watcher.lastStatus('tab1')),
        `the task still runs after the reloads: ${events.join('; ')}`,
      ).toBe(false);
      await mock.control.setLatency(800);

      // Sampled until the task has ended in both tabs.
      await expect
        .poll(() => [watcher.lastStatus('tab1'), watcher.lastStatus('tab2')], { timeout: 90_000, intervals: [250] })
        .toEqual(['succeeded', 'succeeded']);
      note('succeeded in both tabs');
    } finally {
      await watcher.stop();
    }
    test.info().annotations.push({
      type: 'images task',
      description: `${events.join('; ')}; samples: tab 1 ${watcher.of('tab1').length}, tab 2 ${watcher.of('tab2').length}`,
    });

    for (const tab of ['tab1', 'tab2']) {
      const seq = watcher.of(tab);
      expect(seq.length, `samples of ${tab}`).toBeGreaterThan(3);
      expect(watcher.regressions(tab), `progress of ${tab} never goes backwards`).toEqual([]);
      expect(seq.at(-1)).toMatchObject({ percent: 100, status: 'succeeded' });
      expect(
        seq.some((x) => !isTerminal(x.status)),
        `${tab} saw the task while it ran: ${events.join('; ')}`,
      ).toBe(true);
    }
    // Tab 1 kept showing it across its reloads (three page loads sampled).
    expect(
      new Set(watcher.of('tab1').map((x) => x.load)).size,
      'page loads of tab 1 with samples',
    ).toBeGreaterThanOrEqual(3);
  });

  await test.step('open the article: the preview shows its generated images', async () => {
    const target = contents[0]!;
    const images = (await list<Image>(api, `${site}/images?contentId=${target.id}`)).items;
    expect(images.length, 'a featured image and in-article images').toBeGreaterThanOrEqual(2);
    expect(images.map((i) => i.status)).toEqual(images.map(() => 'generated'));

    await page.keyboard.press('Escape');
    await page.getByTestId('nav-content').click();
    await page.getByTestId(`content-open-${target.id}`).click();
    await expect(page.getByTestId('content-editor')).toBeVisible();
    await page.getByTestId('content-preview-tab').click();
    await expect(page.getByTestId('content-preview')).toBeVisible();
    for (const img of images) await expect(page.getByTestId(`preview-image-${img.id}`)).toBeVisible();
    await expect
      .poll(() =>
        page
          .locator('[data-testid^="preview-image-"]')
          .evaluateAll((els) =>
            els.map((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0),
          ),
      )
      .toEqual(images.map(() => true));
    await dismissDock(page);
    await page.getByTestId('content-preview').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -72); // below the sticky header
    });
    await shoot(page, 'pipeline-content-preview.png');
  });

  await test.step('no sign-out, every tenant request had a token, the tray never lost the session', async () => {
    expect(loginVisits(urls), 'tab 1 never on /login').toEqual([]);
    expect(loginVisits(urls2), 'tab 2 never on /login').toEqual([]);
    expect(tenantRequests.length, 'tenant requests seen').toBeGreaterThan(50);
    expect(tenantRequests.filter((r) => r.page === tab2).length, 'tenant requests of tab 2').toBeGreaterThan(0);
    expect(withoutBearer(tenantRequests), 'tenant requests without a bearer token').toEqual([]);
    await guard.settle();
    expect(guard.unrecovered401s().map((r) => `${r.method} ${r.url}`)).toEqual([]);
    for (const p of [page, tab2!])
      expect(await p.evaluate(() => window.__igny8?.blockedRequestCount() ?? null)).toBe(0);
  });

  await test.step('every task ran on the platform keys (provider_source: system)', async () => {
    const expected: Record<keyof typeof taskIds, string[]> = {
      cluster: ['text'],
      ideas: ['text'],
      content: ['text'],
      prompts: ['text', 'image'],
      images: ['image'],
    };
    for (const [step, id] of Object.entries(taskIds) as [keyof typeof taskIds, string][]) {
      const run = await api.call<TaskRun>('GET', `${acc}/tasks/${id}`);
      expect(run.status, `${step} task`).toBe('succeeded');
      const sources = run.debugInfo.provider_source as Record<string, string> | undefined;
      expect(sources, `${step} task: debugInfo.provider_source`).toEqual(
        Object.fromEntries(expected[step].map((capability) => [capability, 'system'])),
      );
    }
    const calls = providerCalls(await mock.all());
    const chat = calls.filter((c) => c.endpoint === 'chat');
    const images = calls.filter((c) => c.endpoint === 'images');
    expect(chat.length, 'chat calls: descriptions, ideas, articles, image prompts').toBeGreaterThanOrEqual(
      4 + 2 + 2 + 2,
    );
    expect(images.length, 'one image call per prompt').toBeGreaterThanOrEqual(4);
    expect([...new Set(calls.map(authorizationOf))], 'every provider call used the platform key').toEqual([
      `Bearer ${PLATFORM_KEY}`,
    ]);
  });

  await api.dispose();
});
