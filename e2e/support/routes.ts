import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

const WEB_SRC = fileURLToPath(new URL('../../apps/web/src/', import.meta.url));

/**
 * Site pages declared in the features' route files (`apps/web/src/features/<feature>/routes.tsx`),
 * which by convention mount under `/a/:accountId/sites/:siteId`: every literal `path: '…'`
 * without parameters. Read when the spec is collected, so pages added later are tested too.
 */
export function sitePagesFromSource(): { feature: string; path: string }[] {
  const featuresDir = join(WEB_SRC, 'features');
  const found: { feature: string; path: string }[] = [];
  for (const feature of readdirSync(featuresDir).sort()) {
    const file = join(featuresDir, feature, 'routes.tsx');
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/\bpath:\s*['"]([^'"]+)['"]/g)) {
      const path = m[1]!;
      if (!path.includes(':') && path !== '*') found.push({ feature, path });
    }
  }
  return found;
}

const BUSY = [
  '[data-testid="page-loader"]',
  '[data-testid="section-loader"]',
  '[data-testid="site-loading"]',
  'main .mantine-Skeleton-root',
].join(', ');

/**
 * Waits until a signed-in page is done: the shell shows the user, the network is quiet and no
 * loader or skeleton is left in the content.
 */
export async function waitForSettledPage(page: Page): Promise<void> {
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.locator(BUSY).filter({ visible: true })).toHaveCount(0);
}

/** The `nav-*` links of the side nav, in order, with where they lead. */
export async function sideNavLinks(page: Page): Promise<{ id: string; href: string }[]> {
  return page.locator('a[data-testid^="nav-"]').evaluateAll((links) =>
    links.map((a) => ({
      id: a.getAttribute('data-testid')!.slice('nav-'.length),
      href: new URL((a as HTMLAnchorElement).href).pathname,
    })),
  );
}
