import type { TaskHandler } from '../../jobs/registry';
import type { TaskContext } from '../../jobs/context';
import { requireSite, type SiteRow } from '../sites/repo';
import { DestinationError, type PublishTarget } from './destinations/types';
import { loadPackage } from './package-loader';
import type { Publisher } from './publisher';
import type { PublishTaskInput } from './publish-task';
import * as repo from './repo';

type Row = Awaited<ReturnType<typeof repo.publicationsForWork>>[number];

/**
 * The publish task's handler: each publication is one item, failing alone. A destination step
 * that failed in a way that leaves the post's existence unknown (timeout, dropped connection, 5xx)
 * is tried once more at once; the second try finds a post the first one created by its marker.
 */
export function publishTaskHandler(publisher: Publisher): TaskHandler<PublishTaskInput> {
  return async (ctx) => {
    const { db, tenant } = ctx;
    const site = await requireSite(db, tenant, ctx.input.siteId);
    const rows = await repo.publicationsForWork(db, tenant, site.id, ctx.input.publicationIds);
    const verb = { publish: 'Publishing', unpublish: 'Unpublishing', sync: 'Checking' }[ctx.input.action];
    const outcome = await ctx.forEachItem(
      rows,
      { key: (r) => r.p.id, label: (r) => `to ${r.d.name}`, verb },
      async (row, save) => {
        const target = publisher.deps.setup.target(row.d);
        if (ctx.input.action === 'publish') await publishOne(publisher, ctx, site, row, target, save);
        else if (ctx.input.action === 'unpublish') await unpublishOne(ctx, row, target, save);
        else await syncOne(ctx, row, target, save);
      },
    );
    // The workflow follows the posts: live somewhere = published, nowhere any more = approved again.
    const contentIds = [...new Set(rows.map((r) => r.p.contentId))];
    const back = await repo.contentsWithoutLivePost(db, tenant, site.id, contentIds);
    await publisher.backToApproved(db, tenant, site.id, back);
    await repo.setContentStatus(
      db,
      tenant,
      site.id,
      contentIds.filter((id) => !back.includes(id)),
      'published',
    );
    return {
      [ctx.input.action === 'sync' ? 'checked' : ctx.input.action === 'publish' ? 'published' : 'unpublished']:
        outcome.succeeded + outcome.skipped,
      failed: outcome.failed,
    };
  };
}

type Save = Parameters<Parameters<TaskContext<unknown>['forEachItem']>[2]>[1];

async function withOneRetry<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof DestinationError && e.retryable)) throw e;
    return fn();
  }
}

async function publishOne(
  publisher: Publisher,
  ctx: TaskContext<PublishTaskInput>,
  site: SiteRow,
  row: Row,
  target: PublishTarget,
  save: Save,
): Promise<void> {
  const { db, tenant } = ctx;
  // Read again: the row may have been rescheduled or unpublished since the task was queued.
  const p = await repo.publicationRow(db, tenant, row.p.id);
  const future =
    p?.status === 'scheduled' && p.scheduledAt && p.scheduledAt.getTime() > Date.now() ? p.scheduledAt : null;
  if (!p || (p.status !== 'publishing' && !future)) return save(async () => {});
  try {
    const { deps } = publisher;
    const { pkg, warnings } = await loadPackage(
      { db, storage: deps.storage, outbound: deps.outbound, imageMaxBytes: deps.config.IMAGE_DOWNLOAD_MAX_BYTES },
      tenant,
      site,
      p,
    );
    const media = { ...p.media };
    let externalId = p.externalId;
    const result = await withOneRetry(() =>
      target.push({
        pkg,
        externalId,
        remoteStatus: p.remoteStatus,
        media,
        mode: future ? { kind: 'future', at: future } : { kind: 'publish' },
        onMedia: async (key, m) => {
          media[key] = m;
          await repo.addPublicationMedia(db, tenant, p.id, key, m);
        },
        onPost: async (id) => {
          externalId = id;
          await repo.updatePublication(db, tenant, p.id, { externalId: id });
        },
      }),
    );
    const now = new Date();
    await save((tx) =>
      repo.updatePublication(tx, tenant, p.id, {
        status: future ? 'scheduled' : 'published',
        ...(future
          ? {}
          : { scheduledAt: null, publishedAt: p.remoteStatus === 'publish' && p.publishedAt ? p.publishedAt : now }),
        externalId: result.externalId,
        externalUrl: result.url ?? p.externalUrl,
        remoteStatus: result.remoteStatus,
        warnings: [...warnings, ...result.warnings],
        lastError: null,
        syncedAt: now,
      }),
    );
  } catch (e) {
    await repo.updatePublication(db, tenant, p.id, { status: 'failed', lastError: errorOf(e) });
    throw e;
  }
}

async function unpublishOne(
  ctx: TaskContext<PublishTaskInput>,
  row: Row,
  target: PublishTarget,
  save: Save,
): Promise<void> {
  const { db, tenant } = ctx;
  const p = row.p;
  try {
    const { remoteStatus } = await withOneRetry(() => target.unpublish(p.externalId!, p.id, ctx.input.to));
    await save((tx) =>
      repo.updatePublication(tx, tenant, p.id, {
        status: 'not_published',
        scheduledAt: null,
        remoteStatus,
        lastError: null,
        syncedAt: new Date(),
      }),
    );
  } catch (e) {
    await repo.updatePublication(db, tenant, p.id, { lastError: errorOf(e) });
    throw e;
  }
}

async function syncOne(ctx: TaskContext<PublishTaskInput>, row: Row, target: PublishTarget, save: Save): Promise<void> {
  const { tenant } = ctx;
  const p = row.p;
  const state = await withOneRetry(() => target.status(p.externalId!));
  if (!state) return save(async () => {}); // a webhook cannot be asked
  const now = new Date();
  const status =
    state.remoteStatus === 'publish' ? 'published' : state.remoteStatus === 'future' ? 'scheduled' : 'not_published';
  await save((tx) =>
    repo.updatePublication(tx, tenant, p.id, {
      status,
      remoteStatus: state.remoteStatus,
      ...(state.url ? { externalUrl: state.url } : {}),
      ...(status === 'scheduled' && state.date ? { scheduledAt: state.date } : {}),
      ...(status !== 'scheduled' ? { scheduledAt: null } : {}),
      ...(status === 'published' && !p.publishedAt ? { publishedAt: now } : {}),
      syncedAt: now,
    }),
  );
}

function errorOf(e: unknown): { code: string; message: string } {
  if (e instanceof DestinationError) return { code: e.code, message: e.message };
  return { code: 'publish_failed', message: e instanceof Error ? e.message.slice(0, 500) : String(e) };
}
