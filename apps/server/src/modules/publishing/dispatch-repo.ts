import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { publications } from '../../db/schema/index';

/**
 * The dispatcher's reads and writes. It runs for no request and no tenant (a pg-boss schedule), so
 * these span accounts; each due row carries its account, site and requesting member, and the
 * publish task built from them is scoped like any other.
 */

export interface DueRow {
  id: string;
  accountId: string;
  siteId: string;
  requestedBy: string | null;
}

/** Scheduled publications whose time has come, oldest first. */
export async function dueRows(db: Db, now: Date, limit = 500): Promise<DueRow[]> {
  return db
    .select({
      id: publications.id,
      accountId: publications.accountId,
      siteId: publications.siteId,
      requestedBy: publications.requestedBy,
    })
    .from(publications)
    .where(and(eq(publications.status, 'scheduled'), sql`${publications.scheduledAt} <= ${now.toISOString()}`))
    .orderBy(publications.scheduledAt)
    .limit(limit);
}

/**
 * Moves these rows from `scheduled` to `publishing` if they still are scheduled and due; answers
 * the ids moved. A row another dispatcher took meanwhile matches no more, so it is claimed once.
 */
export async function claimDue(db: Db, ids: string[], now: Date): Promise<string[]> {
  const rows = await db
    .update(publications)
    .set({ status: 'publishing', updatedAt: now })
    .where(
      and(
        inArray(publications.id, ids),
        eq(publications.status, 'scheduled'),
        sql`${publications.scheduledAt} <= ${now.toISOString()}`,
      ),
    )
    .returning({ id: publications.id });
  return rows.map((r) => r.id);
}

/** Due rows that cannot be published (the member who scheduled them may no longer publish). */
export async function failDue(db: Db, ids: string[], error: { code: string; message: string }): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(publications)
    .set({ status: 'failed', lastError: error, updatedAt: new Date() })
    .where(and(inArray(publications.id, ids), eq(publications.status, 'scheduled')));
}
