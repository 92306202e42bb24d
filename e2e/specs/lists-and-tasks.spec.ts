import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Cluster, Keyword, TaskRun } from '@igny8/contracts';
import type { ApiClient } from '../support/api';
import { expect as baseExpect, test } from '../support/fixtures';
import { MockLog } from '../support/pipeline/mocklog';
import { tenantOnMockProviders } from '../support/pipeline/providers';
import { queueArticles } from '../support/pipeline/replies';
import { seedSiteViaApi, waitForTask, type SeededSite } from '../support/pipeline/seed';
import { signIn, type Tenant } from '../support/pipeline/tenant';
import { startTaskFromUi } from '../support/pipeline/tray';
import { loginViaUi } from '../support/ui';

/**
 * What a user meets on the lists and the tasks (issue 17): a failed item can be retried from the
 * task's details; every list sorts on the server from its headers; "select all N matching" acts on
 * every matching row, not one page; nothing floating covers an action, on a desktop and a phone.
 */

const expect = baseExpect.configure({ timeout: 20_000 });

test.describe.configure({ mode: 'serial' });

let tenant: Tenant;
let api: ApiClient;
let seeded: SeededSite;
let restoreProviders: (() => Promise<void>) | undefined;
const mock = new MockLog();

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(240_000);
  ({ tenant, restore: restoreProviders } = await tenantOnMockProviders(baseURL!, 'Lists'));
  api = await signIn(baseURL!, tenant.users.editor);
  await mock.begin();
  seeded = await seedSiteViaApi(api, tenant.accountId, mock, 'Lists site', 20);
});

test.afterAll(async () => {
  await api?.dispose();
  await restoreProviders?.();
});

const site = () => `/a/${tenant.accountId}/sites/${seeded.siteId}`;
const siteApi = () => `/api/v1/accounts/${tenant.accountId}/sites/${seeded.siteId}`;

/** The `<id>` of every row whose test id starts with `prefix`, in page order. */
async function rowIds(page: Page, prefix: string): Promise<string[]> {
  return page
    .locator(`[data-testid^="${prefix}"]`)
    .evaluateAll((rows, p) => rows.map((r) => r.getAttribute('data-testid')!.slice(p.length)), prefix);
}

test('a failed item shows red, is named as people know it, and "Retry failed items" runs only it', async ({ page }) => {
  test.setTimeout(180_000);
  const content = seeded.contents[0]!;
  await mock.control.fail('images', 'content_policy', { times: 1 });
  const { taskId } = await api.call<{ taskId: string }>('POST', `${siteApi()}/images/generate`, {
    contentIds: [content.id],
  });
  const run = await waitForTask(api, tenant.accountId, taskId);
  await mock.endStep();
  expect(run.status).toBe('partial');
  expect(run.itemErrors).toHaveLength(1);

  await loginViaUi(page, tenant.users.editor);
  await page.goto(`/a/${tenant.accountId}/tasks?task=${taskId}`);
  const detail = page.getByTestId('task-detail-body');
  await expect(detail.getByTestId('task-detail-status')).toHaveText('Partly done');
  // Never a green box for a task whose items failed.
  const result = detail.getByTestId('task-detail-result');
  await expect(result).toBeVisible();
  expect(await result.getAttribute('style')).not.toMatch(/teal|green/);
  const errors = detail.getByTestId('task-detail-item-errors');
  await expect(errors).toContainText(/featured image|image after/);
  await expect(errors).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);

  const retryId = await startTaskFromUi(page, /\/tasks\/[^/]+\/retry-failed$/, () =>
    detail.getByTestId(`task-retry-failed-${taskId}`).click(),
  );
  expect(retryId).not.toBe(taskId);
  const retried = await waitForTask(api, tenant.accountId, retryId);
  await mock.endStep();
  expect(retried).toMatchObject({ kind: 'images.generate', status: 'succeeded', title: 'Generate 1 image' });
  // The drawer follows the new run.
  await expect(page).toHaveURL(new RegExp(`task=${retryId}`));
  await expect(page.getByTestId('task-detail-status')).toHaveText('Done');
});

test('every list sorts on the server from its column headers', async ({ page }) => {
  test.setTimeout(180_000);
  await loginViaUi(page, tenant.users.editor);
  const lists: { path: string; api: string; row: string; field: string }[] = [
    { path: `${site()}/keywords`, api: `${siteApi()}/keywords`, row: 'keyword-row-', field: 'phrase' },
    { path: `${site()}/clusters`, api: `${siteApi()}/clusters`, row: 'cluster-row-', field: 'name' },
    { path: `${site()}/ideas`, api: `${siteApi()}/ideas`, row: 'idea-row-', field: 'title' },
    { path: `${site()}/writer`, api: `${siteApi()}/writer/tasks`, row: 'writer-row-', field: 'title' },
    { path: `${site()}/content`, api: `${siteApi()}/contents`, row: 'content-row-', field: 'title' },
    {
      path: `/a/${tenant.accountId}/tasks`,
      api: `/api/v1/accounts/${tenant.accountId}/tasks`,
      row: 'tasks-row-',
      field: 'title',
    },
  ];
  for (const list of lists) {
    await test.step(list.path, async () => {
      await page.goto(list.path);
      for (const order of ['asc', 'desc'] as const) {
        const answer = page.waitForResponse((r) => {
          const u = new URL(r.url());
          return (
            u.pathname === list.api &&
            u.searchParams.get('sort') === list.field &&
            u.searchParams.get('order') === order
          );
        });
        await page.getByTestId(`sort-${list.field}`).click();
        const body = (await (await answer).json()) as { items: { id: string }[] };
        await expect(page).toHaveURL(new RegExp(`sort=${list.field}`));
        await expect.poll(() => rowIds(page, list.row)).toEqual(body.items.map((i) => i.id));
        await expect(page.getByTestId(`sort-${list.field}`).locator('xpath=..')).toHaveAttribute(
          'aria-sort',
          order === 'asc' ? 'ascending' : 'descending',
        );
      }
    });
  }
});

test('"select all N matching" selects every matching row, and the bulk action acts on all of them', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const extra = Array.from({ length: 40 }, (_, i) => ({ phrase: `grinder burr size ${i + 1}` }));
  await api.call('POST', `${siteApi()}/keywords`, { keywords: extra });
  const matching = (
    await api.call<{ items: Keyword[]; total: number }>('GET', `${siteApi()}/keywords?q=grinder%20burr&limit=500`)
  ).items;
  expect(matching).toHaveLength(40);

  await loginViaUi(page, tenant.users.editor);
  await page.goto(`${site()}/keywords?q=grinder%20burr&size=25`);
  await expect(page.locator('[data-testid^="keyword-row-"]')).toHaveCount(25);
  await page.getByTestId('keywords-select-all').check();
  await expect(page.getByTestId('selection-count')).toHaveText('25 keywords selected');
  await page.getByTestId('select-all-matching').click();
  await expect(page.getByTestId('selection-count')).toHaveText('40 keywords selected');
  await page.getByTestId('keywords-bulk-intent').click();
  await page.getByRole('menuitem', { name: 'Transactional' }).click();
  await expect
    .poll(
      async () =>
        (await api.call<{ items: Keyword[] }>('GET', `${siteApi()}/keywords?q=grinder%20burr&limit=500`)).items.filter(
          (k) => k.intent === 'transactional',
        ).length,
    )
    .toBe(40);
});

test('the editor exports its article as a .zip of files, and only what is saved', async ({ page }) => {
  const content = seeded.contents[0]!;
  expect(seeded.images.some((i) => i.contentId === content.id)).toBe(true);
  await loginViaUi(page, tenant.users.editor);
  await page.goto(`${site()}/content/${content.id}`);
  const exportButton = page.getByTestId('content-export');
  await expect(exportButton).toBeEnabled();

  // A change not saved yet would not be in the file: Export waits for the save.
  const title = page.getByTestId('content-title');
  const before = await title.inputValue();
  await title.fill(`${before} (edited)`);
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAttribute('title', /Save your changes first/);
  await page.getByTestId('content-save').click();
  await expect(page.getByTestId('content-dirty')).toHaveText('All changes saved');
  await expect(exportButton).toBeEnabled();

  await exportButton.click();
  const download = page.waitForEvent('download');
  await page.getByTestId('content-export-markdown').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.zip$/);
  // Entry names are stored as plain text in a zip: the article and its image files, not base64 inside the text.
  const names = readFileSync(await file.path()).toString('latin1');
  expect(names).toMatch(/[\w-]+\.md/);
  expect(names).toMatch(/images\/[\w.-]+\.(png|jpe?g|webp)/);
});

test('a notice that goes while the page is scrolled past it moves nothing in the window', async ({ page }) => {
  await loginViaUi(page, tenant.users.editor);
  await page.goto(`${site()}/content/${seeded.contents[0]!.id}`);
  const title = page.getByTestId('content-title');
  await title.fill(`${await title.inputValue()} again`);
  await page.getByTestId('content-save').click();
  const notice = page.locator('.mantine-Notification-root');
  await expect(notice).toBeVisible();

  // Down to the end of the article: the notice is above the window.
  const lastHeading = page.locator('.ProseMirror h2').last();
  await lastHeading.scrollIntoViewIfNeeded();
  const hostBottom = () =>
    page.evaluate(() => document.querySelector('[data-testid="notice-host"]')!.getBoundingClientRect().bottom);
  expect(await hostBottom()).toBeLessThan(0);
  const before = (await lastHeading.boundingBox())!.y;
  // It closes by itself; what the user looks at stays where it was.
  await expect(notice).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(async () => Math.round((await lastHeading.boundingBox())!.y - before)).toBe(0);
});

/**
 * Every action (button, link, checkbox, input) on screen that a floating element's box overlaps. An
 * action counts by the part of it that can be seen: a link scrolled out of its own scroll box (the
 * navigation's) is not covered, it is scrolled away.
 */
async function coveredActions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Box = { left: number; top: number; right: number; bottom: number };
    const meets = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const seen = (el: Element): Box | null => {
      const r = el.getBoundingClientRect();
      let box: Box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      for (let p = el.parentElement; p; p = p.parentElement) {
        const overflow = getComputedStyle(p);
        if (overflow.overflowX === 'visible' && overflow.overflowY === 'visible') continue;
        const c = p.getBoundingClientRect();
        box = {
          left: Math.max(box.left, c.left),
          top: Math.max(box.top, c.top),
          right: Math.min(box.right, c.right),
          bottom: Math.min(box.bottom, c.bottom),
        };
      }
      box = {
        left: Math.max(box.left, 0),
        top: Math.max(box.top, 0),
        right: Math.min(box.right, innerWidth),
        bottom: Math.min(box.bottom, innerHeight),
      };
      return box.right - box.left > 1 && box.bottom - box.top > 1 ? box : null;
    };
    const floating = Array.from(
      document.querySelectorAll('[data-testid="task-dock"], .mantine-Notifications-root .mantine-Notification-root'),
    ).filter((el) => seen(el));
    const actions = Array.from(
      document.querySelectorAll('button, a[href], input, [role="checkbox"], select, textarea'),
    ).filter((el) => getComputedStyle(el).visibility !== 'hidden' && !floating.some((f) => f.contains(el)));
    const out: string[] = [];
    for (const f of floating) {
      const a = f.getBoundingClientRect();
      for (const el of actions) {
        const b = seen(el);
        if (b && meets(a, b)) {
          out.push(
            `${f.getAttribute('data-testid') ?? 'toast'} covers ${el.tagName.toLowerCase()} "${(el.getAttribute('data-testid') ?? el.textContent ?? '').trim().slice(0, 40)}"`,
          );
        }
      }
    }
    return out;
  });
}

for (const viewport of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`nothing floating covers an action on the main pages (${viewport.name})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await loginViaUi(page, tenant.users.editor);
    // A task started here: the dock shows, and a toast says the work goes on in the background.
    await page.goto(`${site()}/writer`);
    await page.getByTestId('writer-status-filter').getByText('Written').click();
    const first = (await rowIds(page, 'writer-row-'))[0]!;
    await page.getByTestId(`writer-select-${first}`).check();
    await page.getByTestId('writer-generate-content').click();
    await queueArticles(mock.control, [seeded.contents[0]!], 3);
    const taskId = await startTaskFromUi(page, /\/contents\/generate$/, () => page.getByTestId('confirm-ok').click());
    if (viewport.name === 'desktop') await expect(page.getByTestId('task-dock')).toBeVisible();
    await expect(page.locator('.mantine-Notification-root')).toBeVisible();
    // Measured once the confirm dialog has gone: while it fades its overlay still holds the page, and the toast floats above it.
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.locator('body')).not.toHaveAttribute('data-scroll-locked');
    expect(await coveredActions(page), 'on the writer page, with the toast up').toEqual([]);

    const editor = `/content/${seeded.contents[0]!.id}`;
    for (const path of ['', '/keywords', '/clusters', '/ideas', '/writer', '/content', '/images', editor]) {
      // In-app navigation keeps the dock of this tab.
      await page.evaluate((to) => {
        window.history.pushState({}, '', to);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, `${site()}${path}`);
      await expect(page.locator('main')).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await coveredActions(page), `${viewport.name} ${path || 'site overview'}`).toEqual([]);
      // The page can be read sideways: nothing but the tables' own scroll is wider than the phone.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
        `${path}: no page-wide sideways scroll`,
      ).toBe(true);
    }
    if (viewport.name === 'phone') {
      // The navigation opens from the header's button and closes once a page is chosen.
      const keywordsLink = page.getByTestId('nav-keywords');
      await expect(keywordsLink).not.toBeInViewport();
      await page.getByTestId('nav-burger').click();
      await expect(page.getByTestId('nav-overview')).toBeInViewport();
      await keywordsLink.click(); // scrolled to within the navigation if the window is short
      await expect(page).toHaveURL(new RegExp(`${site()}/keywords`));
      await expect(keywordsLink).not.toBeInViewport();
      await page.goBack();
    }
    // The editor, last, can be used at this size: its title, body, Save and Export are on screen.
    for (const id of ['content-title', 'content-save', 'content-export'])
      await expect(page.getByTestId(id)).toBeInViewport();
    await expect(page.locator('.ProseMirror, [contenteditable="true"]').first()).toBeVisible();
    await waitForTask(api, tenant.accountId, taskId);
    await mock.endStep();
    const runs = (await api.call<{ items: TaskRun[] }>('GET', `/api/v1/accounts/${tenant.accountId}/tasks?active=1`))
      .items;
    expect(runs).toEqual([]);
  });
}

test('the cluster filter searches all of the site’s clusters on the server as you type', async ({ page }) => {
  const clusters = (await api.call<{ items: Cluster[] }>('GET', `${siteApi()}/clusters?sort=name&order=desc&limit=5`))
    .items;
  // The last by name, typed in part: the options come from the server's search, not from the names already listed.
  const target = clusters.find((c) => c.keywordCount > 0)!;
  const typed = target.name.slice(1, 12);
  await loginViaUi(page, tenant.users.editor);
  await page.goto(`${site()}/keywords`);
  const searched = page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === `${siteApi()}/clusters/names` && u.searchParams.get('q') === typed.trim();
  });
  await page.getByTestId('keywords-filter-cluster').fill(typed);
  const found = (await (await searched).json()) as { items: { id: string }[] };
  expect(found.items.map((c) => c.id)).toContain(target.id);
  const filtered = page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === `${siteApi()}/keywords` && u.searchParams.get('clusterId') === target.id;
  });
  await page.getByRole('option', { name: target.name, exact: true }).click();
  const rows = (await (await filtered).json()) as { total: number };
  expect(rows.total).toBe(target.keywordCount);
  await expect(page.getByTestId('keywords-filter-cluster')).toHaveValue(target.name);
  await expect.poll(() => rowIds(page, 'keyword-row-').then((ids) => ids.length)).toBe(target.keywordCount);
});
