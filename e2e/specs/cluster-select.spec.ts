import type { Cluster } from '@igny8/contracts';
import { expect as baseExpect, test } from '../support/fixtures';
import { createSite, runTask } from '../support/pipeline/seed';
import { newTenant, signIn, type Tenant } from '../support/pipeline/tenant';
import { loginContext } from '../support/ui';

/**
 * A site with more clusters than a cluster picker lists (100 by name): the picker says that typing searches
 * them all, and a cluster chosen by a link keeps its name although it is not among the listed ones.
 */
const expect = baseExpect.configure({ timeout: 20_000 });

/** Made-up lamp brands, four syllables each (a fixed seed): 150 topics the offline engine keeps apart. */
function brands(count: number): string[] {
  const consonants = 'bdfgklmnprstvz';
  const vowels = 'aeiou';
  let seed = 11;
  const pick = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const names = new Set<string>();
  while (names.size < count)
    names.add([0, 1, 2, 3].map(() => consonants[pick(consonants.length)]! + vowels[pick(vowels.length)]!).join(''));
  return [...names];
}

let tenant: Tenant;
test.beforeAll(async ({ baseURL }) => {
  tenant = await newTenant(baseURL!, 'Pickers');
});

test('past 100 clusters the picker says to type, and a linked cluster keeps its name', async ({
  page,
  context,
  baseURL,
}) => {
  const editor = tenant.users.editor;
  const api = await signIn(baseURL!, editor);
  const site = await createSite(api, tenant.accountId, 'Lamp Shop', 'https://lamp-shop.example');
  const S = site.path;
  const keywords = brands(150).flatMap((b, i) => [
    { phrase: `${b} lamp`, volume: 1000 + i },
    { phrase: `${b} lamp review`, volume: 100 },
    { phrase: `${b} lamp price`, volume: 50 },
  ]);
  await api.call('POST', `${S}/keywords`, { keywords });
  // Offline (this account has no provider, nor has the platform): the engine names the clusters.
  await runTask(api, tenant.accountId, `${S}/clusters/auto`, {});
  const names = await api.call<{ total: number }>('GET', `${S}/clusters/names?limit=1`);
  expect(names.total).toBeGreaterThan(100);
  // The last by name is past the first 100 the picker lists.
  const [last] = (await api.call<{ items: Cluster[] }>('GET', `${S}/clusters?sort=name&order=desc&limit=1`)).items;

  await loginContext(context, editor);
  const filter = page.getByTestId('keywords-filter-cluster');
  await page.goto(`/a/${tenant.accountId}/sites/${site.id}/keywords`);
  await expect(filter).toHaveAttribute('placeholder', 'Any cluster (type to search all)');

  const listed = page.waitForResponse((r) => new URL(r.url()).pathname === `${S}/clusters/names`);
  const byId = page.waitForResponse((r) => new URL(r.url()).pathname === `${S}/clusters/${last!.id}`);
  const filtered = page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === `${S}/keywords` && u.searchParams.get('clusterId') === last!.id;
  });
  await page.goto(`/a/${tenant.accountId}/sites/${site.id}/keywords?cluster=${last!.id}`);
  const firstPage = (await (await listed).json()) as { items: { id: string }[] };
  expect(firstPage.items).toHaveLength(100);
  expect(firstPage.items.map((c) => c.id)).not.toContain(last!.id);
  await byId;
  await expect(filter).toHaveValue(last!.name);
  expect(((await (await filtered).json()) as { total: number }).total).toBe(last!.keywordCount);
  await expect(page.locator('[data-testid^="keyword-row-"]')).toHaveCount(last!.keywordCount);
  await api.dispose();
});
