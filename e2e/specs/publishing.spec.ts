import { startWordPress, type WordPress } from '../wordpress';
import { expect as baseExpect, test } from '../support/fixtures';
import { MockLog } from '../support/pipeline/mocklog';
import { tenantOnMockProviders } from '../support/pipeline/providers';
import { seedSiteViaApi, type SeededSite } from '../support/pipeline/seed';
import { signIn, type Tenant } from '../support/pipeline/tenant';
import { screenshotPath } from '../support/paths';
import { loginContext } from '../support/ui';

/**
 * Publishing to a real WordPress (Debian's package on the local MariaDB, started here), as an
 * admin does it in the browser: connect the site, test the connection, publish an article and see
 * its post's URL, schedule it, then drag it to another day on the calendar. WordPress's own REST
 * API confirms each step. The server allows 127.0.0.1 for accounts (OUTBOUND_ALLOW_HOSTS in the
 * Playwright config), as an operator would for an internal WordPress.
 */

const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ mode: 'serial' });

interface WpPost {
  id: number;
  status: string;
  date_gmt: string;
  link: string;
  title: { raw: string };
}

let wp: WordPress;
let tenant: Tenant;
let seeded: SeededSite;
let restoreProviders: (() => Promise<void>) | undefined;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(240_000);
  wp = await startWordPress();
  ({ tenant, restore: restoreProviders } = await tenantOnMockProviders(baseURL!, 'Publishing'));
  const editor = await signIn(baseURL!, tenant.users.editor);
  const mock = new MockLog();
  try {
    await mock.begin();
    seeded = await seedSiteViaApi(editor, tenant.accountId, mock, 'Publishing blog');
  } finally {
    await mock.endStep();
    await editor.dispose();
  }
});

test.afterAll(async () => {
  await restoreProviders?.();
  await wp?.close();
});

const dayKey = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const localInput = (d: Date) =>
  `${dayKey(d)}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

test('an admin connects WordPress, tests it, publishes, sees the post URL, and reschedules on the calendar', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const site = `/a/${tenant.accountId}/sites/${seeded.siteId}`;
  const article = seeded.contents[0]!;
  await loginContext(context, tenant.users.admin);
  const page = await context.newPage();

  // Connect: the application password is typed once and never shown again.
  await page.goto(`${site}/publishing`);
  await page.getByTestId('destination-add').click();
  await page.getByTestId('destination-name').fill('Test blog');
  await page.getByTestId('destination-url').fill(wp.origin);
  await page.getByTestId('destination-username').fill(wp.username);
  await page.getByTestId('destination-password').fill(wp.appPassword);
  await page.getByTestId('destination-save').click();
  const card = page.getByTestId('destination-wordpress');
  await expect(card).toContainText(wp.origin);
  await expect(page.locator('body')).not.toContainText(wp.appPassword);

  // Test: WordPress's user, what they may do, and the bridge plugin.
  await card.getByTestId('destination-test').click();
  await expect(card.getByTestId('destination-test-result')).toContainText(`Connected as ${wp.username}`);
  await expect(card.getByTestId('destination-test-result')).toContainText('Can publish posts');
  await expect(card.getByTestId('destination-test-result')).toContainText('bridge plugin 1.0.0 active');
  await page.screenshot({ path: screenshotPath('publishing-destinations.png'), animations: 'disabled', caret: 'hide' });

  // Publish from the editor, and see the post's URL.
  await page.goto(`${site}/content/${article.id}`);
  await page.getByTestId('publish-now').click();
  const publication = page.getByTestId('publication-wordpress');
  await expect(publication.getByTestId('publication-status')).toHaveText('Published', { timeout: 60_000 });
  const link = publication.getByTestId('publication-url');
  await expect(link).toContainText(wp.origin);
  const url = (await link.getAttribute('href'))!;
  const postId = Number(new URL(url).searchParams.get('p'));
  const post = (await wp.rest<WpPost>('GET', `/wp/v2/posts/${postId}?context=edit`)).body;
  expect(post).toMatchObject({ status: 'publish', link: url, title: { raw: article.title } });
  await page.getByTestId('publish-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('publishing-editor.png'), animations: 'disabled', caret: 'hide' });

  // Take it back to a draft there, then schedule it for tomorrow at 10:00 from the editor.
  await page.getByTestId('unpublish-menu').click();
  await page.getByRole('menuitem', { name: 'Back to draft there' }).click();
  await expect(publication.getByTestId('publication-status')).toHaveText('Not published', { timeout: 30_000 });
  // The "Unpublish 1 article" notice closes by itself and the page moves up by its height: once it has gone, the
  // schedule popover is opened on a still page (on a loaded CI box it closed mid-click and hid the popover).
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(10, 0, 0, 0);
  await page.getByTestId('publish-schedule').click();
  await page.getByTestId('publish-at').fill(localInput(tomorrow));
  await page.getByTestId('publish-at-confirm').click();
  await expect(publication.getByTestId('publication-status')).toHaveText('Scheduled');
  await expect
    .poll(async () => (await wp.rest<WpPost>('GET', `/wp/v2/posts/${postId}?context=edit`)).body, { timeout: 30_000 })
    .toMatchObject({ status: 'future', date_gmt: tomorrow.toISOString().slice(0, 19) });

  // On the calendar, drag it one day later: same time, new day, in WordPress too.
  const target = new Date(tomorrow);
  target.setDate(target.getDate() + 1);
  await page.goto(`${site}/calendar`);
  await expect(page.getByTestId(`calendar-day-${dayKey(new Date())}`)).toBeVisible();
  if ((await page.getByTestId(`calendar-day-${dayKey(target)}`).count()) === 0)
    await page.getByTestId('calendar-next').click();
  const item = page.getByTestId(`calendar-item-${article.id}`);
  await expect(
    page.getByTestId(`calendar-day-${dayKey(tomorrow)}`).getByTestId(`calendar-item-${article.id}`),
  ).toBeVisible();
  await item.dragTo(page.getByTestId(`calendar-day-${dayKey(target)}`));
  await expect(
    page.getByTestId(`calendar-day-${dayKey(target)}`).getByTestId(`calendar-item-${article.id}`),
  ).toBeVisible();
  await expect(item).toHaveAttribute('data-at', target.toISOString());
  await expect
    .poll(async () => (await wp.rest<WpPost>('GET', `/wp/v2/posts/${postId}?context=edit`)).body, { timeout: 30_000 })
    .toMatchObject({ status: 'future', date_gmt: target.toISOString().slice(0, 19) });
  await page.screenshot({ path: screenshotPath('publishing-calendar.png'), animations: 'disabled', caret: 'hide' });

  // And publish it now from the calendar: one post, published.
  await item.click();
  await page.getByTestId('calendar-publish-now').click();
  await expect
    .poll(async () => (await wp.rest<WpPost>('GET', `/wp/v2/posts/${postId}?context=edit`)).body.status, {
      timeout: 30_000,
    })
    .toBe('publish');
  const all = (await wp.rest<WpPost[]>('GET', '/wp/v2/posts?status=any&per_page=100&context=edit')).body;
  expect(all.filter((p) => p.title.raw === article.title)).toHaveLength(1);
});
