import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { publications } from '../../db/schema/index';

/**
 * The dispatcher's reads and writes. It runs for no request and no tenant (a pg-boss schedule), so
 * these span accounts; each claimed row carries its account, site and requesting member, and the
 * publish task built from them is scoped like any other.
 */

export interface DueRow {
  id: string;
  accountId: string;
  siteId: string;
  requestedBy: string | null;
}

/**
 * Scheduled publications whose time has come, moved to `publishing` in one statement. Rows another
 * dispatcher holds are skipped (SKIP LOCKED), and a row no longer `scheduled` matches no more: each
 * is claimed once, however many workers dispatch at the same moment.
 */
export async function claimDue(db: Db, now: Date, limit = 500): Promise<DueRow[]> {
  const due = db
    .select({ id: publications.id })
    .from(publications)
    .where(and(eq(publications.status, 'scheduled'), sql`${publications.scheduledAt} <= ${now.toISOString()}`))
    .orderBy(publications.scheduledAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(publications)
    .set({ status: 'publishing', updatedAt: now })
    .where(inArray(publications.id, due))
    .returning({ id: publications.id, accountId: publications.accountId, siteId: publications.siteId, requestedBy: publications.requestedBy });
}

/** Claimed rows that cannot be published (the member who scheduled them may no longer publish). */
export async function failClaimed(db: Db, ids: string[], error: { code: string; message: string }): Promise<void> {
  if (ids.length === 0) return;
  await db.update(publications).set({ status: 'failed', lastError: error, updatedAt: new Date() }).where(inArray(publications.id, ids));
}
