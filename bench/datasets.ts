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
/** The labelled SEO dev set kept in this repo (bench/seo-dev/README.md). */
const SEO_DIR = fileURLToPath(new URL('./seo-dev/', import.meta.url));

/** Dev-set lists, one niche each; `seo-en-all` is the five English ones as one list. */
const SEO_LISTS = {
  'seo-gardening': ['gardening-en'],
  'seo-coffee': ['coffee-en'],
  'seo-running': ['running-en'],
  'seo-finance': ['finance-en'],
  'seo-pets': ['pets-en'],
  'seo-garten-de': ['garten-de'],
  'seo-en-all': ['gardening-en', 'coffee-en', 'running-en', 'finance-en', 'pets-en'],
} as const;

export const DATASETS = [
  'wands',
  'clinc150',
  ...(Object.keys(SEO_LISTS) as (keyof typeof SEO_LISTS)[]),
  'synthetic-10k',
  'synthetic-100k',
] as const;
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
    default:
      // Labels are prefixed with the list so equal topic names in two niches stay apart.
      return SEO_LISTS[name].flatMap((file) =>
        readLabelledCsv(`${SEO_DIR}${file}.csv`).map((k) => ({
          ...k,
          id: `${file}:${k.id}`,
          label: `${file}:${k.label}`,
        })),
      );
  }
}

/** The language the engine is told for a data set (the site's language in the product). */
export function languageOf(name: DatasetName): string {
  return name.endsWith('-de') ? 'de' : 'en';
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
