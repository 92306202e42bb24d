import type { Page } from '@playwright/test';
import type { BrowserGuard } from '../support/guard';
import { expect, test } from '../support/fixtures';
import { REFRESH_PATH, isTenantPath } from '../support/paths';
import { sideNavLinks, sitePagesFromSource, waitForSettledPage } from '../support/routes';
import { CUSTOMER, CUSTOMER_ACCOUNT_NAME, SYSTEM_ACCOUNT_NAME, SYSTEM_OWNER, type Person } from '../support/users';
import { LOGIN_URL, blockedRequestCount, expectNoErrorBoundary, loginContext } from '../support/ui';
import type { World } from '../support/world';

/**
 * Every page of the app, opened cold (a new tab on the direct URL) and after a reload: no error
 * boundary, no console error, no tenant request without a token, never sent to the login page.
 * Then a remount storm through the side nav. The guard fixture checks console errors, tokens and
 * 401s of every test again at its end.
 */

interface RouteCase {
  name: string;
  path: (w: World) => string;
  /** Where the page ends up (redirects), when not the path itself. */
  lands?: (w: World) => RegExp;
  /** What shows once the page has loaded. */
  ready: (page: Page, w: World) => Promise<void>;
  /** The page is a not-found page on purpose. */
  notFound?: boolean;
  /** The page renders without the signed-in shell. */
  bare?: boolean;
}

const sys = (w: World) => w.system.accountId;
const site = (w: World) => `/a/${sys(w)}/sites/${w.siteId}`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ROUTES: RouteCase[] = [
  {
    name: '/ (home: last account)',
    path: () => '/',
    lands: (w) => new RegExp(`/a/${sys(w)}$`),
    ready: async (page) => expect(page.getByTestId('overview-role')).toHaveText('Owner'),
  },
  {
    name: '/a/:accountId (overview)',
    path: (w) => `/a/${sys(w)}`,
    ready: async (page) => {
      await expect(page.getByTestId('overview-role')).toHaveText('Owner');
      await expect(page.getByTestId('overview-account-name')).toContainText(SYSTEM_ACCOUNT_NAME);
    },
  },
  {
    name: '/a/:accountId/members',
    path: (w) => `/a/${sys(w)}/members`,
    ready: async (page, w) => {
      await expect(page.getByTestId('members-table')).toBeVisible();
      await expect(page.getByTestId(`member-row-${w.system.owner.id}`)).toBeVisible();
    },
  },
  {
    name: '/a/:accountId/settings',
    path: (w) => `/a/${sys(w)}/settings`,
    ready: async (page) => expect(page.getByTestId('settings-name')).toHaveValue(SYSTEM_ACCOUNT_NAME),
  },
  {
    name: '/a/:accountId/sites',
    path: (w) => `/a/${sys(w)}/sites`,
    ready: async (page, w) => {
      await expect(page.getByTestId('sites-table')).toBeVisible();
      await expect(page.getByTestId(`site-row-${w.siteId}`)).toBeVisible();
    },
  },
  {
    name: '/a/:accountId/sites/:siteId (site home)',
    path: site,
    lands: (w) => new RegExp(`${escape(site(w))}/keywords$`),
    ready: async () => {},
  },
  // Planner, writer and any later feature: read from features/*/routes.tsx.
  ...sitePagesFromSource().map(({ feature, path }): RouteCase => ({
    name: `/a/:accountId/sites/:siteId/${path} (${feature})`,
    path: (w) => `${site(w)}/${path}`,
    ready: async () => {},
  })),
  {
    name: '/platform',
    path: () => '/platform',
    ready: async (page, w) => {
      await expect(page.getByTestId('platform-accounts-table')).toBeVisible();
      await expect(page.getByTestId(`platform-account-${w.customer.accountId}`)).toBeVisible();
    },
  },
  {
    name: '/a/:accountId/<unknown> (not found inside the shell)',
    path: (w) => `/a/${sys(w)}/no-such-page`,
    notFound: true,
    ready: async (page) => expect(page.getByTestId('not-found')).toBeVisible(),
  },
  {
    name: '/a/<not my account> (not found)',
    path: (w) => `/a/${w.customer.accountId}`,
    notFound: true,
    ready: async (page) => expect(page.getByTestId('not-found')).toBeVisible(),
  },
  {
    name: '/<unknown> (not found, top level)',
    path: () => '/no-such-page',
    notFound: true,
    bare: true,
    ready: async (page) => expect(page.getByTestId('not-found')).toBeVisible(),
  },
];

/** Records every URL the tab's main frame shows, history navigations included. */
function trackUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  return urls;
}

async function expectHealthyPage(page: Page, guard: BrowserGuard, opts: { notFound?: boolean; bare?: boolean } = {}) {
  if (!opts.bare) await waitForSettledPage(page);
  else await page.waitForLoadState('networkidle');
  await expectNoErrorBoundary(page);
  expect(page.url()).not.toMatch(LOGIN_URL);
  if (!opts.notFound) {
    await expect(page.getByTestId('not-found')).toHaveCount(0);
    await expect(page.getByTestId('site-not-found')).toHaveCount(0);
  }
  expect(await blockedRequestCount(page), 'window.__igny8.blockedRequestCount()').toBe(0);
  await guard.settle();
  expect(guard.requestsWithoutToken(), 'API requests without a bearer token').toEqual([]);
}

/** Opens `path` in a new tab of a signed-in context, checks it, reloads, checks again. */
async function coldAndReload(page: Page, guard: BrowserGuard, path: string, check: () => Promise<void>, opts = {}) {
  const urls = trackUrls(page);
  await page.goto(path);
  await check();
  await expectHealthyPage(page, guard, opts);
  await page.reload();
  await check();
  await expectHealthyPage(page, guard, opts);
  expect(urls.filter((u) => LOGIN_URL.test(new URL(u).pathname + new URL(u).search))).toEqual([]);
}

test.describe('every route, as the system owner', () => {
  for (const route of ROUTES) {
    test(`${route.name} loads cold and after a reload`, async ({ context, guard, world }) => {
      const path = route.path(world);
      await loginContext(context, SYSTEM_OWNER);
      const page = await context.newPage();
      await coldAndReload(
        page,
        guard,
        path,
        async () => {
          await expect(page).toHaveURL(route.lands?.(world) ?? new RegExp(`${escape(path)}$`));
          await route.ready(page, world);
        },
        { notFound: route.notFound, bare: route.bare },
      );
    });
  }

  test('every other side-nav link (account and site sections) loads cold and after a reload', async ({
    context,
    guard,
    world,
  }) => {
    test.setTimeout(180_000);
    await loginContext(context, SYSTEM_OWNER);
    const scout = await context.newPage();
    await scout.goto(`/a/${sys(world)}`);
    await waitForSettledPage(scout);
    const links = await sideNavLinks(scout);
    await scout.goto(`${site(world)}/keywords`);
    await waitForSettledPage(scout);
    links.push(...(await sideNavLinks(scout)));
    await scout.close();
    const ids = links.map((l) => l.id);
    for (const id of ['overview', 'members', 'settings', 'platform']) expect(ids).toContain(id);
    // Pages the route list above already opens are not opened again.
    const covered = new Set(ROUTES.map((r) => r.path(world)));
    const targets = [...new Map(links.map((l) => [l.href, l])).values()].filter((t) => !covered.has(t.href));
    test.info().annotations.push({
      type: 'nav-links',
      description: targets.map((t) => t.href).join(' ') || 'none beyond the route list',
    });

    const missing: string[] = [];
    for (const target of targets) {
      await test.step(`nav-${target.id} → ${target.href}`, async () => {
        const page = await context.newPage();
        const urls = trackUrls(page);
        for (const phase of ['cold', 'reload'] as const) {
          if (phase === 'cold') await page.goto(target.href);
          else await page.reload();
          await waitForSettledPage(page);
          await expectNoErrorBoundary(page);
          expect(page.url()).not.toMatch(LOGIN_URL);
          expect(await blockedRequestCount(page)).toBe(0);
        }
        const notFound =
          (await page.getByTestId('not-found').count()) + (await page.getByTestId('site-not-found').count());
        if (notFound > 0) missing.push(`nav-${target.id} → ${target.href}`);
        expect(urls.filter((u) => LOGIN_URL.test(new URL(u).pathname))).toEqual([]);
        await page.close();
      });
    }
    await guard.settle();
    expect(guard.requestsWithoutToken()).toEqual([]);
    expect(missing, 'side-nav links that lead to a not-found page').toEqual([]);
  });
});

test('every account route as a viewer of a customer account; the platform is not found', async ({
  context,
  guard,
  world,
}) => {
  test.setTimeout(120_000);
  const acme = world.customer.accountId;
  const viewer: Person = CUSTOMER.viewer;
  await loginContext(context, viewer);
  const cases: { path: string; check: (p: Page) => Promise<void>; notFound?: boolean }[] = [
    { path: `/a/${acme}`, check: (p) => expect(p.getByTestId('overview-role')).toHaveText('Viewer') },
    { path: `/a/${acme}/members`, check: (p) => expect(p.getByTestId('members-read-only')).toBeVisible() },
    {
      path: `/a/${acme}/settings`,
      check: (p) => expect(p.getByTestId('settings-name')).toHaveValue(CUSTOMER_ACCOUNT_NAME),
    },
    { path: `/a/${acme}/sites`, check: (p) => expect(p.getByTestId('sites-read-only')).toBeVisible() },
    { path: '/platform', check: (p) => expect(p.getByTestId('not-found')).toBeVisible(), notFound: true },
    { path: `/a/${sys(world)}`, check: (p) => expect(p.getByTestId('not-found')).toBeVisible(), notFound: true },
  ];
  for (const c of cases) {
    await test.step(c.path, async () => {
      const page = await context.newPage();
      await coldAndReload(page, guard, c.path, () => c.check(page), { notFound: c.notFound });
      await page.close();
    });
  }
});

test('remount storm: rapid side-nav navigation never loses the session', async ({ context, guard, world }) => {
  test.setTimeout(180_000);
  await loginContext(context, SYSTEM_OWNER);
  const page = await context.newPage();
  const urls = trackUrls(page);
  await page.goto(`/a/${sys(world)}`);
  await waitForSettledPage(page);

  // Every nav target, account section first, then the site section (shown inside a site).
  const order = (await sideNavLinks(page)).map((l) => l.id).filter((id) => id !== 'choose-site');
  await page.goto(`${site(world)}/keywords`);
  await waitForSettledPage(page);
  for (const l of await sideNavLinks(page)) if (!order.includes(l.id)) order.push(l.id);
  expect(order.length).toBeGreaterThanOrEqual(4);

  const start = guard.mark();
  const startedAt = Date.now();
  // Phase 1: real clicks, one right after the other, never waiting for a page to load. At least
  // 50, and on until the access token has been refreshed at least once mid-storm (TTL 10 s) and the
  // storm has made enough tenant requests (pages answered from the query cache make none).
  let clicks = 0;
  let step = 0;
  let misses = 0;
  const stormGoing = () =>
    guard.refreshRequestsSince(start).length === 0 ||
    guard.responsesSince(start, (r) => isTenantPath(r.path)).length <= 20;
  while (clicks < 50 || (stormGoing() && Date.now() - startedAt < 60_000)) {
    expect(page.url(), `sent to the login page after ${clicks} clicks`).not.toMatch(LOGIN_URL);
    const id = order[step++ % order.length]!;
    const link = page.getByTestId(`nav-${id}`);
    // Site pages are in the nav only inside a site; from elsewhere "choose a site" leads there.
    const target = (await link.count()) > 0 ? link : page.getByTestId('nav-choose-site');
    const done = await target
      .click({ timeout: 2_000 })
      .then(() => true)
      .catch(() => false); // the link went away under a navigation that just committed: next one
    if (done) clicks++;
    misses = done ? 0 : misses + 1;
    expect(misses, `side nav unusable at ${page.url()}`).toBeLessThan(10);
    if (step > 800) break;
  }
  expect(clicks, 'successful nav clicks').toBeGreaterThanOrEqual(50);
  expect(await blockedRequestCount(page)).toBe(0);

  // Phase 2: a burst from inside the page, 25 ms apart, faster than any page can load.
  await page.evaluate(async (ids) => {
    for (let i = 0; i < 100; i++) {
      const id = ids[i % ids.length]!;
      const link =
        document.querySelector<HTMLElement>(`a[data-testid="nav-${id}"]`) ??
        document.querySelector<HTMLElement>('a[data-testid="nav-choose-site"]');
      link?.click();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }, order);

  await waitForSettledPage(page);
  await expectNoErrorBoundary(page);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  expect(page.url()).not.toMatch(LOGIN_URL);
  expect(
    urls.filter((u) => LOGIN_URL.test(new URL(u).pathname)),
    'never on the login page',
  ).toEqual([]);
  expect(await blockedRequestCount(page), 'window.__igny8.blockedRequestCount()').toBe(0);

  await guard.settle();
  const tenant = guard.responsesSince(start, (r) => isTenantPath(r.path));
  expect(tenant.length, 'tenant responses during the storm').toBeGreaterThan(20);
  expect(guard.requestsWithoutToken(start), 'requests without a bearer token').toEqual([]);
  // A 401 is acceptable only when a successful refresh and a successful retry follow it.
  expect(guard.unrecovered401s(start).map((r) => `${r.method} ${r.url} ${r.code}`)).toEqual([]);
  const refreshes = guard.responsesSince(start, (r) => r.path === REFRESH_PATH);
  expect(refreshes.length, 'the storm outlived at least one access token').toBeGreaterThanOrEqual(1);
  expect(refreshes.map((r) => r.status)).toEqual(refreshes.map(() => 200));
  const tenant401 = tenant.filter((r) => r.status === 401).length;
  test.info().annotations.push({
    type: 'storm',
    description: `${clicks} clicks + 100 burst clicks in ${Date.now() - startedAt} ms; ${tenant.length} tenant responses, ${tenant401} recovered 401s, ${refreshes.length} refreshes`,
  });
});
