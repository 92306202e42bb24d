/** Reading list state (filters, sort, page) from URL search params, tolerant of hand-edited URLs. */

export function readString(params: URLSearchParams, key: string): string {
  return params.get(key)?.trim() ?? '';
}

export function readEnum<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T | null {
  const v = params.get(key);
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

/** A non-negative number, or null when absent or not a number. */
export function readNumber(params: URLSearchParams, key: string): number | null {
  const raw = params.get(key);
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** A number kept within what the API accepts (e.g. whole volumes up to 1e9), so a hand-edited URL never asks for a 400. */
export function readBounded(params: URLSearchParams, key: string, max: number, whole = false): number | null {
  const n = readNumber(params, key);
  if (n === null) return null;
  return Math.min(max, whole ? Math.round(n) : n);
}

export function readInt(params: URLSearchParams, key: string, fallback: number, min: number, max: number): number {
  const n = readNumber(params, key);
  return n === null || !Number.isInteger(n) ? fallback : Math.min(max, Math.max(min, n));
}

/** Writes only the values that differ from their defaults, so a plain list has a plain URL. */
export function writeParams(
  values: Record<string, string | number | null | undefined>,
  defaults: Record<string, string | number | null> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') continue;
    if (defaults[key] !== undefined && String(defaults[key]) === String(value)) continue;
    params.set(key, String(value));
  }
  return params;
}

export const pageSizes = [25, 50, 100, 200] as const;

/** Clicking a header: a new column starts descending for numbers and ascending for text; the same column flips. */
export function nextSort<S extends string>(
  current: { sort: S; order: 'asc' | 'desc' },
  field: S,
  textFields: readonly S[] = [],
): { sort: S; order: 'asc' | 'desc' } {
  if (current.sort === field) return { sort: field, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort: field, order: textFields.includes(field) ? 'asc' : 'desc' };
}

export type SortOrder = 'asc' | 'desc';

/** A list's sort from the URL (`sort`, `order`), or its default when absent or not one of `fields`. */
export function readSort<S extends string>(
  params: URLSearchParams,
  fields: readonly S[],
  fallback: { sort: S; order: SortOrder },
): { sort: S; order: SortOrder } {
  return {
    sort: readEnum(params, 'sort', fields) ?? fallback.sort,
    order: readEnum(params, 'order', ['asc', 'desc'] as const) ?? fallback.order,
  };
}

/** A page size from the URL (`size`), one of `pageSizes`. */
export function readPageSize(params: URLSearchParams, fallback: number): number {
  const size = readInt(params, 'size', fallback, 1, 500);
  return (pageSizes as readonly number[]).includes(size) ? size : fallback;
}
