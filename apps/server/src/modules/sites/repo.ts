import type { Site } from '@igny8/contracts';
import { and, asc, count, eq, isNotNull, isNull } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { sites } from '../../db/schema/index';
import { notFound } from '../../http/errors';
import { isUuid } from '../../db/query';
import { insertSectors } from '../sectors/repo';

export type SiteRow = typeof sites.$inferSelect;

export function toSite(r: SiteRow): Site {
  return {
    id: r.id,
    accountId: r.accountId,
    name: r.name,
    url: r.url,
    language: r.language,
    niche: r.niche,
    brandVoiceId: r.brandVoiceId,
    archived: r.archivedAt !== null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The site, if it belongs to the tenant's account; otherwise 404, as if it did not exist. */
export async function requireSite(db: Db, t: TenantContext, siteId: string): Promise<SiteRow> {
  if (!isUuid(siteId)) throw notFound('Site');
  const [s] = await db
    .select()
    .from(sites)
    .where(and(eq(sites.accountId, t.accountId), eq(sites.id, siteId)));
  if (!s) throw notFound('Site');
  return s;
}

export async function listSites(db: Db, t: TenantContext, q: { archived?: boolean; limit: number; offset: number }) {
  const where = and(
    eq(sites.accountId, t.accountId),
    q.archived === undefined ? undefined : q.archived ? isNotNull(sites.archivedAt) : isNull(sites.archivedAt),
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(sites).where(where).orderBy(asc(sites.name)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(sites).where(where),
  ]);
  return { items: rows.map(toSite), total: total?.n ?? 0 };
}

/** How many sites the account has, archived ones included. */
export async function countSites(db: Db, t: TenantContext): Promise<number> {
  const [r] = await db.select({ n: count() }).from(sites).where(eq(sites.accountId, t.accountId));
  return r?.n ?? 0;
}

/** A new site with its first sectors ("General" unless named): every site has at least one. Run it in a transaction. */
export async function createSite(
  db: Db,
  t: TenantContext,
  v: { name: string; url: string; language: string; niche?: string | null; sectors?: string[] },
) {
  const [s] = await db
    .insert(sites)
    .values({ accountId: t.accountId, name: v.name, url: v.url, language: v.language, niche: v.niche ?? null })
    .returning();
  await insertSectors(db, t, s!.id, v.sectors);
  return s!;
}

export async function updateSite(
  db: Db,
  t: TenantContext,
  siteId: string,
  v: { name?: string; url?: string; language?: string; niche?: string | null; archived?: boolean },
) {
  const { archived, ...rest } = v;
  const [s] = await db
    .update(sites)
    .set({ ...rest, ...(archived === undefined ? {} : { archivedAt: archived ? new Date() : null }) })
    .where(and(eq(sites.accountId, t.accountId), eq(sites.id, siteId)))
    .returning();
  return s!;
}
