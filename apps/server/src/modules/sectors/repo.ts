import { DEFAULT_SECTOR_NAME, type Sector, type SectorCounts } from '@igny8/contracts';
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { clusters, contents, ideas, keywords, sectors, sites, writerTasks } from '../../db/schema/index';
import { inSite, isUuid } from '../../db/query';
import { notFound } from '../../http/errors';

export type SectorRow = typeof sectors.$inferSelect;

/** The tables whose rows carry a sector, by the name their count has in `SectorCounts`. */
const holders = { keywords, clusters, ideas, writerTasks, contents } as const;

function toSector(r: SectorRow, counts: SectorCounts): Sector {
  return {
    id: r.id,
    siteId: r.siteId,
    name: r.name,
    counts,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const emptyCounts = (): SectorCounts => ({ keywords: 0, clusters: 0, ideas: 0, writerTasks: 0, contents: 0 });

/** How many rows of each kind each sector of the site holds. */
async function countsBySector(db: Db, t: TenantContext, siteId: string): Promise<Map<string, SectorCounts>> {
  const out = new Map<string, SectorCounts>();
  for (const [kind, table] of Object.entries(holders) as [
    keyof SectorCounts,
    (typeof holders)[keyof typeof holders],
  ][]) {
    const rows = await db
      .select({ sectorId: table.sectorId, n: count() })
      .from(table as typeof keywords)
      .where(inSite(table, t, siteId))
      .groupBy(table.sectorId);
    for (const r of rows) {
      const c = out.get(r.sectorId) ?? emptyCounts();
      c[kind] = r.n;
      out.set(r.sectorId, c);
    }
  }
  return out;
}

/** The site's sectors, oldest first (the first is where keywords go when no sector is named). */
export async function listSectors(db: Db, t: TenantContext, siteId: string): Promise<Sector[]> {
  const [rows, counts] = await Promise.all([
    db
      .select()
      .from(sectors)
      .where(inSite(sectors, t, siteId))
      .orderBy(asc(sectors.createdAt), asc(sectors.id)),
    countsBySector(db, t, siteId),
  ]);
  return rows.map((r) => toSector(r, counts.get(r.id) ?? emptyCounts()));
}

export async function getSector(db: Db, t: TenantContext, siteId: string, id: string): Promise<Sector> {
  const row = await requireSector(db, t, siteId, id);
  return toSector(row, (await countsBySector(db, t, siteId)).get(row.id) ?? emptyCounts());
}

/** The sector, if it is one of the tenant's site's; otherwise 404. */
export async function requireSector(db: Db, t: TenantContext, siteId: string, id: string): Promise<SectorRow> {
  if (!isUuid(id)) throw notFound('Sector');
  const [s] = await db
    .select()
    .from(sectors)
    .where(and(inSite(sectors, t, siteId), eq(sectors.id, id)));
  if (!s) throw notFound('Sector');
  return s;
}

/** The named sector of the site (404 when it is not one), or the site's first sector when none is named. */
export async function sectorOrDefault(
  db: Db,
  t: TenantContext,
  siteId: string,
  id: string | undefined,
): Promise<SectorRow> {
  if (id !== undefined) return requireSector(db, t, siteId, id);
  const [s] = await db
    .select()
    .from(sectors)
    .where(inSite(sectors, t, siteId))
    .orderBy(asc(sectors.createdAt), asc(sectors.id))
    .limit(1);
  if (!s) throw notFound('Sector');
  return s;
}

/** Locks the site's row for the rest of the transaction: sector counts checked under it hold until it commits. */
export async function lockSite(db: Db, t: TenantContext, siteId: string): Promise<void> {
  await db
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.accountId, t.accountId), eq(sites.id, siteId)))
    .for('update');
}

export async function countSectors(db: Db, t: TenantContext, siteId: string): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(sectors)
    .where(inSite(sectors, t, siteId));
  return r?.n ?? 0;
}

/** Whether another sector of the site has this name (case ignored). */
export async function nameTaken(
  db: Db,
  t: TenantContext,
  siteId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const [r] = await db
    .select({ id: sectors.id })
    .from(sectors)
    .where(
      and(
        inSite(sectors, t, siteId),
        sql`lower(${sectors.name}) = lower(${name})`,
        exceptId ? ne(sectors.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return r !== undefined;
}

export async function insertSectors(
  db: Db,
  t: TenantContext,
  siteId: string,
  names: string[] = [DEFAULT_SECTOR_NAME],
): Promise<SectorRow[]> {
  const start = Date.now();
  return (
    db
      .insert(sectors)
      // One millisecond apart: the site's sectors list in the order they were named (now() is the same for the whole transaction).
      .values(names.map((name, i) => ({ accountId: t.accountId, siteId, name, createdAt: new Date(start + i) })))
      .returning()
  );
}

export async function renameSector(db: Db, t: TenantContext, siteId: string, id: string, name: string): Promise<void> {
  await db
    .update(sectors)
    .set({ name, updatedAt: new Date() })
    .where(and(inSite(sectors, t, siteId), eq(sectors.id, id)));
}

/** Moves every row of one sector of the site into another sector of the same site. */
export async function moveSectorRows(
  db: Db,
  t: TenantContext,
  siteId: string,
  fromId: string,
  toId: string,
): Promise<void> {
  for (const table of Object.values(holders)) {
    await db
      .update(table as typeof keywords)
      .set({ sectorId: toId })
      .where(and(inSite(table, t, siteId), eq(table.sectorId, fromId)));
  }
}

export async function deleteSector(db: Db, t: TenantContext, siteId: string, id: string): Promise<void> {
  await db.delete(sectors).where(and(inSite(sectors, t, siteId), eq(sectors.id, id)));
}

/** The sector of each of these clusters of the site. */
export async function sectorsOfClusters(
  db: Db,
  t: TenantContext,
  siteId: string,
  clusterIds: string[],
): Promise<Map<string, string>> {
  if (clusterIds.length === 0) return new Map();
  const rows = await db
    .select({ id: clusters.id, sectorId: clusters.sectorId })
    .from(clusters)
    .where(and(inSite(clusters, t, siteId), inArray(clusters.id, clusterIds)));
  return new Map(rows.map((r) => [r.id, r.sectorId]));
}
