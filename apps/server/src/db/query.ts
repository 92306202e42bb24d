import { and, asc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { TenantContext } from '../access/context';

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

/**
 * ORDER BY a list's sort column, NULLs last either way, then the id: rows that tie keep one order,
 * so paging neither repeats nor skips them.
 */
export function sortedBy(column: AnyPgColumn | SQL, order: 'asc' | 'desc', id: AnyPgColumn): SQL[] {
  return [order === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls last`, asc(id)];
}
