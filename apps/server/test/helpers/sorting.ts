import { expect } from 'vitest';

type Row = { id: string } & Record<string, unknown>;
type Page = { items: Row[]; total: number };

/**
 * What a server-sorted list promises for one sort field: descending is ascending reversed (NULLs
 * last both ways), numbers and dates are in order, rows with equal values come by id, and pages
 * fetched one after another hold every row exactly once.
 */
export async function expectServerSort(
  list: (query: string) => Promise<Page>,
  field: string,
  value: (row: Row) => unknown = (r) => r[field],
) {
  const asc = (await list(`sort=${field}&order=asc&limit=200`)).items;
  const desc = (await list(`sort=${field}&order=desc&limit=200`)).items;
  expect(asc.length, `${field}: rows to sort`).toBeGreaterThanOrEqual(2);
  const present = (rows: Row[]) => rows.map(value).filter((v) => v !== null && v !== undefined);
  expect(present(desc), `${field}: desc is asc reversed`).toEqual(present(asc).reverse());
  for (const rows of [asc, desc]) {
    const values = rows.map(value);
    const firstNull = values.findIndex((v) => v === null || v === undefined);
    if (firstNull >= 0)
      expect(
        values.slice(firstNull).every((v) => v === null || v === undefined),
        `${field}: NULLs last`,
      ).toBe(true);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [values[i - 1], values[i]];
      // A date reads in milliseconds but is stored in microseconds: rows of two transactions in one
      // millisecond look tied here and are not in the database. Only values shown whole are compared.
      if (a === b && !isIsoDate(a)) expect(rows[i - 1]!.id < rows[i]!.id, `${field}: ties by id`).toBe(true);
    }
  }
  const numeric = (v: unknown) => (typeof v === 'number' ? v : isIsoDate(v) ? Date.parse(v) : null);
  const nums = present(asc).map(numeric);
  if (nums.every((n) => n !== null))
    expect(nums, `${field}: ascending`).toEqual([...(nums as number[])].sort((x, y) => x - y));
  const paged: string[] = [];
  for (let offset = 0; offset < asc.length; offset += 2)
    paged.push(...(await list(`sort=${field}&order=asc&limit=2&offset=${offset}`)).items.map((r) => r.id));
  expect(paged, `${field}: stable pages`).toEqual(asc.map((r) => r.id));
}

const isIsoDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v);
