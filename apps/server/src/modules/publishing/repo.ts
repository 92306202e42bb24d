import type { Destination, Publication, PublishingSettings } from '@igny8/contracts';
import { and, asc, eq, gte, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { inSite, isUuid } from '../../db/query';
import {
  clusters,
  contents,
  publications,
  publishingDestinations,
  sitePublishingSettings,
  writerTasks,
} from '../../db/schema/index';
import { notFound } from '../../http/errors';

export type DestinationRow = typeof publishingDestinations.$inferSelect;
export type PublicationRow = typeof publications.$inferSelect;
export type PublicationPatch = Partial<
  Omit<typeof publications.$inferInsert, 'id' | 'accountId' | 'siteId' | 'contentId' | 'destinationId'>
>;

// ── Destinations ──────────────────────────────────────────────────────────────────────────────

export function toDestination(r: DestinationRow): Destination {
  return {
    id: r.id,
    siteId: r.siteId,
    kind: r.kind,
    name: r.name,
    url: r.url,
    username: r.username,
    secretMask: r.secretMask,
    options: r.options,
    enabled: r.enabled,
    lastTest: r.lastTest ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listDestinations(db: Db, t: TenantContext, siteId: string): Promise<DestinationRow[]> {
  return db
    .select()
    .from(publishingDestinations)
    .where(inSite(publishingDestinations, t, siteId))
    .orderBy(asc(publishingDestinations.createdAt));
}

export async function requireDestination(
  db: Db,
  t: TenantContext,
  siteId: string,
  id: string,
): Promise<DestinationRow> {
  if (!isUuid(id)) throw notFound('Destination');
  const [r] = await db
    .select()
    .from(publishingDestinations)
    .where(and(inSite(publishingDestinations, t, siteId), eq(publishingDestinations.id, id)));
  if (!r) throw notFound('Destination');
  return r;
}

export async function insertDestination(
  db: Db,
  t: TenantContext,
  siteId: string,
  v: Omit<typeof publishingDestinations.$inferInsert, 'id' | 'accountId' | 'siteId'>,
): Promise<DestinationRow> {
  const [r] = await db
    .insert(publishingDestinations)
    .values({ ...v, accountId: t.accountId, siteId })
    .returning();
  return r!;
}

export async function updateDestination(
  db: Db,
  t: TenantContext,
  siteId: string,
  id: string,
  set: Partial<Omit<typeof publishingDestinations.$inferInsert, 'id' | 'accountId' | 'siteId'>>,
): Promise<DestinationRow> {
  const [r] = await db
    .update(publishingDestinations)
    .set({ ...set, updatedAt: new Date() })
    .where(and(inSite(publishingDestinations, t, siteId), eq(publishingDestinations.id, id)))
    .returning();
  if (!r) throw notFound('Destination');
  return r;
}

export async function deleteDestination(db: Db, t: TenantContext, siteId: string, id: string): Promise<void> {
  await db
    .delete(publishingDestinations)
    .where(and(inSite(publishingDestinations, t, siteId), eq(publishingDestinations.id, id)));
}

// ── Settings ──────────────────────────────────────────────────────────────────────────────────

export const defaultPublishingSettings: PublishingSettings = {
  editorsCanPublish: false,
  scheduleMode: 'immediate',
  slotDays: [],
  slotTimes: [],
  staggerHours: 24,
  dailyCap: null,
  timezone: 'UTC',
};

export async function getSettings(db: Db, t: TenantContext, siteId: string): Promise<PublishingSettings> {
  const [r] = await db
    .select()
    .from(sitePublishingSettings)
    .where(and(eq(sitePublishingSettings.accountId, t.accountId), eq(sitePublishingSettings.siteId, siteId)));
  if (!r) return defaultPublishingSettings;
  const { editorsCanPublish, scheduleMode, slotDays, slotTimes, staggerHours, dailyCap, timezone } = r;
  return { editorsCanPublish, scheduleMode, slotDays, slotTimes, staggerHours, dailyCap, timezone };
}

export async function saveSettings(db: Db, t: TenantContext, siteId: string, s: PublishingSettings): Promise<void> {
  await db
    .insert(sitePublishingSettings)
    .values({ ...s, siteId, accountId: t.accountId })
    .onConflictDoUpdate({ target: sitePublishingSettings.siteId, set: { ...s, updatedAt: new Date() } });
}

// ── Publications ──────────────────────────────────────────────────────────────────────────────

const publicationSelect = (db: Db) =>
  db
    .select({
      p: publications,
      destinationName: publishingDestinations.name,
      destinationKind: publishingDestinations.kind,
    })
    .from(publications)
    .innerJoin(publishingDestinations, eq(publishingDestinations.id, publications.destinationId));

type PublicationJoin = { p: PublicationRow; destinationName: string; destinationKind: Destination['kind'] };

export function toPublication({ p, destinationName, destinationKind }: PublicationJoin): Publication {
  return {
    id: p.id,
    contentId: p.contentId,
    destinationId: p.destinationId,
    destinationName,
    destinationKind,
    status: p.status,
    scheduledAt: p.scheduledAt?.toISOString() ?? null,
    externalId: p.externalId,
    externalUrl: p.externalUrl,
    remoteStatus: p.remoteStatus,
    lastError: p.lastError ?? null,
    warnings: p.warnings,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    syncedAt: p.syncedAt?.toISOString() ?? null,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function listPublications(
  db: Db,
  t: TenantContext,
  siteId: string,
  q: { contentIds?: string[]; ids?: string[] } = {},
): Promise<Publication[]> {
  const rows = await publicationSelect(db)
    .where(
      and(
        inSite(publications, t, siteId),
        q.contentIds ? inArray(publications.contentId, q.contentIds) : undefined,
        q.ids ? inArray(publications.id, q.ids) : undefined,
      ),
    )
    .orderBy(asc(publications.createdAt), asc(publications.id));
  return rows.map(toPublication);
}

/** The rows the task works on, each with its destination; ids of another account or site are simply absent. */
export async function publicationsForWork(db: Db, t: TenantContext, siteId: string, ids: string[]) {
  return db
    .select({ p: publications, d: publishingDestinations })
    .from(publications)
    .innerJoin(publishingDestinations, eq(publishingDestinations.id, publications.destinationId))
    .where(and(inSite(publications, t, siteId), inArray(publications.id, ids)));
}

export async function publicationRow(db: Db, t: TenantContext, id: string): Promise<PublicationRow | undefined> {
  const [r] = await db
    .select()
    .from(publications)
    .where(and(eq(publications.accountId, t.accountId), eq(publications.id, id)));
  return r;
}

/**
 * Creates or re-aims the row of each (article, destination) pair. A pair keeps its row, and so its
 * external id: publishing again updates the post it became. Answers the rows in the order given.
 */
export async function upsertPublications(
  db: Db,
  t: TenantContext,
  siteId: string,
  rows: {
    id: string;
    contentId: string;
    destinationId: string;
    status: PublicationRow['status'];
    scheduledAt: Date | null;
  }[],
): Promise<PublicationRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(publications)
    .values(rows.map((r) => ({ ...r, accountId: t.accountId, siteId, requestedBy: t.userId || null })))
    .onConflictDoUpdate({
      target: [publications.contentId, publications.destinationId],
      set: {
        status: sql`excluded.status`,
        scheduledAt: sql`excluded.scheduled_at`,
        requestedBy: sql`excluded.requested_by`,
        lastError: null,
        updatedAt: new Date(),
      },
    })
    .returning()
    .then((saved) =>
      rows.map((r) => saved.find((s) => s.contentId === r.contentId && s.destinationId === r.destinationId)!),
    );
}

export async function updatePublication(db: Db, t: TenantContext, id: string, set: PublicationPatch): Promise<void> {
  await db
    .update(publications)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(publications.accountId, t.accountId), eq(publications.id, id)));
}

/** Records one uploaded media item at once, so a retry after a crash does not upload it again. */
export async function addPublicationMedia(
  db: Db,
  t: TenantContext,
  id: string,
  key: string,
  media: { id: number; url: string },
): Promise<void> {
  await db
    .update(publications)
    .set({ media: sql`${publications.media} || ${JSON.stringify({ [key]: media })}::jsonb` })
    .where(and(eq(publications.accountId, t.accountId), eq(publications.id, id)));
}

/** Publications of these articles (optionally only at these destinations). */
export async function publicationRowsOf(
  db: Db,
  t: TenantContext,
  siteId: string,
  contentIds: string[],
  destinationIds?: string[],
): Promise<PublicationRow[]> {
  return db
    .select()
    .from(publications)
    .where(
      and(
        inSite(publications, t, siteId),
        inArray(publications.contentId, contentIds),
        destinationIds ? inArray(publications.destinationId, destinationIds) : undefined,
      ),
    );
}

/** Every publication with a post to look at (for a status sync), optionally of some articles. */
export async function syncablePublications(
  db: Db,
  t: TenantContext,
  siteId: string,
  contentIds?: string[],
): Promise<PublicationRow[]> {
  return db
    .select()
    .from(publications)
    .where(
      and(
        inSite(publications, t, siteId),
        isNotNull(publications.externalId),
        contentIds ? inArray(publications.contentId, contentIds) : undefined,
      ),
    );
}

/**
 * Times already taken on the site's schedule, one per article: scheduled times, and publish times
 * since `since` (for the daily cap and the stagger).
 */
export async function takenTimes(
  db: Db,
  t: TenantContext,
  siteId: string,
  since: Date,
  exceptContentIds: string[] = [],
): Promise<Date[]> {
  const rows = await db
    .select({
      contentId: publications.contentId,
      at: sql<Date>`min(coalesce(${publications.scheduledAt}, ${publications.publishedAt}))`.mapWith(
        (v: string | Date) => new Date(v),
      ),
    })
    .from(publications)
    .where(
      and(
        inSite(publications, t, siteId),
        or(
          and(inArray(publications.status, ['scheduled', 'publishing']), isNotNull(publications.scheduledAt)),
          and(eq(publications.status, 'published'), gte(publications.publishedAt, since)),
        ),
        exceptContentIds.length
          ? sql`${publications.contentId} not in (${sql.join(
              exceptContentIds.map((id) => sql`${id}`),
              sql`, `,
            )})`
          : undefined,
      ),
    )
    .groupBy(publications.contentId);
  return rows.map((r) => r.at);
}

/** Publications on the calendar between `from` and `to`, with their articles' titles and states. */
export async function calendarRows(db: Db, t: TenantContext, siteId: string, from: Date, to: Date) {
  const at = sql`coalesce(${publications.scheduledAt}, ${publications.publishedAt}, ${publications.updatedAt})`;
  const rows = await db
    .select({
      p: publications,
      destinationName: publishingDestinations.name,
      destinationKind: publishingDestinations.kind,
      title: contents.title,
      contentStatus: contents.status,
    })
    .from(publications)
    .innerJoin(publishingDestinations, eq(publishingDestinations.id, publications.destinationId))
    .innerJoin(contents, eq(contents.id, publications.contentId))
    .where(
      and(
        inSite(publications, t, siteId),
        sql`${at} >= ${from.toISOString()}`,
        lt(at, to),
        sql`${publications.status} <> 'not_published'`,
      ),
    )
    .orderBy(asc(at));
  return rows;
}

/** The article's cluster name (its tag at the destination), if it came from a cluster. */
export async function clusterNameOf(db: Db, t: TenantContext, contentId: string): Promise<string | undefined> {
  const [r] = await db
    .select({ name: clusters.name })
    .from(contents)
    .innerJoin(writerTasks, eq(writerTasks.id, contents.writerTaskId))
    .innerJoin(clusters, eq(clusters.id, writerTasks.clusterId))
    .where(and(eq(contents.accountId, t.accountId), eq(contents.id, contentId)));
  return r?.name;
}

/** Moves articles along the workflow (publishing sets `published`; unpublishing every destination, `approved`). */
export async function setContentStatus(
  db: Db,
  t: TenantContext,
  siteId: string,
  ids: string[],
  status: 'draft' | 'review' | 'approved' | 'published',
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(contents)
    .set({ status, updatedAt: new Date() })
    .where(and(inSite(contents, t, siteId), inArray(contents.id, ids)));
}

/** Articles of `ids` that no destination still shows (after an unpublish): they go back to approved. */
export async function contentsWithoutLivePost(
  db: Db,
  t: TenantContext,
  siteId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const live = await db
    .select({ id: publications.contentId })
    .from(publications)
    .where(
      and(inSite(publications, t, siteId), inArray(publications.contentId, ids), eq(publications.status, 'published')),
    );
  const liveIds = new Set(live.map((r) => r.id));
  return ids.filter((id) => !liveIds.has(id));
}
