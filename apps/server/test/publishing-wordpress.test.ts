/**
 * Publishing against a real WordPress (Debian's package, `php -S`, the local MariaDB), asserted
 * through WordPress's own REST API: the post, its media and alt text, the featured image, tags,
 * Yoast / Rank Math meta through the bridge plugin, scheduling (`future`), exactly-once publishing
 * (publish twice, a lost answer), unpublish, status sync, a wrong application password.
 */
import type { Content, Destination, DestinationTest, Image, Publication, PublishResult } from '@igny8/contracts';
import { startWordPress, type WordPress } from '@igny8/e2e/wordpress';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WordPressTarget } from '../src/modules/publishing/destinations/wordpress';
import { DestinationError } from '../src/modules/publishing/destinations/types';
import { markerOf, type PublishPackage } from '../src/modules/publishing/package';
import { OutboundPolicy } from '../src/net/outbound';
import { bearer, tenantFixture, testApp, type Session, type TestApp } from './helpers/app';
import { lossyProxy, type LossyProxy } from './helpers/lossy-proxy';
import { seedPipeline } from './helpers/pipeline';
import { fastRetry, pollTask } from './helpers/tasks';

interface WpPost {
  id: number;
  status: string;
  slug: string;
  date_gmt: string;
  link: string;
  title: { raw: string };
  content: { raw: string };
  excerpt: { raw: string };
  featured_media: number;
  tags: number[];
  meta: Record<string, string>;
}
interface WpMedia {
  id: number;
  alt_text: string;
  source_url: string;
  post: number | null;
}

let wp: WordPress;
let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let S: string;
let contents: Content[];
let destination: Destination;

async function call<T = unknown>(
  who: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  const res = await t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
}

/** Publishes (or schedules) and waits for the task; returns the publications of those articles. */
async function publish(
  who: Session,
  body: object,
): Promise<{ result: PublishResult; publications: Publication[]; taskStatus: string }> {
  const res = await call<PublishResult>(who, 'POST', `${S}/publishing/publish`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  let taskStatus = 'none';
  if (res.body.taskId) taskStatus = (await pollTask(t.app, who, f.accountId, res.body.taskId, 60_000)).run.status;
  const ids = (body as { contentIds: string[] }).contentIds;
  const all = await call<{ items: Publication[] }>(who, 'GET', `${S}/publishing/publications`);
  return { result: res.body, publications: all.body.items.filter((p) => ids.includes(p.contentId)), taskStatus };
}

async function runTask(who: Session, taskId: string | null) {
  expect(taskId).toBeTruthy();
  return (await pollTask(t.app, who, f.accountId, taskId!, 60_000)).run;
}

const postsWithMarker = async (publicationId: string) =>
  (
    await wp.rest<WpPost[]>(
      'GET',
      `/wp/v2/posts?search=${encodeURIComponent(markerOf(publicationId))}&status=any&context=edit`,
    )
  ).body.filter((p) => p.content.raw.includes(markerOf(publicationId)));
const countOf = async (route: string) =>
  (await wp.rest<unknown[]>('GET', `${route}${route.includes('?') ? '&' : '?'}per_page=100&context=edit`)).body.length;

beforeAll(async () => {
  wp = await startWordPress();
  // The test WordPress is on loopback: allowed for accounts the way an operator would (OUTBOUND_ALLOW_HOSTS).
  t = await testApp({ OUTBOUND_ALLOW_HOSTS: '127.0.0.1' }, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
  const seeded = await seedPipeline(t.app, f.owner, f.accountId, 'brew');
  S = `/api/v1/accounts/${f.accountId}/sites/${seeded.ids.site[0]}`;
  contents = await Promise.all(
    seeded.ids.content.map(async (id) => (await call<Content>(f.owner, 'GET', `${S}/contents/${id}`)).body),
  );
}, 180_000);

afterAll(async () => {
  await t?.close();
  await wp?.close();
});

describe('a WordPress destination', () => {
  it('is connected by an admin, never shows its application password, and its test names the WordPress user', async () => {
    const denied = await call(f.editor, 'POST', `${S}/publishing/destinations`, {
      kind: 'wordpress',
      name: 'Blog',
      url: wp.origin,
      username: wp.username,
      appPassword: wp.appPassword,
    });
    expect(denied.status).toBe(403);
    const created = await call<Destination>(f.admin, 'POST', `${S}/publishing/destinations`, {
      kind: 'wordpress',
      name: 'Blog',
      url: `${wp.origin}/`,
      username: wp.username,
      appPassword: wp.appPassword,
      options: { categories: ['Coffee guides'], tags: [] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    destination = created.body;
    const listed = await t.app.inject({
      method: 'GET',
      url: `${S}/publishing/destinations`,
      headers: bearer(f.viewer),
    });
    expect(listed.body).not.toContain(wp.appPassword);
    expect(listed.body).not.toContain(wp.appPassword.replace(/ /g, ''));
    expect(destination.secretMask).toMatch(/^…/);

    const tested = await call<DestinationTest>(f.admin, 'POST', `${S}/publishing/destinations/${destination.id}/test`);
    expect(tested.body).toMatchObject({
      ok: true,
      canPublish: true,
      canUploadFiles: true,
      user: { name: wp.username, roles: ['administrator'] },
      bridge: { version: '1.0.0' },
    });
    // Plain permalinks: the root was discovered from the Link header, in its ?rest_route= form.
    expect(tested.body.restRoot).toBe(`${wp.origin}/index.php?rest_route=/`);
  });

  it('refuses a wrong application password with a clear error and changes nothing in WordPress', async () => {
    const bad = await call<Destination>(f.admin, 'POST', `${S}/publishing/destinations`, {
      kind: 'wordpress',
      name: 'Wrong password',
      url: wp.origin,
      username: wp.username,
      appPassword: 'abcd EFGH ijkl MNOP qrst UVWX',
    });
    const tested = await call<DestinationTest>(f.admin, 'POST', `${S}/publishing/destinations/${bad.body.id}/test`);
    expect(tested.body.ok).toBe(false);
    expect(tested.body.message).toMatch(/WordPress refused the username or application password/);

    const [posts, media, tags] = [
      await countOf('/wp/v2/posts?status=any'),
      await countOf('/wp/v2/media'),
      await countOf('/wp/v2/tags'),
    ];
    const { publications, taskStatus } = await publish(f.admin, {
      contentIds: [contents[0]!.id],
      destinationIds: [bad.body.id],
    });
    expect(taskStatus).toBe('failed');
    expect(publications[0]).toMatchObject({
      status: 'failed',
      externalId: null,
      lastError: { code: 'destination_failed' },
    });
    expect(publications[0]!.lastError!.message).toMatch(/refused the username or application password/);
    expect([
      await countOf('/wp/v2/posts?status=any'),
      await countOf('/wp/v2/media'),
      await countOf('/wp/v2/tags'),
    ]).toEqual([posts, media, tags]);
    await call(f.admin, 'DELETE', `${S}/publishing/destinations/${bad.body.id}`);
  });

  it('publishes the whole package: post, media with alt text, featured image, tags, SEO meta and JSON-LD', async () => {
    const c = contents[0]!;
    const images = (await call<{ items: Image[] }>(f.owner, 'GET', `${S}/images?contentId=${c.id}`)).body.items;
    const featured = images.find((i) => i.kind === 'featured')!;
    const inline = images.filter((i) => i.kind === 'inline');
    expect(featured).toBeTruthy();
    expect(inline.length).toBeGreaterThan(0);

    const { publications, taskStatus } = await publish(f.admin, { contentIds: [c.id], when: { mode: 'now' } });
    expect(taskStatus).toBe('succeeded');
    const pub = publications.find((p) => p.destinationId === destination.id)!;
    expect(pub).toMatchObject({ status: 'published', remoteStatus: 'publish', warnings: [], lastError: null });
    expect(pub.externalUrl).toContain(wp.origin);

    const post = (await wp.rest<WpPost>('GET', `/wp/v2/posts/${pub.externalId}?context=edit`)).body;
    expect(post).toMatchObject({
      status: 'publish',
      slug: c.slug,
      title: { raw: c.title },
      excerpt: { raw: c.excerpt },
    });
    expect(post.link).toBe(pub.externalUrl);
    expect(post.content.raw).toContain(`<!-- ${markerOf(pub.id)} -->`);
    expect(post.content.raw).toContain(c.bodyHtml.slice(0, 60));

    // Every image uploaded, alt text set; in-article images at WordPress URLs in the body; the featured one as featured_media.
    const media = (await wp.rest<WpMedia[]>('GET', `/wp/v2/media?per_page=100&context=edit`)).body;
    expect(media).toHaveLength(images.length);
    const featuredMedia = media.find((m) => m.id === post.featured_media)!;
    expect(featuredMedia.alt_text).toBe(featured.alt);
    for (const img of inline) {
      const m = media.find((x) => x.alt_text === img.alt && x.id !== post.featured_media);
      expect(m, img.alt).toBeTruthy();
      expect(post.content.raw).toContain(`src="${m!.source_url}"`);
    }
    expect(post.content.raw).not.toContain('/api/v1/');

    // The cluster became a tag (created), the destination's category too.
    const tagNames = (await wp.rest<{ name: string }[]>('GET', `/wp/v2/tags?include=${post.tags.join(',')}`)).body.map(
      (x) => x.name,
    );
    expect(tagNames.length).toBeGreaterThan(0);
    const cats = (await wp.rest<{ name: string }[]>('GET', `/wp/v2/categories?search=Coffee%20guides`)).body;
    expect(cats.map((x) => x.name)).toEqual(['Coffee guides']);

    // SEO meta through the bridge plugin, and the Article JSON-LD printed on the page.
    expect(post.meta).toMatchObject({
      _yoast_wpseo_title: c.metaTitle,
      _yoast_wpseo_metadesc: c.metaDescription,
      rank_math_title: c.metaTitle,
      rank_math_description: c.metaDescription,
      rank_math_focus_keyword: c.primaryKeyword,
    });
    const jsonLd = JSON.parse(post.meta._igny8_jsonld!) as Record<string, unknown>;
    expect(jsonLd).toMatchObject({
      '@type': 'Article',
      headline: c.title,
      url: post.link,
      author: { name: wp.username },
      image: [featuredMedia.source_url],
    });
    const page = await (await fetch(post.link)).text();
    expect(page).toContain('application/ld+json');

    const after = (await call<Content>(f.owner, 'GET', `${S}/contents/${c.id}`)).body;
    expect(after.status).toBe('published');
  });

  it('publishing again updates the same post: one post, no second upload', async () => {
    const c = contents[0]!;
    const mediaBefore = await countOf('/wp/v2/media');
    await call(f.admin, 'PATCH', `${S}/contents/${c.id}`, { title: `${c.title} (updated)` });
    const { publications, taskStatus } = await publish(f.admin, { contentIds: [c.id] });
    expect(taskStatus).toBe('succeeded');
    const pub = publications[0]!;
    const posts = await postsWithMarker(pub.id);
    expect(posts.map((p) => p.id)).toEqual([Number(pub.externalId)]);
    expect(posts[0]!.title.raw).toBe(`${c.title} (updated)`);
    expect(await countOf('/wp/v2/media')).toBe(mediaBefore);
  });

  it('schedules a post as `future` with its date, moves it, then the dispatcher publishes it when due', async () => {
    const c = contents[1]!;
    const at = new Date(Date.now() + 2 * 86_400_000);
    at.setUTCSeconds(0, 0);
    const { publications, taskStatus } = await publish(f.admin, {
      contentIds: [c.id],
      when: { mode: 'at', at: at.toISOString() },
    });
    expect(taskStatus).toBe('succeeded');
    const pub = publications[0]!;
    expect(pub).toMatchObject({ status: 'scheduled', scheduledAt: at.toISOString(), remoteStatus: 'future' });
    let post = (await wp.rest<WpPost>('GET', `/wp/v2/posts/${pub.externalId}?context=edit`)).body;
    expect(post.status).toBe('future');
    expect(post.date_gmt).toBe(at.toISOString().slice(0, 19));

    const later = new Date(at.getTime() + 86_400_000);
    const moved = await call<PublishResult>(f.admin, 'POST', `${S}/publishing/reschedule`, {
      contentId: c.id,
      at: later.toISOString(),
    });
    expect(moved.status).toBe(202);
    expect((await runTask(f.admin, moved.body.taskId)).status).toBe('succeeded');
    post = (await wp.rest<WpPost>('GET', `/wp/v2/posts/${pub.externalId}?context=edit`)).body;
    expect(post).toMatchObject({ status: 'future', date_gmt: later.toISOString().slice(0, 19) });

    // Nothing is due yet; a minute after the slot, the dispatcher publishes it (once).
    expect((await t.app.runtime.publishing.dispatcher.dispatch()).claimed).toBe(0);
    const dispatched = await t.app.runtime.publishing.dispatcher.dispatch(new Date(later.getTime() + 60_000));
    expect(dispatched.claimed).toBe(1);
    expect((await runTask(f.admin, dispatched.tasks[0]!)).status).toBe('succeeded');
    post = (await wp.rest<WpPost>('GET', `/wp/v2/posts/${pub.externalId}?context=edit`)).body;
    expect(post.status).toBe('publish');
    expect((await postsWithMarker(pub.id)).length).toBe(1);
  });

  it('unpublishes to draft or to the trash, and a status sync notices posts trashed or deleted in WordPress', async () => {
    const c = contents[0]!;
    const [pub] = (
      await call<{ items: Publication[] }>(f.owner, 'GET', `${S}/publishing/publications?contentId=${c.id}`)
    ).body.items;
    const un = await call<PublishResult>(f.admin, 'POST', `${S}/publishing/unpublish`, {
      contentIds: [c.id],
      to: 'draft',
    });
    expect((await runTask(f.admin, un.body.taskId)).status).toBe('succeeded');
    expect((await wp.rest<WpPost>('GET', `/wp/v2/posts/${pub!.externalId}?context=edit`)).body.status).toBe('draft');
    expect((await call<Content>(f.owner, 'GET', `${S}/contents/${c.id}`)).body.status).toBe('approved');

    await publish(f.admin, { contentIds: [c.id] });
    const trash = await call<PublishResult>(f.admin, 'POST', `${S}/publishing/unpublish`, {
      contentIds: [c.id],
      to: 'trash',
    });
    expect((await runTask(f.admin, trash.body.taskId)).status).toBe('succeeded');
    expect((await wp.rest<WpPost>('GET', `/wp/v2/posts/${pub!.externalId}?context=edit`)).body.status).toBe('trash');

    // Republished (the trashed post comes back, still one post); then trashed, then deleted, in WordPress itself.
    const again = await publish(f.admin, { contentIds: [c.id] });
    expect(again.publications[0]).toMatchObject({ status: 'published', externalId: pub!.externalId });
    await wp.rest('DELETE', `/wp/v2/posts/${pub!.externalId}`);
    let sync = await call<{ taskId: string }>(f.editor, 'POST', `${S}/publishing/sync`, { contentIds: [c.id] });
    expect((await runTask(f.editor, sync.body.taskId)).status).toBe('succeeded');
    let [now] = (await call<{ items: Publication[] }>(f.owner, 'GET', `${S}/publishing/publications?contentId=${c.id}`))
      .body.items;
    expect(now).toMatchObject({ status: 'not_published', remoteStatus: 'trash' });

    await wp.rest('DELETE', `/wp/v2/posts/${pub!.externalId}?force=true`);
    sync = await call<{ taskId: string }>(f.editor, 'POST', `${S}/publishing/sync`, {});
    expect((await runTask(f.editor, sync.body.taskId)).status).toBe('succeeded');
    [now] = (
      await call<{ items: Publication[] }>(f.owner, 'GET', `${S}/publishing/publications?contentId=${c.id}`)
    ).body.items;
    expect(now).toMatchObject({ status: 'not_published', remoteStatus: 'deleted' });
    expect((await call<Content>(f.owner, 'GET', `${S}/contents/${c.id}`)).body.status).toBe('approved');

    // Publishing a deleted post makes a new one.
    const fresh = await publish(f.admin, { contentIds: [c.id] });
    expect(fresh.publications[0]!.status).toBe('published');
    expect(fresh.publications[0]!.externalId).not.toBe(pub!.externalId);
    expect((await postsWithMarker(pub!.id)).length).toBe(1);
  });

  it('publishes without the bridge plugin, and says that SEO meta was skipped', async () => {
    await wp.php(
      `require_once ABSPATH . 'wp-admin/includes/plugin.php'; deactivate_plugins('igny8-bridge/igny8-bridge.php');`,
    );
    try {
      const c = contents[1]!;
      const { publications, taskStatus } = await publish(f.admin, { contentIds: [c.id] });
      expect(taskStatus).toBe('succeeded');
      expect(publications[0]!.status).toBe('published');
      expect(publications[0]!.warnings.join(' ')).toMatch(
        /SEO meta and JSON-LD skipped: the igny8 bridge plugin is not active/,
      );
    } finally {
      await wp.php(
        `require_once ABSPATH . 'wp-admin/includes/plugin.php'; activate_plugin('igny8-bridge/igny8-bridge.php');`,
      );
    }
  });
});

describe('a lost answer', () => {
  let proxy: LossyProxy;
  beforeAll(async () => {
    proxy = await lossyProxy(wp.origin);
  });
  afterAll(async () => proxy?.close());

  const isCreate = (req: { method?: string; url?: string }) =>
    req.method === 'POST' && /rest_route=%2Fwp%2Fv2%2Fposts(&|$)|rest_route=\/wp\/v2\/posts(&|$)/.test(req.url ?? '');

  it('after a timeout, the retry finds the post by its marker instead of creating a second one', async () => {
    // The WordPress target on its own, with a short time limit: the create's answer never comes.
    const policy = new OutboundPolicy({ allowHosts: '127.0.0.1', timeoutMs: 2_000 });
    const hold = await lossyProxy(wp.origin);
    try {
      const target = new WordPressTarget(
        { url: hold.origin, username: wp.username, appPassword: wp.appPassword },
        { categories: [], tags: [] },
        policy,
      );
      const pkg: PublishPackage = {
        publicationId: '00000000-0000-4000-8000-000000000001',
        marker: markerOf('00000000-0000-4000-8000-000000000001'),
        contentId: 'c',
        title: 'Timeout test',
        slug: 'timeout-test',
        excerpt: '',
        bodyHtml: '<p>Body</p>',
        language: 'en',
        seo: { title: 't', description: 'd', focusKeyword: 'k' },
        categories: [],
        tags: [],
        images: [],
        site: { name: 's', url: 'https://s.example' },
        createdAt: new Date(),
        updatedAt: new Date(),
      };
      const req = {
        pkg,
        externalId: null,
        remoteStatus: null,
        media: {},
        mode: { kind: 'publish' as const },
        onMedia: async () => {},
        onPost: async () => {},
      };
      // The proxy forwards the create, WordPress makes the post, and the answer is held until the client gives up.
      hold.drop(isCreate, 'hold');
      const first = await target.push(req).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(DestinationError);
      expect((first as DestinationError).retryable).toBe(true);
      expect(await postsWithMarker(pkg.publicationId)).toHaveLength(1);
      const second = await target.push(req);
      const posts = await postsWithMarker(pkg.publicationId);
      expect(posts.map((p) => String(p.id))).toEqual([second.externalId]);
    } finally {
      await hold.close();
      await policy.close();
    }
  });

  it('through the publish task: the answer to the create is lost, the task retries and keeps one post', async () => {
    const created = await call<Destination>(f.admin, 'POST', `${S}/publishing/destinations`, {
      kind: 'wordpress',
      name: 'Through a lossy link',
      url: proxy.origin,
      username: wp.username,
      appPassword: wp.appPassword,
    });
    proxy.drop(isCreate);
    const c = contents[1]!;
    const { publications, taskStatus } = await publish(f.admin, {
      contentIds: [c.id],
      destinationIds: [created.body.id],
    });
    expect(proxy.dropped).toBe(1);
    expect(taskStatus).toBe('succeeded');
    const pub = publications.find((p) => p.destinationId === created.body.id)!;
    expect(pub.status).toBe('published');
    expect((await postsWithMarker(pub.id)).map((p) => String(p.id))).toEqual([pub.externalId]);
  });
});
