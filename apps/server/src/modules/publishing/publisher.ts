import {
  plural,
  type CalendarItem,
  type Publication,
  type PublishResult,
  type PublishStatus,
  type PublishWhen,
} from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { Config } from '../../config';
import { randomUUID } from 'node:crypto';
import type { Database, Db } from '../../db/client';
import { AppError, conflict } from '../../http/errors';
import type { OutboundPolicy } from '../../net/outbound';
import type { FileStorage } from '../../storage/files';
import type { StartTask, Tasks } from '../tasks/service';
import { requireSite, type SiteRow } from '../sites/repo';
import * as writerRepo from '../writer/repo';
import { publishTask, type PublishTaskInput } from './publish-task';
import * as repo from './repo';
import { nextSlots } from './schedule';
import type { PublishingSetup } from './service';

export interface PublisherDeps {
  database: Database;
  tasks: Tasks;
  setup: PublishingSetup;
  storage: FileStorage;
  outbound: OutboundPolicy;
  config: Config;
}

/** A time within this of now counts as now (a calendar drop or slot for "this minute"). */
const NOW_SLACK_MS = 5_000;
const DAY = 86_400_000;

/**
 * Publishing, scheduling, unpublishing and syncing articles, from a request, the dispatcher or
 * automation. Requests only record intent (publication rows) and start one task run in the same
 * transaction; the task talks to the destinations (publisher-task.ts).
 */
export class Publisher {
  private readonly db: Db;

  constructor(readonly deps: PublisherDeps) {
    this.db = deps.database.db;
  }

  /**
   * Publishes or schedules articles at the site's destinations. An approver only (403 otherwise); a
   * draft or an article in review is approved on the way. Rows due now become `publishing`, the rest
   * `scheduled` (WordPress gets those as `future` posts right away; the dispatcher publishes them).
   */
  async publish(
    t: TenantContext,
    site: SiteRow,
    body: { contentIds: string[]; destinationIds?: string[]; when: PublishWhen },
    /** an automation run's publish stage: its task links to the run, and a repeated step answers the same task */
    meta: Pick<StartTask, 'automationRunId' | 'idempotencyKey'> = {},
  ): Promise<PublishResult> {
    const { setup } = this.deps;
    await setup.assertCanPublish(t, site.id);
    const contentIds = [...new Set(body.contentIds)];
    await writerRepo.requireContents(this.db, t, site.id, contentIds);
    const destinations = await setup.destinationsFor(t, site.id, body.destinationIds);
    // Rows a live publish task works on are refused by Tasks.start (409 task_already_running, the kind's targets);
    // a row left `publishing` by a cancelled task is simply published again.

    const times = await this.timesFor(t, site.id, contentIds, body.when);
    // Each pair keeps its row (and so its post); a new pair's id is chosen here, so the task's input can name it.
    const known = new Map(
      (await repo.publicationRowsOf(this.db, t, site.id, contentIds)).map((p) => [
        `${p.contentId}/${p.destinationId}`,
        p.id,
      ]),
    );
    const rows = contentIds.flatMap((contentId, i) =>
      destinations.map((d) => ({
        id: known.get(`${contentId}/${d.id}`) ?? randomUUID(),
        contentId,
        destinationId: d.id,
        status: (times[i] ? 'scheduled' : 'publishing') as PublishStatus,
        scheduledAt: times[i] ?? null,
      })),
    );
    const kindOf = new Map(destinations.map((d) => [d.id, d.kind]));
    const drafts = (await writerRepo.requireContents(this.db, t, site.id, contentIds))
      .filter((c) => c.status === 'draft' || c.status === 'review')
      .map((c) => c.id);
    const write = async (tx: Db) => {
      const saved = await repo.upsertPublications(tx, t, site.id, rows);
      if (saved.some((s, i) => s.id !== rows[i]!.id))
        throw conflict('conflict', 'These articles were just published by someone else: try again');
      await repo.setContentStatus(tx, t, site.id, drafts, 'approved');
    };
    // Now: every row due; WordPress rows scheduled become `future` posts now too (webhooks wait for the dispatcher).
    const push = rows
      .filter((p) => p.status === 'publishing' || kindOf.get(p.destinationId) === 'wordpress')
      .map((p) => p.id);
    const scheduledCount = times.filter(Boolean).length;
    const title =
      scheduledCount === contentIds.length
        ? `Schedule ${plural(contentIds.length, 'article')}`
        : `Publish ${plural(contentIds.length - scheduledCount, 'article')}${scheduledCount ? `, schedule ${scheduledCount}` : ''}`;
    const taskId = push.length
      ? await this.startTask(
          t,
          site.id,
          { siteId: site.id, action: 'publish', publicationIds: push, to: 'draft' },
          title,
          write,
          meta,
        )
      : await this.deps.database.transaction(async (tx) => {
          await write(tx.db);
          return null;
        });
    return {
      taskId,
      waiting: rows.length - push.length,
      publications: await repo.listPublications(this.db, t, site.id, { contentIds }),
    };
  }

  /** For automation's publish stage: one article of a site, now, at a time, or by the site's schedule. */
  async publishContent(
    t: TenantContext,
    siteId: string,
    contentId: string,
    when: PublishWhen = { mode: 'auto' },
    destinationIds?: string[],
  ): Promise<PublishResult> {
    const site = await requireSite(this.db, t, siteId);
    return this.publish(t, site, { contentIds: [contentId], when, ...(destinationIds ? { destinationIds } : {}) });
  }

  /** Takes articles off their destinations (WordPress: back to draft, or to the trash); scheduled ones are simply unscheduled. */
  async unpublish(
    t: TenantContext,
    site: SiteRow,
    body: { contentIds: string[]; destinationIds?: string[]; to: 'draft' | 'trash' },
  ) {
    await this.deps.setup.assertCanPublish(t, site.id);
    const contentIds = [...new Set(body.contentIds)];
    await writerRepo.requireContents(this.db, t, site.id, contentIds);
    const rows = await repo.publicationRowsOf(this.db, t, site.id, contentIds, body.destinationIds);
    const remote = rows.filter((p) => p.externalId && p.remoteStatus !== 'deleted' && p.remoteStatus !== body.to);
    const local = rows.filter((p) => !remote.includes(p));
    const write = async (tx: Db) => {
      for (const p of local)
        await repo.updatePublication(tx, t, p.id, { status: 'not_published', scheduledAt: null, lastError: null });
      if (remote.length === 0)
        await this.backToApproved(tx, t, site.id, await repo.contentsWithoutLivePost(tx, t, site.id, contentIds));
    };
    const taskId = remote.length
      ? await this.startTask(
          t,
          site.id,
          { siteId: site.id, action: 'unpublish', publicationIds: remote.map((p) => p.id), to: body.to },
          `Unpublish ${plural(contentIds.length, 'article')}`,
          write,
        )
      : await this.deps.database.transaction(async (tx) => {
          await write(tx.db);
          return null;
        });
    return { taskId, waiting: 0, publications: await repo.listPublications(this.db, t, site.id, { contentIds }) };
  }

  /** Moves a scheduled (or failed) article to another time: the calendar's drag and drop. */
  async reschedule(t: TenantContext, site: SiteRow, body: { contentId: string; at: string }): Promise<PublishResult> {
    await this.deps.setup.assertCanPublish(t, site.id);
    await writerRepo.requireContent(this.db, t, site.id, body.contentId);
    const at = new Date(body.at);
    if (at.getTime() <= Date.now())
      throw new AppError(400, 'validation_failed', 'Pick a time in the future (or publish now)', [
        { path: 'body.at', message: 'must be in the future' },
      ]);
    const rows = (await repo.publicationRowsOf(this.db, t, site.id, [body.contentId])).filter(
      (p) => p.status === 'scheduled' || p.status === 'failed',
    );
    if (rows.length === 0)
      throw conflict('conflict', 'Nothing of this article is scheduled (published articles are not rescheduled)');
    const destinations = await repo.listDestinations(this.db, t, site.id);
    const wordpress = new Set(destinations.filter((d) => d.kind === 'wordpress').map((d) => d.id));
    const write = async (tx: Db) => {
      for (const p of rows)
        await repo.updatePublication(tx, t, p.id, { status: 'scheduled', scheduledAt: at, lastError: null });
    };
    const push = rows.filter((p) => wordpress.has(p.destinationId)).map((p) => p.id);
    const taskId = push.length
      ? await this.startTask(
          t,
          site.id,
          { siteId: site.id, action: 'publish', publicationIds: push, to: 'draft' },
          'Reschedule 1 article',
          write,
        )
      : await this.deps.database.transaction(async (tx) => {
          await write(tx.db);
          return null;
        });
    return {
      taskId,
      waiting: rows.length - push.length,
      publications: await repo.listPublications(this.db, t, site.id, { contentIds: [body.contentId] }),
    };
  }

  /** Reads each post's state back from its destination (a post deleted or trashed there shows as such). */
  async sync(t: TenantContext, site: SiteRow, contentIds?: string[]): Promise<{ taskId: string | null }> {
    if (contentIds) await writerRepo.requireContents(this.db, t, site.id, [...new Set(contentIds)]);
    const rows = (await repo.syncablePublications(this.db, t, site.id, contentIds)).filter(
      (p) => p.status !== 'publishing',
    );
    if (rows.length === 0) return { taskId: null };
    const taskId = await this.startTask(
      t,
      site.id,
      { siteId: site.id, action: 'sync', publicationIds: rows.map((p) => p.id), to: 'draft' },
      `Sync the status of ${plural(rows.length, 'post')}`,
    );
    return { taskId };
  }

  async calendar(t: TenantContext, siteId: string, from: Date, to: Date): Promise<CalendarItem[]> {
    const rows = await repo.calendarRows(this.db, t, siteId, from, to);
    const byContent = new Map<string, CalendarItem>();
    const rank: Record<PublishStatus, number> = {
      failed: 4,
      publishing: 3,
      scheduled: 2,
      published: 1,
      not_published: 0,
    };
    for (const r of rows) {
      const pub: Publication = repo.toPublication(r);
      const at = r.p.scheduledAt ?? r.p.publishedAt ?? r.p.updatedAt;
      const item = byContent.get(r.p.contentId);
      if (!item) {
        byContent.set(r.p.contentId, {
          contentId: r.p.contentId,
          title: r.title,
          contentStatus: r.contentStatus,
          status: pub.status,
          at: at.toISOString(),
          publications: [pub],
        });
        continue;
      }
      item.publications.push(pub);
      if (rank[pub.status] > rank[item.status]) item.status = pub.status;
      if (at.toISOString() < item.at) item.at = at.toISOString();
    }
    return [...byContent.values()];
  }

  /** null = now; otherwise the time each article (in order) is scheduled for. */
  private async timesFor(
    t: TenantContext,
    siteId: string,
    contentIds: string[],
    when: PublishWhen,
  ): Promise<(Date | null)[]> {
    const now = new Date();
    if (when.mode === 'now') return contentIds.map(() => null);
    if (when.mode === 'at') {
      const at = new Date(when.at);
      return contentIds.map(() => (at.getTime() <= now.getTime() + NOW_SLACK_MS ? null : at));
    }
    const settings = await this.deps.setup.settings(t, siteId);
    if (settings.scheduleMode === 'immediate' && settings.dailyCap === null) return contentIds.map(() => null);
    const taken = await repo.takenTimes(this.db, t, siteId, new Date(now.getTime() - 2 * DAY), contentIds);
    return nextSlots(settings, now, taken, contentIds.length).map((at) =>
      at.getTime() <= now.getTime() + NOW_SLACK_MS ? null : at,
    );
  }

  async backToApproved(db: Db, t: TenantContext, siteId: string, contentIds: string[]): Promise<void> {
    const published = (await writerRepo.contentsByIds(db, t, siteId, contentIds))
      .filter((c) => c.status === 'published')
      .map((c) => c.id);
    await repo.setContentStatus(db, t, siteId, published, 'approved');
  }

  /**
   * The task run, its job and the rows it works on (`write`) in one transaction (Tasks.start): a
   * process killed in between leaves none of them, so no row waits in `publishing` for a task that
   * never comes; a start overlapping a live run on the same publications is refused (409).
   */
  startTask(
    t: TenantContext,
    siteId: string,
    input: PublishTaskInput,
    title: string,
    write?: (tx: Db) => Promise<void>,
    meta: Pick<StartTask, 'automationRunId' | 'idempotencyKey'> = {},
  ): Promise<string> {
    return this.deps.tasks.start(t, publishTask, input, {
      title,
      siteId,
      resultPath: `/a/${t.accountId}/sites/${siteId}/calendar`,
      ...meta,
      ...(write ? { alsoWrite: write } : {}),
    });
  }
}
