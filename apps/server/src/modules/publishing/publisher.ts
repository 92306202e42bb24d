import type { CalendarItem, Publication, PublishResult, PublishStatus, PublishWhen } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { Config } from '../../config';
import type { Database, Db, Transaction } from '../../db/client';
import { AppError, conflict } from '../../http/errors';
import type { TaskQueue } from '../../jobs/queue';
import type { OutboundPolicy } from '../../net/outbound';
import type { FileStorage } from '../../storage/files';
import { insertTaskRun } from '../tasks/repo';
import { requireSite, type SiteRow } from '../sites/repo';
import * as writerRepo from '../writer/repo';
import { publishTask, type PublishTaskInput } from './publish-task';
import * as repo from './repo';
import { nextSlots } from './schedule';
import type { PublishingSetup } from './service';

export interface PublisherDeps {
  database: Database;
  queue: TaskQueue;
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
  async publish(t: TenantContext, site: SiteRow, body: { contentIds: string[]; destinationIds?: string[]; when: PublishWhen }): Promise<PublishResult> {
    const { setup } = this.deps;
    await setup.assertCanPublish(t, site.id);
    const contentIds = [...new Set(body.contentIds)];
    await writerRepo.requireContents(this.db, t, site.id, contentIds);
    const destinations = await setup.destinationsFor(t, site.id, body.destinationIds);
    const busy = (await repo.publicationRowsOf(this.db, t, site.id, contentIds, destinations.map((d) => d.id))).filter((p) => p.status === 'publishing');
    if (busy.length) throw conflict('conflict', `${busy.length} of these publications are being published right now: wait for that to finish`);

    const times = await this.timesFor(t, site.id, contentIds, body.when);
    const rows = contentIds.flatMap((contentId, i) =>
      destinations.map((d) => ({ contentId, destinationId: d.id, status: (times[i] ? 'scheduled' : 'publishing') as PublishStatus, scheduledAt: times[i] ?? null })),
    );
    const kindOf = new Map(destinations.map((d) => [d.id, d.kind]));
    const drafts = (await writerRepo.requireContents(this.db, t, site.id, contentIds)).filter((c) => c.status === 'draft' || c.status === 'review').map((c) => c.id);
    const scheduledCount = times.filter(Boolean).length;
    const taskId = await this.inTransaction(async (tx) => {
      const saved = await repo.upsertPublications(tx.db, t, site.id, rows);
      await repo.setContentStatus(tx.db, t, site.id, drafts, 'approved');
      // Now: every row due; WordPress rows scheduled become `future` posts now too (webhooks wait for the dispatcher).
      const push = saved.filter((p) => p.status === 'publishing' || kindOf.get(p.destinationId) === 'wordpress').map((p) => p.id);
      if (push.length === 0) return null;
      const title =
        scheduledCount === contentIds.length
          ? `Schedule ${plural(contentIds.length, 'article')}`
          : `Publish ${plural(contentIds.length - scheduledCount, 'article')}${scheduledCount ? `, schedule ${scheduledCount}` : ''}`;
      return this.startTask(tx, t, site.id, { siteId: site.id, action: 'publish', publicationIds: push, to: 'draft' }, title);
    });
    return { taskId, publications: await repo.listPublications(this.db, t, site.id, { contentIds }) };
  }

  /** For automation's publish stage: one article of a site, now, at a time, or by the site's schedule. */
  async publishContent(t: TenantContext, siteId: string, contentId: string, when: PublishWhen = { mode: 'auto' }, destinationIds?: string[]): Promise<PublishResult> {
    const site = await requireSite(this.db, t, siteId);
    return this.publish(t, site, { contentIds: [contentId], when, ...(destinationIds ? { destinationIds } : {}) });
  }

  /** Takes articles off their destinations (WordPress: back to draft, or to the trash); scheduled ones are simply unscheduled. */
  async unpublish(t: TenantContext, site: SiteRow, body: { contentIds: string[]; destinationIds?: string[]; to: 'draft' | 'trash' }) {
    await this.deps.setup.assertCanPublish(t, site.id);
    const contentIds = [...new Set(body.contentIds)];
    await writerRepo.requireContents(this.db, t, site.id, contentIds);
    const rows = await repo.publicationRowsOf(this.db, t, site.id, contentIds, body.destinationIds);
    if (rows.some((p) => p.status === 'publishing')) throw conflict('conflict', 'Some of these are being published right now: wait for that to finish');
    const remote = rows.filter((p) => p.externalId && p.remoteStatus !== 'deleted' && p.remoteStatus !== body.to);
    const local = rows.filter((p) => !remote.includes(p));
    const taskId = await this.inTransaction(async (tx) => {
      for (const p of local) await repo.updatePublication(tx.db, t, p.id, { status: 'not_published', scheduledAt: null, lastError: null });
      const back = await repo.contentsWithoutLivePost(tx.db, t, site.id, contentIds);
      if (remote.length === 0) await this.backToApproved(tx.db, t, site.id, back);
      if (remote.length === 0) return null;
      return this.startTask(tx, t, site.id, { siteId: site.id, action: 'unpublish', publicationIds: remote.map((p) => p.id), to: body.to }, `Unpublish ${plural(contentIds.length, 'article')}`);
    });
    return { taskId, publications: await repo.listPublications(this.db, t, site.id, { contentIds }) };
  }

  /** Moves a scheduled (or failed) article to another time: the calendar's drag and drop. */
  async reschedule(t: TenantContext, site: SiteRow, body: { contentId: string; at: string }): Promise<PublishResult> {
    await this.deps.setup.assertCanPublish(t, site.id);
    await writerRepo.requireContent(this.db, t, site.id, body.contentId);
    const at = new Date(body.at);
    if (at.getTime() <= Date.now()) throw new AppError(400, 'validation_failed', 'Pick a time in the future (or publish now)', [{ path: 'body.at', message: 'must be in the future' }]);
    const rows = (await repo.publicationRowsOf(this.db, t, site.id, [body.contentId])).filter((p) => p.status === 'scheduled' || p.status === 'failed');
    if (rows.length === 0) throw conflict('conflict', 'Nothing of this article is scheduled (published articles are not rescheduled)');
    const destinations = await repo.listDestinations(this.db, t, site.id);
    const wordpress = new Set(destinations.filter((d) => d.kind === 'wordpress').map((d) => d.id));
    const taskId = await this.inTransaction(async (tx) => {
      for (const p of rows) await repo.updatePublication(tx.db, t, p.id, { status: 'scheduled', scheduledAt: at, lastError: null });
      const push = rows.filter((p) => wordpress.has(p.destinationId)).map((p) => p.id);
      return push.length ? this.startTask(tx, t, site.id, { siteId: site.id, action: 'publish', publicationIds: push, to: 'draft' }, 'Reschedule 1 article') : null;
    });
    return { taskId, publications: await repo.listPublications(this.db, t, site.id, { contentIds: [body.contentId] }) };
  }

  /** Reads each post's state back from its destination (a post deleted or trashed there shows as such). */
  async sync(t: TenantContext, site: SiteRow, contentIds?: string[]): Promise<{ taskId: string | null }> {
    if (contentIds) await writerRepo.requireContents(this.db, t, site.id, [...new Set(contentIds)]);
    const rows = (await repo.syncablePublications(this.db, t, site.id, contentIds)).filter((p) => p.status !== 'publishing');
    if (rows.length === 0) return { taskId: null };
    const taskId = await this.inTransaction((tx) =>
      this.startTask(tx, t, site.id, { siteId: site.id, action: 'sync', publicationIds: rows.map((p) => p.id), to: 'draft' }, `Sync the status of ${plural(rows.length, 'post')}`),
    );
    return { taskId };
  }

  async calendar(t: TenantContext, siteId: string, from: Date, to: Date): Promise<CalendarItem[]> {
    const rows = await repo.calendarRows(this.db, t, siteId, from, to);
    const byContent = new Map<string, CalendarItem>();
    const rank: Record<PublishStatus, number> = { failed: 4, publishing: 3, scheduled: 2, published: 1, not_published: 0 };
    for (const r of rows) {
      const pub: Publication = repo.toPublication(r);
      const at = r.p.scheduledAt ?? r.p.publishedAt ?? r.p.updatedAt;
      const item = byContent.get(r.p.contentId);
      if (!item) {
        byContent.set(r.p.contentId, { contentId: r.p.contentId, title: r.title, contentStatus: r.contentStatus, status: pub.status, at: at.toISOString(), publications: [pub] });
        continue;
      }
      item.publications.push(pub);
      if (rank[pub.status] > rank[item.status]) item.status = pub.status;
      if (at.toISOString() < item.at) item.at = at.toISOString();
    }
    return [...byContent.values()];
  }

  /** null = now; otherwise the time each article (in order) is scheduled for. */
  private async timesFor(t: TenantContext, siteId: string, contentIds: string[], when: PublishWhen): Promise<(Date | null)[]> {
    const now = new Date();
    if (when.mode === 'now') return contentIds.map(() => null);
    if (when.mode === 'at') {
      const at = new Date(when.at);
      return contentIds.map(() => (at.getTime() <= now.getTime() + NOW_SLACK_MS ? null : at));
    }
    const settings = await this.deps.setup.settings(t, siteId);
    if (settings.scheduleMode === 'immediate' && settings.dailyCap === null) return contentIds.map(() => null);
    const taken = await repo.takenTimes(this.db, t, siteId, new Date(now.getTime() - 2 * DAY), contentIds);
    return nextSlots(settings, now, taken, contentIds.length).map((at) => (at.getTime() <= now.getTime() + NOW_SLACK_MS ? null : at));
  }

  async backToApproved(db: Db, t: TenantContext, siteId: string, contentIds: string[]): Promise<void> {
    const published = (await writerRepo.contentsByIds(db, t, siteId, contentIds)).filter((c) => c.status === 'published').map((c) => c.id);
    await repo.setContentStatus(db, t, siteId, published, 'approved');
  }

  private async inTransaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    await this.deps.queue.ensureQueue(publishTask.kind);
    return this.deps.database.transaction(fn);
  }

  /**
   * The task run and its job, in the caller's transaction with the rows it works on: a process
   * killed in between leaves neither, so no row waits in `publishing` for a task that never comes.
   */
  async startTask(tx: Transaction, t: TenantContext, siteId: string, input: PublishTaskInput, title: string): Promise<string> {
    const parsed = publishTask.input.parse(input);
    const id = await insertTaskRun(tx.db, t, {
      kind: publishTask.kind,
      title,
      siteId,
      resultPath: `/a/${t.accountId}/sites/${siteId}/calendar`,
      input: parsed as unknown as Record<string, unknown>,
    });
    try {
      await this.deps.queue.send(publishTask.kind, { taskRunId: id }, tx);
    } catch {
      throw new AppError(503, 'queue_unavailable', 'The task could not be queued; nothing was started. Try again.');
    }
    return id;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
