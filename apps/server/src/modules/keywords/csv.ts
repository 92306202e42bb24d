import { importFields, intents, keywordInputSchema, type ImportField, type ImportRowError, type Intent, type KeywordInput } from '@igny8/contracts';
import { once } from 'node:events';
import { CsvError as CsvParseError, parse } from 'csv-parse';

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

/** How a file's columns map to keyword fields, from its first non-empty record. */
export interface CsvLayout {
  delimiter: string;
  headers: string[];
  mapping: Record<string, ImportField | null>;
}

/** One data row: a keyword, or the reasons it is refused (each with the row's line). */
export type CsvRow = { line: number; keyword: KeywordInput; errors?: undefined } | { line: number; keyword?: undefined; errors: ImportRowError[] };

export class CsvError extends Error {}

/** Enough of the file's start to find the first line (a header longer than this is not a keyword export). */
const DETECT_BYTES = 64 * 1024;
const MAX_RECORD_BYTES = 64 * 1024;

type Chunk = Buffer | string;
const asBuffer = (c: Chunk) => (typeof c === 'string' ? Buffer.from(c) : c);

/** Non-empty CSV records with the line each ends on, parsed as the bytes arrive (csv-parse's stream API, with backpressure). */
async function* csvRecords(source: AsyncIterable<Chunk>, onDelimiter: (d: string) => void): AsyncGenerator<{ record: string[]; line: number }> {
  const it = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < DETECT_BYTES && !head.some((b) => b.includes(10))) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    const b = asBuffer(next.value);
    head.push(b);
    headBytes += b.length;
  }
  const delimiter = detectDelimiter(Buffer.concat(head).toString('utf8'));
  onDelimiter(delimiter);
  // A record is a keyword row: one far longer (an unclosed quote swallowing the file, a giant cell) is refused, not buffered.
  const parser = parse({ bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, info: true, trim: true, max_record_size: MAX_RECORD_BYTES });
  const abort = new AbortController();
  const write = async (b: Buffer) => {
    if (!parser.write(b)) await once(parser, 'drain', { signal: abort.signal });
  };
  const feeding = (async () => {
    for (const b of head) await write(b);
    if (!ended) for (let next = await it.next(); !next.done; next = await it.next()) await write(asBuffer(next.value));
    parser.end();
  })().catch((e: unknown) => {
    if (!abort.signal.aborted) parser.destroy(e as Error);
  });
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (r.record.some((c) => c !== '')) yield { record: r.record, line: r.info.lines };
    }
  } catch (e) {
    if (e instanceof CsvParseError) throw new CsvError(`The file is not valid CSV: ${e.message}`);
    throw e;
  } finally {
    // Not awaiting the feeder: it may wait on a source that only ends when the caller drops it.
    abort.abort();
    parser.destroy();
    void feeding;
  }
}

/** Checks one record against the column layout. */
function toRow(record: string[], line: number, columns: (ImportField | null)[]): CsvRow {
  const errors: ImportRowError[] = [];
  const row: Record<string, unknown> = {};
  columns.forEach((field, i) => {
    if (!field) return;
    const raw = record[i] ?? '';
    // PostgreSQL text cannot hold 0x00: refuse the row here rather than fail the write.
    if (raw.includes('\u0000')) errors.push({ line, field, message: `${field} contains a NUL byte (0x00)` });
    else if (field === 'phrase') row.phrase = raw;
    else if (field === 'intent') {
      const v = parseIntent(raw);
      if (v === 'invalid') errors.push({ line, field, message: `intent "${raw}" is not one of ${intents.join(', ')}` });
      else row.intent = v;
    } else {
      const v = parseNumber(raw);
      if (v === 'invalid') errors.push({ line, field, message: `${field} "${raw}" is not a number` });
      else row[field] = field === 'volume' && v !== null ? Math.round(v) : v;
    }
  });
  if (errors.length > 0) return { line, errors };
  const checked = keywordInputSchema.safeParse(row);
  if (!checked.success) {
    return {
      line,
      errors: checked.error.issues.map((issue) => ({ line, field: String(issue.path[0] ?? ''), message: `${String(issue.path[0] ?? 'row')} ${issue.message}` })),
    };
  }
  return { line, keyword: checked.data };
}

/**
 * Opens a keyword CSV as a stream: BOM, `,`/`;`/tab/`|` separators, quoted fields,
 * header detection from SEO-tool column names (or a header-less first column of
 * phrases). Resolves once the layout is known; `rows` then yields every data row,
 * checked, with its line number, reading the source only as fast as rows are taken.
 * Malformed CSV → CsvError (from `open` or while iterating).
 */
export async function openKeywordCsv(source: AsyncIterable<Chunk>): Promise<{ layout: CsvLayout; rows: AsyncGenerator<CsvRow> }> {
  let delimiter = ',';
  const records = csvRecords(source, (d) => (delimiter = d));
  const first = await records.next();
  if (first.done) throw new CsvError('The file has no rows');
  const firstRecord = first.value.record;
  const mapped = firstRecord.map(fieldFor);
  const hasHeader = mapped.includes('phrase');
  const headers = hasHeader ? firstRecord : firstRecord.map((_, i) => (i === 0 ? 'Keyword' : `Column ${i + 1}`));
  const columns: (ImportField | null)[] = hasHeader ? mapped : firstRecord.map((_, i) => (i === 0 ? 'phrase' : null));
  const layout: CsvLayout = { delimiter, headers, mapping: Object.fromEntries(headers.map((h, i) => [h, columns[i] ?? null])) };
  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      if (!hasHeader) yield toRow(first.value!.record, first.value!.line, columns);
      for await (const { record, line } of records) yield toRow(record, line, columns);
    } finally {
      await records.return(undefined);
    }
  }
  return { layout, rows: rows() };
}
