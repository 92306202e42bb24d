/**
 * The dispatcher on its real pg-boss schedule: two worker processes (runtimes) start on one
 * database where a scheduled publication is due; the schedule fires once, and the article is
 * delivered once.
 */
import type { Publication, PublishResult } from '@igny8/contracts';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publications } from '../src/db/schema/index';
import { Runtime } from '../src/runtime';
import { bearer, tenantFixture, testApp, type TestApp } from './helpers/app';
import { insertArticle } from './helpers/rows';
import { fastRetry } from './helpers/tasks';
import { webhookReceiver } from './helpers/webhook-receiver';

const SECRET = 'dispatch-webhook-secret-0123456789';
let t: TestApp;
let hook: Awaited<ReturnType<typeof webhookReceiver>>;
const workers: Runtime[] = [];

beforeAll(async () => {
  hook = await webhookReceiver(SECRET);
  // An API process only: the workers below are started once something is due.
  t = await testApp({ OUTBOUND_ALLOW_HOSTS: '127.0.0.1' });
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await t?.close();
  await hook?.close();
});

describe('the publishing dispatcher on pg-boss schedules', () => {
  it('fires once however many workers run, and publishes a due item once', async () => {
    const f = await tenantFixture(t.app);
    const A = `/api/v1/accounts/${f.accountId}`;
    const site = await t.app.inject({
      method: 'POST',
      url: `${A}/sites`,
      headers: bearer(f.owner),
      payload: { name: 'Due', url: 'https://due.example' },
    });
    const S = `${A}/sites/${site.json().id}`;
    const dest = await t.app.inject({
      method: 'POST',
      url: `${S}/publishing/destinations`,
      headers: bearer(f.admin),
      payload: { kind: 'webhook', name: 'CMS', url: hook.url, secret: SECRET },
    });
    expect(dest.statusCode).toBe(201);
    const contentId = await insertArticle(t.database.db, f.accountId, site.json().id, 1);
    const scheduled = await t.app.inject({
      method: 'POST',
      url: `${S}/publishing/publish`,
      headers: bearer(f.admin),
      payload: { contentIds: [contentId], when: { mode: 'at', at: new Date(Date.now() + 3_600_000).toISOString() } },
    });
    const pub = (scheduled.json() as PublishResult).publications[0]!;
    expect(pub.status).toBe('scheduled');
    // Its time has come (as if an hour had passed).
    await t.database.db
      .update(publications)
      .set({ scheduledAt: new Date(Date.now() - 60_000) })
      .where(eq(publications.id, pub.id));

    const log = pino({ level: 'silent' });
    for (let i = 0; i < 2; i++)
      workers.push(
        new Runtime(t.config, t.database, log, {
          worker: true,
          storage: t.app.runtime.storage,
          retryPolicy: fastRetry,
          stopTimeoutMs: 1_000,
        }),
      );
    await Promise.all(workers.map((w) => w.start()));

    const published = async () =>
      (
        (
          await t.app.inject({ method: 'GET', url: `${S}/publishing/publications`, headers: bearer(f.viewer) })
        ).json() as { items: Publication[] }
      ).items[0]!;
    // pg-boss fires a schedule at the next minute boundary: up to a minute and its 5 s clock check away.
    for (let i = 0; i < 900 && (await published()).status !== 'published'; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await published()).toMatchObject({ status: 'published', externalId: 'post-1' });
    // Time for a second dispatch or a duplicate delivery to show up, if there were one.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(hook.deliveries.filter((d) => d.body.event === 'publish')).toHaveLength(1);
  }, 120_000);
});
