/**
 * Publishing without WordPress: the editorial workflow and who may publish, the outbound policy on
 * destinations, the signed webhook destination, scheduling by the site's schedule, the dispatcher,
 * the calendar and the service automation calls.
 */
import type { CalendarItem, Content, Destination, DestinationTest, Publication, PublishResult } from '@igny8/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenantContext } from '../src/access/context';
import { bearer, tenantFixture, testApp, type Session, type TestApp } from './helpers/app';
import { insertArticle } from './helpers/rows';
import { fastRetry, pollTask } from './helpers/tasks';
import { webhookReceiver } from './helpers/webhook-receiver';

const SECRET = 'shared-webhook-secret-0123456789';
let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let S: string;
let siteId: string;
let hook: Awaited<ReturnType<typeof webhookReceiver>>;
let n = 0;

async function call<T = unknown>(
  who: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  const res = await t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
}
const article = () => insertArticle(t.database.db, f.accountId, siteId, ++n);
const settings = (s: object) =>
  call(f.owner, 'PUT', `${S}/publishing/settings`, {
    editorsCanPublish: false,
    scheduleMode: 'immediate',
    slotDays: [],
    slotTimes: [],
    staggerHours: 24,
    dailyCap: null,
    timezone: 'UTC',
    ...s,
  });
const publications = async (contentId: string) =>
  (await call<{ items: Publication[] }>(f.viewer, 'GET', `${S}/publishing/publications?contentId=${contentId}`)).body
    .items;

beforeAll(async () => {
  hook = await webhookReceiver(SECRET);
  // The receiver is on loopback: allowed for accounts by name, as an operator would (OUTBOUND_ALLOW_HOSTS).
  t = await testApp({ OUTBOUND_ALLOW_HOSTS: '127.0.0.1' }, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
  const site = await call<{ id: string }>(f.owner, 'POST', `/api/v1/accounts/${f.accountId}/sites`, {
    name: 'Hooked',
    url: 'https://hooked.example',
  });
  siteId = site.body.id;
  S = `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
});
afterAll(async () => {
  await t?.close();
  await hook?.close();
});

describe('the editorial workflow', () => {
  it('lets editors submit for review and admins approve; a move the role may not make is 409 with the allowed ones', async () => {
    const id = await article();
    const to = (who: Session, state: string) =>
      call<Content & { error?: { code: string; details: { allowed: string[] } } }>(
        who,
        'POST',
        `${S}/contents/${id}/transition`,
        { to: state },
      );

    expect((await to(f.viewer, 'review')).status).toBe(403);
    expect((await to(f.editor, 'review')).body.status).toBe('review');
    const refused = await to(f.editor, 'approved');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'transition_not_allowed',
      details: { from: 'review', to: 'approved', allowed: ['draft'] },
    });
    // PATCH obeys the same rules.
    const patched = await call<{ error: { code: string } }>(f.editor, 'PATCH', `${S}/contents/${id}`, {
      status: 'approved',
    });
    expect([patched.status, patched.body.error.code]).toEqual([409, 'transition_not_allowed']);
    expect((await to(f.admin, 'approved')).body.status).toBe('approved');
    // Nobody sets `published` by hand.
    const published = await to(f.owner, 'published');
    expect(published.status).toBe(409);
    expect(published.body.error!.details.allowed).toEqual(['review', 'draft']);
  });

  it('lets editors approve and publish only where the site allows it', async () => {
    const id = await article();
    const dest = await call<Destination>(f.admin, 'POST', `${S}/publishing/destinations`, {
      kind: 'webhook',
      name: 'CMS',
      url: hook.url,
      secret: SECRET,
    });
    expect(dest.status).toBe(201);
    const refused = await call<{ error: { code: string } }>(f.editor, 'POST', `${S}/publishing/publish`, {
      contentIds: [id],
    });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'publish_not_allowed']);
    expect((await call(f.editor, 'POST', `${S}/contents/${id}/transition`, { to: 'approved' })).status).toBe(409);

    expect((await settings({ editorsCanPublish: true })).status).toBe(200);
    expect(
      (await call<Content>(f.editor, 'POST', `${S}/contents/${id}/transition`, { to: 'approved' })).body.status,
    ).toBe('approved');
    const ok = await call<PublishResult>(f.editor, 'POST', `${S}/publishing/publish`, { contentIds: [id] });
    expect(ok.status).toBe(202);
    expect((await pollTask(t.app, f.editor, f.accountId, ok.body.taskId!)).run.status).toBe('succeeded');
    await settings({ editorsCanPublish: false });
  });
});

describe('destinations and the outbound policy', () => {
  it('refuses internal addresses an operator did not allow, and never returns the secret', async () => {
    for (const url of ['http://10.0.0.8/hook', 'http://169.254.169.254/latest', 'http://[::ffff:192.168.1.1]/']) {
      const res = await call<{ error: { code: string } }>(f.admin, 'POST', `${S}/publishing/destinations`, {
        kind: 'webhook',
        name: 'Internal',
        url,
        secret: SECRET,
      });
      expect([url, res.status, res.body.error.code]).toEqual([url, 400, 'outbound_blocked']);
    }
    const wp = await call<{ error: { code: string } }>(f.admin, 'POST', `${S}/publishing/destinations`, {
      kind: 'wordpress',
      name: 'Internal WP',
      url: 'http://10.1.2.3',
      username: 'u',
      appPassword: 'abcd efgh ijkl mnop',
    });
    expect(wp.body.error.code).toBe('outbound_blocked');
    const listed = await t.app.inject({ method: 'GET', url: `${S}/publishing/destinations`, headers: bearer(f.owner) });
    expect(listed.body).not.toContain(SECRET);
  });

  it('needs the secret again when the URL moves to another origin', async () => {
    const [dest] = (await call<{ items: Destination[] }>(f.admin, 'GET', `${S}/publishing/destinations`)).body.items;
    const moved = await call<{ error: { code: string } }>(
      f.admin,
      'PATCH',
      `${S}/publishing/destinations/${dest!.id}`,
      { url: 'https://elsewhere.invalid/hook' },
    );
    expect([moved.status, moved.body.error.code]).toEqual([400, 'outbound_blocked']);
    const sameOrigin = await call<Destination>(f.admin, 'PATCH', `${S}/publishing/destinations/${dest!.id}`, {
      url: `${hook.url}?v=2`,
    });
    expect(sameOrigin.status).toBe(200);
    await call(f.admin, 'PATCH', `${S}/publishing/destinations/${dest!.id}`, { url: hook.url });
  });
});

describe('the webhook destination', () => {
  it('tests with a signed delivery, then publishes the whole package signed, once per article', async () => {
    const [dest] = (await call<{ items: Destination[] }>(f.admin, 'GET', `${S}/publishing/destinations`)).body.items;
    const tested = await call<DestinationTest>(f.admin, 'POST', `${S}/publishing/destinations/${dest!.id}/test`);
    expect(tested.body).toMatchObject({ ok: true });
    expect(hook.deliveries.at(-1)).toMatchObject({ signatureValid: true, body: { event: 'ping' } });

    const id = await article();
    const first = await call<PublishResult>(f.admin, 'POST', `${S}/publishing/publish`, { contentIds: [id] });
    expect((await pollTask(t.app, f.admin, f.accountId, first.body.taskId!)).run.status).toBe('succeeded');
    const delivery = hook.deliveries.at(-1)!;
    expect(delivery.signatureValid).toBe(true);
    expect(delivery.body).toMatchObject({
      event: 'publish',
      content: { title: `Article ${n}`, slug: `article-${n}`, bodyHtml: '<h2>One</h2><p>Text.</p>' },
      jsonLd: { '@type': 'Article', headline: `Article ${n}` },
    });
    let [pub] = await publications(id);
    expect(pub).toMatchObject({ status: 'published', externalId: 'post-2', externalUrl: 'https://cms.example/post-2' });

    const again = await call<PublishResult>(f.admin, 'POST', `${S}/publishing/publish`, { contentIds: [id] });
    await pollTask(t.app, f.admin, f.accountId, again.body.taskId!);
    [pub] = await publications(id);
    expect(pub!.externalId).toBe('post-2');
    expect([...hook.posts.values()].filter((p) => p.id === 'post-2')).toHaveLength(1);
    expect((hook.deliveries.at(-1)!.body.publication as { id: string }).id).toBe(pub!.id);
  });

  it('reports the receiver refusing a delivery signed with another secret', async () => {
    const [dest] = (await call<{ items: Destination[] }>(f.admin, 'GET', `${S}/publishing/destinations`)).body.items;
    await call(f.admin, 'PATCH', `${S}/publishing/destinations/${dest!.id}`, {
      secret: 'a-different-secret-0123456789',
    });
    const id = await article();
    const res = await call<PublishResult>(f.admin, 'POST', `${S}/publishing/publish`, { contentIds: [id] });
    expect((await pollTask(t.app, f.admin, f.accountId, res.body.taskId!)).run.status).toBe('failed');
    const [pub] = await publications(id);
    expect(pub).toMatchObject({
      status: 'failed',
      lastError: { code: 'destination_failed', message: 'The webhook answered HTTP 401: bad signature' },
    });
    await call(f.admin, 'PATCH', `${S}/publishing/destinations/${dest!.id}`, { secret: SECRET });
  });
});

describe('scheduling', () => {
  it('fills the next free slots of the site schedule, shows them on the calendar, and the dispatcher publishes each once', async () => {
    await settings({
      scheduleMode: 'slots',
      slotDays: [0, 1, 2, 3, 4, 5, 6],
      slotTimes: ['06:00', '18:00'],
      dailyCap: 1,
    });
    const ids = [await article(), await article(), await article()];
    const res = await call<PublishResult>(f.admin, 'POST', `${S}/publishing/publish`, {
      contentIds: ids,
      when: { mode: 'auto' },
    });
    expect(res.status).toBe(202);
    expect(res.body.taskId).toBeNull(); // a webhook gets nothing before its time
    const times = ids.map((id) => res.body.publications.find((p) => p.contentId === id)!.scheduledAt!);
    // One a day (the cap), each at a slot, in order.
    const days = times.map((x) => x.slice(0, 10));
    expect(new Set(days).size).toBe(3);
    for (const x of times) expect(x.slice(11, 16)).toMatch(/^(06|18):00$/);
    expect([...times].sort()).toEqual(times);
    for (const id of ids)
      expect((await call<Content>(f.owner, 'GET', `${S}/contents/${id}`)).body.status).toBe('approved');

    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const cal = await call<{ items: CalendarItem[] }>(
      f.viewer,
      'GET',
      `${S}/publishing/calendar?from=${from}&to=${to}`,
    );
    expect(cal.body.items.filter((i) => ids.includes(i.contentId)).map((i) => [i.status, i.at])).toEqual(
      times.map((x) => ['scheduled', x]),
    );

    // Two dispatchers at the same moment, past every slot: each article is claimed and delivered once.
    const before = hook.deliveries.length;
    const later = new Date(Date.parse(times[2]!) + 60_000);
    const { dispatcher } = t.app.runtime.publishing;
    const [a, b] = await Promise.all([dispatcher.dispatch(later), dispatcher.dispatch(later)]);
    expect(a.claimed + b.claimed).toBe(3);
    for (const task of [...a.tasks, ...b.tasks])
      expect((await pollTask(t.app, f.admin, f.accountId, task)).run.status).toBe('succeeded');
    expect(hook.deliveries.slice(before).filter((d) => d.body.event === 'publish')).toHaveLength(3);
    for (const id of ids) expect((await publications(id))[0]!.status).toBe('published');
    expect((await dispatcher.dispatch(later)).claimed).toBe(0);
    await settings({});
  });

  it('publishes a scheduled item as the member who scheduled it, and not once they can no longer publish', async () => {
    const id = await article();
    const at = new Date(Date.now() + 86_400_000).toISOString();
    await call(f.admin, 'POST', `${S}/publishing/publish`, { contentIds: [id], when: { mode: 'at', at } });
    const demoted = await call(f.owner, 'PATCH', `/api/v1/accounts/${f.accountId}/members/${f.admin.userId}`, {
      role: 'editor',
    });
    expect(demoted.status).toBe(200);
    try {
      const { claimed, tasks } = await t.app.runtime.publishing.dispatcher.dispatch(new Date(Date.parse(at) + 60_000));
      expect([claimed, tasks.length]).toEqual([0, 0]);
      expect((await publications(id))[0]).toMatchObject({
        status: 'failed',
        lastError: { code: 'publish_not_allowed' },
      });
    } finally {
      await call(f.owner, 'PATCH', `/api/v1/accounts/${f.accountId}/members/${f.admin.userId}`, { role: 'admin' });
    }
  });

  it('reschedules by the calendar drag, refuses a past time, and unschedules', async () => {
    const id = await article();
    await call(f.admin, 'POST', `${S}/publishing/publish`, {
      contentIds: [id],
      when: { mode: 'at', at: new Date(Date.now() + 86_400_000).toISOString() },
    });
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCSeconds(0, 0);
    const moved = await call<PublishResult>(f.admin, 'POST', `${S}/publishing/reschedule`, {
      contentId: id,
      at: at.toISOString(),
    });
    expect(moved.body.publications[0]!.scheduledAt).toBe(at.toISOString());
    const past = await call<{ error: { code: string } }>(f.admin, 'POST', `${S}/publishing/reschedule`, {
      contentId: id,
      at: new Date(Date.now() - 60_000).toISOString(),
    });
    expect([past.status, past.body.error.code]).toEqual([400, 'validation_failed']);
    const un = await call<PublishResult>(f.admin, 'POST', `${S}/publishing/unpublish`, { contentIds: [id] });
    expect(un.body).toMatchObject({ taskId: null, publications: [{ status: 'not_published', scheduledAt: null }] });
  });
});

describe('the service automation calls', () => {
  it('publishes one article of a site by its schedule', async () => {
    const id = await article();
    const tenant = makeTenantContext(f.accountId, f.admin.userId, 'admin');
    const result = await t.app.runtime.publishing.publisher.publishContent(tenant, siteId, id);
    expect(result.taskId).toBeTruthy();
    expect((await pollTask(t.app, f.admin, f.accountId, result.taskId!)).run.status).toBe('succeeded');
    expect((await publications(id))[0]!.status).toBe('published');
  });
});

describe('a repeated publish', () => {
  it('with the same Idempotency-Key answers the same task and delivers once', async () => {
    const id = await article();
    const publish = () =>
      t.app.inject({
        method: 'POST',
        url: `${S}/publishing/publish`,
        headers: { ...bearer(f.admin), 'idempotency-key': `publish-${id}` },
        payload: { contentIds: [id] },
      });
    const [a, b] = [await publish(), await publish()];
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(b.json().taskId).toBe(a.json().taskId);
    expect((await pollTask(t.app, f.admin, f.accountId, a.json().taskId)).run.status).toBe('succeeded');
    expect(
      hook.deliveries.filter((d) => d.body.event === 'publish' && JSON.stringify(d.body).includes(id)),
    ).toHaveLength(1);
  });
});
