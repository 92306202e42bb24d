import { and, count, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { keywords, memberships, sites } from '../../db/schema/index';

/**
 * What an account uses of its plan's limits: sites not archived, members with a seat (active or
 * invited: a pending invitation takes its seat when sent), keywords over all sites.
 */
export async function countUsage(
  db: Db,
  accountId: string,
): Promise<{ sites: number; members: number; keywords: number }> {
  const [[s], [m], [k]] = await Promise.all([
    db
      .select({ n: count() })
      .from(sites)
      .where(and(eq(sites.accountId, accountId), isNull(sites.archivedAt))),
    db
      .select({ n: count() })
      .from(memberships)
      .where(
        and(eq(memberships.accountId, accountId), or(eq(memberships.active, true), eq(memberships.pending, true))),
      ),
    db.select({ n: count() }).from(keywords).where(eq(keywords.accountId, accountId)),
  ]);
  return { sites: s?.n ?? 0, members: m?.n ?? 0, keywords: k?.n ?? 0 };
}
