import { expect, type BrowserContext, type Page, type Route } from '@playwright/test';
import { screenshotPath } from '../paths';

/** Browser-side recorders for the pipeline and incident specs. */

export const LOGIN_PATH = /^\/login(\/|$)/;

/** Every URL the tab's main frame showed, history navigations and reloads included. */
export function trackUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  return urls;
}

export function loginVisits(urls: readonly string[]): string[] {
  return urls.filter((u) => {
    try {
      return LOGIN_PATH.test(new URL(u).pathname);
    } catch {
      return false;
    }
  });
}

export interface TenantRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  pageUrl: string;
  /** The tab that sent it (null: a worker's request). */
  page: Page | null;
}

/**
 * Intercepts every request to `/api/v1/accounts/` of every tab of the context and records the
 * Authorization header it was sent with (the request then goes on unchanged).
 */
export async function recordTenantRequests(context: BrowserContext): Promise<TenantRequest[]> {
  const seen: TenantRequest[] = [];
  await context.route(
    (url) => url.pathname.startsWith('/api/v1/accounts/'),
    async (route: Route) => {
      const req = route.request();
      let page: Page | null = null;
      try {
        page = req.frame().page();
      } catch {
        // a request of a worker
      }
      seen.push({
        method: req.method(),
        url: req.url(),
        authorization: req.headers().authorization,
        pageUrl: page?.url() ?? '',
        page,
      });
      await route.fallback();
    },
  );
  return seen;
}

export function withoutBearer(requests: readonly TenantRequest[]): string[] {
  return requests
    .filter((r) => !/^Bearer \S+/.test(r.authorization ?? ''))
    .map((r) => `${r.method} ${r.url} (from ${r.pageUrl})`);
}

/** A 1280×800 screenshot into docs/screenshots/, without the transient toasts. */
export async function shoot(page: Page, name: string): Promise<void> {
  expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  await page.screenshot({
    path: screenshotPath(name),
    animations: 'disabled',
    caret: 'hide',
    style: '.mantine-Notifications-root { display: none !important; }',
  });
}

/** A 401 the client recovers from by refreshing; the guard fixture checks that it did. */
const RECOVERABLE_401 = /^Failed to load resource: the server responded with a status of 401/;

/** Console errors and uncaught errors of one tab, as they happen. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if ((msg.type() === 'error' || msg.type() === 'assert') && !RECOVERABLE_401.test(msg.text())) {
      errors.push(`console ${msg.type()}: ${msg.text()} (${msg.location().url})`);
    }
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.stack ?? err.message}`));
  return errors;
}
