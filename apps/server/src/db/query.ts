import { ilike, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs: anything that is not a UUID cannot exist, and must not reach a uuid column. */
export function isUuid(id: string): boolean {
  return uuidRe.test(id);
}

/** Case-insensitive "contains" search where the user's `%` and `_` are literal characters. */
export function contains(column: AnyPgColumn, text: string): SQL {
  return ilike(column, `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
