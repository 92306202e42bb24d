/** Labelled benchmark data: the shared CSVs and the synthetic SEO generator. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { syntheticKeywords } from './synthetic';

export interface LabelledKeyword {
  id: string;
  phrase: string;
  volume: number | null;
  label: string;
}

/** The repo's sibling `shared/` folder (present beside the clone locally and in CI). */
const DATA_DIR = fileURLToPath(new URL('../../shared/data/clustering/', import.meta.url));

export const DATASETS = ['wands', 'clinc150', 'synthetic-10k', 'synthetic-100k'] as const;
export type DatasetName = (typeof DATASETS)[number];

export function loadDataset(name: DatasetName): LabelledKeyword[] {
  switch (name) {
    case 'wands':
      return readLabelledCsv(`${DATA_DIR}wands_queries.csv`);
    case 'clinc150':
      return readLabelledCsv(`${DATA_DIR}clinc150_test.csv`);
    case 'synthetic-10k':
      return syntheticKeywords(10_000, 42);
    case 'synthetic-100k':
      return syntheticKeywords(100_000, 42);
  }
}

/** CSV with header `text,label`; RFC 4180 quoting ("" inside quoted fields). */
export function readLabelledCsv(path: string): LabelledKeyword[] {
  const rows = parseCsv(readFileSync(path, 'utf8'));
  const header = rows.shift() ?? [];
  const ti = header.indexOf('text');
  const li = header.indexOf('label');
  if (ti < 0 || li < 0) throw new Error(`${path}: expected columns text,label`);
  return rows
    .filter((r) => r.length > Math.max(ti, li))
    .map((r, i) => ({ id: `k${i}`, phrase: r[ti]!, volume: null, label: r[li]! }));
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
