import { and, asc, count, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { TenantContext } from '../access/context';
import type { Db } from './client';

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs: anything that is not a UUID cannot exist, and must not reach a uuid column. */
export function isUuid(id: string): boolean {
  return uuidRe.test(id);
}

/** Case-insensitive "contains" search where the user's `%` and `_` are literal characters. */
export function contains(column: AnyPgColumn, text: string): SQL {
  return ilike(column, `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** Rows of one site of the caller's account: tenant and site scope in one condition. */
export function inSite(table: { accountId: AnyPgColumn; siteId: AnyPgColumn }, t: TenantContext, siteId: string): SQL {
  return and(eq(table.accountId, t.accountId), eq(table.siteId, siteId))!;
}

/** Up to this many matching rows a list's total is counted exactly; beyond, it is the planner's estimate. */
export const EXACT_COUNT_LIMIT = 1_000;

export interface ListTotal {
  total: number;
  /** true: more than EXACT_COUNT_LIMIT rows match and `total` is the planner's estimate (the UI says "about") */
  totalEstimated: boolean;
}

/**
 * The total of a list without counting every row: an exact count that stops after EXACT_COUNT_LIMIT + 1
 * rows; beyond that the planner's estimate of the rows `where` matches when it is large (over ten times the
 * limit), else an exact count.
 */
export async function countOrEstimate(db: Db, table: PgTable, where: SQL | undefined): Promise<ListTotal> {
  // A new builder each time: drizzle's builders change in place (`.limit()` would stick).
  const matching = () =>
    db
      .select({ one: sql`1`.as('one') })
      .from(table)
      .where(where);
  const [counted] = await db.select({ n: count() }).from(
    matching()
      .limit(EXACT_COUNT_LIMIT + 1)
      .as('bounded'),
  );
  const n = counted?.n ?? 0;
  if (n <= EXACT_COUNT_LIMIT) return { total: n, totalEstimated: false };
  const plan = (await db.execute(sql`explain (format json) ${matching()}`)) as unknown as {
    rows: Record<string, unknown>[];
  };
  const raw = Object.values(plan.rows[0] ?? {})[0];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[];
  const estimate = Math.round(parsed[0]?.Plan?.['Plan Rows'] ?? 0);
  // A small estimate for a list that has more rows than counted means stale statistics (a table never
  // analysed): then count, which the planner expects to be cheap; the answer stays exact.
  if (estimate < 10 * EXACT_COUNT_LIMIT) {
    const [all] = await db.select({ n: count() }).from(matching().as('all_rows'));
    return { total: all?.n ?? n, totalEstimated: false };
  }
  return { total: estimate, totalEstimated: true };
}

/**
 * ORDER BY a list's sort column, NULLs last either way, then the id: rows that tie keep one order,
 * so paging neither repeats nor skips them.
 */
export function sortedBy(column: AnyPgColumn | SQL, order: 'asc' | 'desc', id: AnyPgColumn): SQL[] {
  // A column that cannot be empty sorts plainly, so one (site_id, column, id) index serves both directions.
  if ('notNull' in column && column.notNull)
    return [order === 'asc' ? sql`${column} asc` : sql`${column} desc`, asc(id)];
  return [order === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls last`, asc(id)];
}
