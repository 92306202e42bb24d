import { importFields, intents, keywordInputSchema, normalizePhrase, type ImportField, type ImportRowError, type Intent, type KeywordInput } from '@igny8/contracts';
import { parse } from 'csv-parse/sync';

/** Column names SEO tools use (Semrush, Ahrefs, Google Keyword Planner, Moz…), normalised. */
const aliases: Record<ImportField, string[]> = {
  phrase: ['keyword', 'keywords', 'query', 'search term', 'search query', 'phrase', 'keyword phrase', 'term', 'top queries'],
  volume: ['search volume', 'volume', 'avg monthly searches', 'avg. monthly searches', 'monthly searches', 'sv', 'search vol', 'global volume', 'monthly volume'],
  difficulty: ['kd', 'kd%', 'kd %', 'keyword difficulty', 'difficulty', 'seo difficulty', 'keyword difficulty index'],
  cpc: ['cpc', 'cpc (usd)', 'cpc usd', 'cost per click', 'avg cpc', 'avg. cpc'],
  intent: ['intent', 'search intent', 'keyword intents', 'intents'],
};

const norm = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');

function fieldFor(header: string): ImportField | null {
  const h = norm(header);
  for (const f of importFields) if (aliases[f].includes(h)) return f;
  return null;
}

/** The delimiter that splits the first line into the most columns (quotes respected). */
function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    let n = 0;
    let quoted = false;
    for (const c of firstLine) {
      if (c === '"') quoted = !quoted;
      else if (c === d && !quoted) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function parseNumber(raw: string): number | null | 'invalid' {
  const s = raw.trim().replace(/[$€£%\s]/g, '');
  if (s === '' || s === '-' || s.toLowerCase() === 'n/a') return null;
  // "1,200" (thousands) vs "1,5" (decimal comma)
  const cleaned = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : 'invalid';
}

function parseIntent(raw: string): Intent | null | 'invalid' {
  const s = raw.trim().toLowerCase();
  if (!s) return null;
  const first = s.split(/[,/;|]/)[0]!.trim();
  const short: Record<string, Intent> = { i: 'informational', c: 'commercial', t: 'transactional', n: 'navigational' };
  if (short[first]) return short[first]!;
  return (intents as readonly string[]).includes(first) ? (first as Intent) : 'invalid';
}

export interface ParsedCsv {
  delimiter: string;
  headers: string[];
  mapping: Record<string, ImportField | null>;
  rows: (KeywordInput & { line: number })[];
  totalRows: number;
  duplicateRows: number;
  errors: ImportRowError[];
}

export class CsvError extends Error {}

/**
 * Parses a keyword CSV: BOM, `,`/`;`/tab separators, quoted fields, header
 * detection (or a header-less first column of phrases), duplicates merged
 * (first occurrence wins, empty fields filled from later ones), every bad row
 * reported with its line number.
 */
export function parseKeywordCsv(text: string): ParsedCsv {
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    throw new CsvError(`The file is not valid CSV: ${(e as Error).message}`);
  }
  records = records.filter((r) => r.record.some((c) => c !== ''));
  if (records.length === 0) throw new CsvError('The file has no rows');

  const first = records[0]!.record;
  const mapped = first.map(fieldFor);
  const hasHeader = mapped.includes('phrase');
  const headers = hasHeader ? first : first.map((_, i) => (i === 0 ? 'Keyword' : `Column ${i + 1}`));
  const columns: (ImportField | null)[] = hasHeader ? mapped : first.map((_, i) => (i === 0 ? 'phrase' : null));
  const mapping = Object.fromEntries(headers.map((h, i) => [h, columns[i] ?? null]));
  const data = hasHeader ? records.slice(1) : records;

  const errors: ImportRowError[] = [];
  const byPhrase = new Map<string, KeywordInput & { line: number }>();
  let duplicateRows = 0;
  for (const { record, info } of data) {
    const line = info.lines;
    const row: Record<string, unknown> = {};
    let bad = false;
    columns.forEach((field, i) => {
      if (!field) return;
      const raw = record[i] ?? '';
      if (field === 'phrase') row.phrase = raw;
      else if (field === 'intent') {
        const v = parseIntent(raw);
        if (v === 'invalid') {
          errors.push({ line, field, message: `intent "${raw}" is not one of ${intents.join(', ')}` });
          bad = true;
        } else row.intent = v;
      } else {
        const v = parseNumber(raw);
        if (v === 'invalid') {
          errors.push({ line, field, message: `${field} "${raw}" is not a number` });
          bad = true;
        } else row[field] = field === 'volume' && v !== null ? Math.round(v) : v;
      }
    });
    if (bad) continue;
    const checked = keywordInputSchema.safeParse(row);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        errors.push({ line, field: String(issue.path[0] ?? ''), message: `${String(issue.path[0] ?? 'row')} ${issue.message}` });
      }
      continue;
    }
    const key = normalizePhrase(checked.data.phrase);
    const existing = byPhrase.get(key);
    if (existing) {
      duplicateRows++;
      for (const f of ['volume', 'difficulty', 'cpc', 'intent'] as const) {
        if (existing[f] == null && checked.data[f] != null) (existing as Record<string, unknown>)[f] = checked.data[f];
      }
    } else byPhrase.set(key, { ...checked.data, line });
  }
  return { delimiter, headers, mapping, rows: [...byPhrase.values()], totalRows: data.length, duplicateRows, errors };
}
