import type { BrowserContext, Page } from '@playwright/test';
import type { IntegrationsView, Role, TaskRun, UsageSummary } from '@igny8/contracts';
import { expect as baseExpect, test } from '../support/fixtures';
import { REFRESH_PATH } from '../support/paths';
import {
  collectPageErrors,
  loginVisits,
  recordTenantRequests,
  trackUrls,
  withoutBearer,
} from '../support/pipeline/browser';
import { MockLog } from '../support/pipeline/mocklog';
import {
  authorizationOf,
  PLATFORM_KEY,
  PLATFORM_TEXT,
  providerCalls,
  tenantOnMockProviders,
} from '../support/pipeline/providers';
import { CLUSTER_DESCRIPTION } from '../support/pipeline/replies';
import { csvKeywords, seedSiteViaApi, waitForTask, type SeededSite } from '../support/pipeline/seed';
import { signIn, type Tenant } from '../support/pipeline/tenant';
import { sideNavLinks, sitePagesFromSource, waitForSettledPage } from '../support/routes';
import { SYSTEM_OWNER, type Person } from '../support/users';
import { blockedRequestCount, loginContext } from '../support/ui';

/**
 * Regression tests for the seed product's incident. Each fails if its cause comes back:
 * - router context: a page that renders outside its providers (error boundary, console error);
 * - auth loss: the auth store losing its state on remount and sending requests without a token,
 *   which logged users out mid-task;
 * - permissions: a class-level "system only" rule overriding per-action rules (403 on task
 *   progress for normal users);
 * - fallback: "settings not found" for accounts without their own keys instead of the platform's.
 */

const expect = baseExpect.configure({ timeout: 20_000 });

test.describe.configure({ mode: 'serial' });

let tenant: Tenant;
let seeded: SeededSite;
let restoreProviders: (() => Promise<void>) | undefined;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(240_000);
  ({ tenant, restore: restoreProviders } = await tenantOnMockProviders(baseURL!, 'Incident'));
  // Data on every page: a site with keywords, clusters, an idea, an article and its images.
  const editor = await signIn(baseURL!, tenant.users.editor);
  const mock = new MockLog();
  try {
    await mock.begin();
    seeded = await seedSiteViaApi(editor, tenant.accountId, mock, 'Incident blog');
  } finally {
    await mock.endStep();
    await editor.dispose();
  }
});

test.afterAll(async () => {
  await restoreProviders?.();
});

// ---- router context ------------------------------------------------------------------------

interface PageCase {
  name: string;
  path: string;
  /** A test id that shows once the page has rendered its data. */
  ready: string | null;
}

function tenantPages(): PageCase[] {
  const acc = `/a/${tenant.accountId}`;
  const site = `${acc}/sites/${seeded.siteId}`;
  const cases: PageCase[] = [
    { name: 'overview', path: acc, ready: 'overview-role' },
    { name: 'members', path: `${acc}/members`, ready: 'members-table' },
    { name: 'settings', path: `${acc}/settings`, ready: 'settings-name' },
    { name: 'sites', path: `${acc}/sites`, ready: 'sites-table' },
    { name: 'tasks', path: `${acc}/tasks`, ready: 'tasks-table' },
    { name: 'integrations', path: `${acc}/integrations`, ready: 'integration-card-text' },
    { name: 'usage', path: `${acc}/usage`, ready: 'usage-table' },
    { name: 'keywords', path: `${site}/keywords`, ready: 'keywords-table' },
    { name: 'clusters', path: `${site}/clusters`, ready: 'clusters-table' },
    { name: 'ideas', path: `${site}/ideas`, ready: 'ideas-table' },
    { name: 'writer', path: `${site}/writer`, ready: 'writer-table' },
    { name: 'content', path: `${site}/content`, ready: 'content-table' },
    { name: 'content editor', path: `${site}/content/${seeded.contents[0]!.id}`, ready: 'content-editor' },
    { name: 'images', path: `${site}/images`, ready: 'images-gallery' },
  ];
  // Site pages added to the features' route files later are covered too.
  for (const { path } of sitePagesFromSource()) {
    if (!cases.some((c) => c.path === `${site}/${path}`))
      cases.push({ name: path, path: `${site}/${path}`, ready: null });
  }
  return cases;
}

/** Opens `c` in a new tab of the signed-in context, cold and after a reload, and checks it both times. */
async function expectPageRenders(context: BrowserContext, c: PageCase): Promise<void> {
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const urls = trackUrls(page);
  for (const phase of ['cold', 'after a reload'] as const) {
    if (phase === 'cold') await page.goto(c.path);
    else await page.reload();
    const what = `${c.name} (${c.path}), ${phase}`;
    await expect(page, what).toHaveURL(new RegExp(`${c.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    if (c.ready) await expect(page.getByTestId(c.ready), what).toBeVisible();
    await waitForSettledPage(page);
    for (const bad of ['error-boundary', 'not-found', 'site-not-found', 'query-error']) {
      await expect(page.getByTestId(bad), `${what}: ${bad}`).toHaveCount(0);
    }
    expect(errors, `${what}: console and page errors`).toEqual([]);
    expect(await blockedRequestCount(page), `${what}: blocked requests`).toBe(0);
  }
  expect(loginVisits(urls), `${c.name}: sent to the login page`).toEqual([]);
  await page.close();
}

for (const [role, who] of [
  ['viewer', 'a viewer'],
  ['editor', 'an editor'],
] as const) {
  test(`router context: every page renders cold and after a reload, as ${who}`, async ({ context, guard }) => {
    test.setTimeout(300_000);
    await loginContext(context, tenant.users[role]);
    for (const c of tenantPages()) await test.step(c.name, () => expectPageRenders(context, c));
    await guard.settle();
    expect(guard.requestsWithoutToken()).toEqual([]);
  });
}

test('router context: the platform page renders cold and after a reload, for the operator', async ({ context }) => {
  await loginContext(context, SYSTEM_OWNER);
  await expectPageRenders(context, { name: 'platform', path: '/platform', ready: 'platform-accounts-table' });
});

// ---- auth loss -----------------------------------------------------------------------------

test('auth loss: a remount storm of rapid sidebar navigation while a task runs keeps the session', async ({
  context,
  guard,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const editor = tenant.users.editor;
  const api = await signIn(baseURL!, editor);
  const mock = new MockLog();
  await mock.begin();
  await loginContext(context, editor);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`/a/${tenant.accountId}/sites/${seeded.siteId}/keywords`);
  await waitForSettledPage(page);
  const order = (await sideNavLinks(page)).map((l) => l.id).filter((id) => id !== 'choose-site');
  for (const id of [
    // Account settings is in admins' nav only: an editor's storm covers the rest.
    'overview',
    'members',
    'integrations',
    'tasks',
    'keywords',
    'clusters',
    'ideas',
    'writer',
    'content',
    'images',
  ]) {
    expect(order, 'side-nav links').toContain(id);
  }

  // A task runs through the storm (images regenerated, 1.5 s per image), so the tray polls all along.
  await mock.control.setLatency(1_500);
  const { taskId } = await api.call<{ taskId: string }>(
    'POST',
    `/api/v1/accounts/${tenant.accountId}/sites/${seeded.siteId}/images/generate`,
    {
      contentIds: seeded.contents.map((c) => c.id),
    },
  );

  const tenantRequests = await recordTenantRequests(context);
  const urls = trackUrls(page);
  const start = guard.mark();
  const startedAt = Date.now();
  let clicks = 0;
  let step = 0;
  // At least 50 clicks, one right after the other without waiting for any page, and on until the
  // 10 s access token has been refreshed mid-storm at least once.
  while (clicks < 50 || (guard.refreshRequestsSince(start).length === 0 && Date.now() - startedAt < 60_000)) {
    const id = order[step++ % order.length]!;
    const link = page.getByTestId(`nav-${id}`);
    // Site pages are in the sidebar only inside a site; elsewhere "Choose a site" leads back into one.
    const target = (await link.count()) > 0 ? link : page.getByTestId('nav-choose-site');
    const done = await target
      .click({ timeout: 2_000 })
      .then(() => true)
      .catch(() => false); // the link was replaced by a navigation that just committed: next one
    if (done) clicks++;
    if (step > 500) break;
  }
  expect(clicks, 'sidebar clicks').toBeGreaterThanOrEqual(50);

  await waitForSettledPage(page);
  await expect(page.getByTestId('error-boundary')).toHaveCount(0);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  expect(loginVisits(urls), 'never on the login page').toEqual([]);
  expect(await blockedRequestCount(page), 'window.__igny8.blockedRequestCount()').toBe(0);
  expect(errors, 'console and page errors').toEqual([]);

  await guard.settle();
  expect(tenantRequests.length, 'tenant requests during the storm').toBeGreaterThan(30);
  expect(withoutBearer(tenantRequests), 'tenant requests without a bearer token').toEqual([]);
  expect(guard.requestsWithoutToken(start), 'API requests without a bearer token').toEqual([]);
  expect(
    guard.unrecovered401s(start).map((r) => `${r.method} ${r.url} ${r.code ?? ''}`),
    '401 without refresh and retry',
  ).toEqual([]);
  const refreshes = guard.responsesSince(start, (r) => r.path === REFRESH_PATH);
  expect(refreshes.length, 'the storm outlived an access token').toBeGreaterThanOrEqual(1);
  expect(refreshes.map((r) => r.status)).toEqual(refreshes.map(() => 200));
  test.info().annotations.push({
    type: 'storm',
    description: `${clicks} clicks in ${Date.now() - startedAt} ms; ${tenantRequests.length} tenant requests; ${refreshes.length} refreshes`,
  });

  await mock.control.setLatency(0);
  expect((await waitForTask(api, tenant.accountId, taskId)).status).toBe('succeeded');
  await mock.endStep();
  await api.dispose();
});

// ---- permissions ---------------------------------------------------------------------------

test('permissions: every member reads task progress and effective settings; none may touch the system settings', async ({
  request,
}) => {
  const acc = `/api/v1/accounts/${tenant.accountId}`;
  const tokenOf = async (person: Person): Promise<string> => {
    const res = await request.post('/api/v1/auth/login', { data: { email: person.email, password: person.password } });
    expect(res.status(), `login of ${person.email}`).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  };

  const outcomes: string[] = [];
  for (const role of ['viewer', 'editor', 'admin', 'owner'] as const satisfies readonly Role[]) {
    // A fresh token per role: the server's access tokens live 10 s.
    const headers = { authorization: `Bearer ${await tokenOf(tenant.users[role])}` };

    for (const run of seeded.runs) {
      const res = await request.get(`${acc}/tasks/${run.id}`, { headers });
      expect(res.status(), `${role}: GET task ${run.kind}`).toBe(200);
      const body = (await res.json()) as TaskRun;
      expect(body).toMatchObject({ id: run.id, status: 'succeeded' });
      expect(body.progress.percent).toBe(100);
    }
    const tasks = await request.get(`${acc}/tasks?active=1`, { headers });
    expect(tasks.status(), `${role}: GET tasks`).toBe(200);

    const settings = await request.get(`${acc}/settings/integrations`, { headers });
    expect(settings.status(), `${role}: GET effective settings`).toBe(200);
    const view = (await settings.json()) as IntegrationsView;
    expect(
      view.items.map((i) => `${i.capability}:${i.source}`),
      `${role}: effective settings`,
    ).toEqual(['text:system', 'image:system', 'embeddings:builtin']);

    const save = await request.put('/api/v1/platform/integrations/text', {
      headers,
      data: { ...PLATFORM_TEXT, apiKey: 'sk-stolen' },
    });
    expect(save.status(), `${role}: save the system settings`).toBe(403);
    expect(((await save.json()) as { error: { code: string } }).error.code).toBe('platform_only');

    const probe = await request.post('/api/v1/platform/integrations/text/test', { headers, data: PLATFORM_TEXT });
    expect(probe.status(), `${role}: test the system settings`).toBe(403);
    expect(((await probe.json()) as { error: { code: string } }).error.code).toBe('platform_only');
    outcomes.push(role);
  }
  expect(outcomes).toEqual(['viewer', 'editor', 'admin', 'owner']);

  // The 403s are the rule, not a broken route: the operator reads the same settings.
  const operator = { authorization: `Bearer ${await tokenOf(SYSTEM_OWNER)}` };
  const platform = await request.get('/api/v1/platform/integrations', { headers: operator });
  expect(platform.status()).toBe(200);
  expect(((await platform.json()) as IntegrationsView).items.map((i) => `${i.capability}:${i.source}`)).toEqual([
    'text:system',
    'image:system',
    'embeddings:builtin',
  ]);
});

test('permissions: a viewer opens the AI providers page and sees the platform key, without an error', async ({
  context,
}) => {
  await loginContext(context, tenant.users.viewer);
  const page: Page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`/a/${tenant.accountId}`);
  await waitForSettledPage(page);
  await page.getByTestId('nav-integrations').click();
  await expect(page).toHaveURL(new RegExp(`/a/${tenant.accountId}/integrations$`));
  await expect(page.getByTestId('integration-source-text')).toHaveText('Using platform key');
  await expect(page.getByTestId('integration-source-image')).toHaveText('Using platform key');
  // Embeddings are optional: without them clustering reads words, and the card says so.
  await expect(page.getByTestId('integration-source-embeddings')).toHaveText('Not configured (words only)');
  await waitForSettledPage(page);
  for (const bad of ['error-boundary', 'query-error']) await expect(page.getByTestId(bad)).toHaveCount(0);
  expect(errors).toEqual([]);
});

// ---- fallback ------------------------------------------------------------------------------

test('fallback: an account without keys runs its tasks on the system account keys', async ({ baseURL }) => {
  const acc = `/api/v1/accounts/${tenant.accountId}`;
  const api = await signIn(baseURL!, tenant.users.editor);
  const mock = new MockLog();
  await mock.begin();
  try {
    const view = await api.call<IntegrationsView>('GET', `${acc}/settings/integrations`);
    expect(
      view.items.every((i) => !i.hasOwnSettings),
      'the account has no settings of its own',
    ).toBe(true);

    const site = await api.call<{ id: string }>('POST', `${acc}/sites`, {
      name: 'Fallback check',
      url: 'https://fallback.example',
    });
    const keywords = csvKeywords().filter((k) => /cold brew|french press/.test(k.phrase));
    await api.call('POST', `${acc}/sites/${site.id}/keywords`, { keywords });
    await mock.control.queueChatReply(CLUSTER_DESCRIPTION, 20);
    const { taskId } = await api.call<{ taskId: string }>('POST', `${acc}/sites/${site.id}/clusters/auto`, {});
    const run = await waitForTask(api, tenant.accountId, taskId);

    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.debugInfo.provider_source, 'debugInfo.provider_source').toEqual({ text: 'system' });
    expect(run.debugInfo.provider).toMatchObject({ text: { provider: 'openai_compatible', model: 'gpt-e2e' } });
    // The cluster descriptions were written by the platform's text provider, not by templates.
    const clusters = await api.call<{ items: { descriptionSource: string }[] }>(
      'GET',
      `${acc}/sites/${site.id}/clusters`,
    );
    expect(clusters.items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(clusters.items.map((c) => c.descriptionSource))).toEqual(new Set(['ai']));

    const calls = providerCalls(await mock.all());
    expect(calls.length, 'calls to the platform provider').toBeGreaterThanOrEqual(clusters.items.length);
    expect([...new Set(calls.map(authorizationOf))]).toEqual([`Bearer ${PLATFORM_KEY}`]);
    expect([...new Set(calls.map((c) => (c.body as { model?: string }).model))]).toEqual(['gpt-e2e']);

    const usage = await api.call<UsageSummary>('GET', `${acc}/usage`);
    expect(
      [...new Set(usage.rows.filter((r) => r.capability === 'text').map((r) => r.source))],
      'usage of text',
    ).toEqual(['system']);
  } finally {
    await mock.endStep();
    await api.dispose();
  }
});
