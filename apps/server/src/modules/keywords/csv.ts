import {
  importFields,
  intents,
  keywordInputSchema,
  type ImportField,
  type ImportRowError,
  type Intent,
  type KeywordInput,
} from '@igny8/contracts';
import { once } from 'node:events';
import { CsvError as CsvParseError, parse } from 'csv-parse';
import { asUtf8 } from './encoding';

/**
 * Column names SEO tools use (Semrush, Ahrefs, Google Keyword Planner, Moz, Sistrix…) in English,
 * German, French, Spanish, Italian, Portuguese and Dutch, normalised (lower case, no accents, no
 * hyphens). A field's first tier wins over its second: Ahrefs' "Global volume" fills the volume
 * only when the file has no "Volume" column.
 */
const aliases: Record<ImportField, [primary: string[], fallback: string[]]> = {
  phrase: [
    [
      'keyword',
      'keywords',
      'query',
      'search term',
      'search query',
      'phrase',
      'keyword phrase',
      'term',
      'top queries',
      // de
      'suchbegriff',
      'suchbegriffe',
      'schlusselwort',
      'schlusselworter',
      'suchanfrage',
      'suchanfragen',
      // fr
      'mot cle',
      'mots cles',
      'requete',
      'requetes',
      'expression',
      // es
      'palabra clave',
      'palabras clave',
      'consulta',
      'consultas',
      'termino de busqueda',
      'terminos de busqueda',
      // it
      'parola chiave',
      'parole chiave',
      'termine di ricerca',
      'termini di ricerca',
      // pt
      'palavra chave',
      'palavras chave',
      'termo de pesquisa',
      'termos de pesquisa',
      'termo de busca',
      // nl
      'zoekwoord',
      'zoekwoorden',
      'trefwoord',
      'trefwoorden',
      'zoekterm',
      'zoektermen',
      'zoekopdracht',
    ],
    [],
  ],
  volume: [
    [
      'search volume',
      'volume',
      'avg monthly searches',
      'avg. monthly searches',
      'monthly searches',
      'sv',
      'search vol',
      'monthly volume',
      // de
      'suchvolumen',
      'monatliches suchvolumen',
      'durchschnittliche suchanfragen pro monat',
      'durchschn. suchanfragen pro monat',
      'volumen',
      // fr
      'volume de recherche',
      'volume de recherches',
      'recherches mensuelles',
      'recherches mensuelles moyennes',
      'nombre moyen de recherches mensuelles',
      'moy. des recherches mensuelles',
      // es
      'volumen de busqueda',
      'volumen de busquedas',
      'busquedas mensuales',
      'promedio de busquedas mensuales',
      'prom. de busquedas mensuales',
      // it
      'volume di ricerca',
      'ricerche mensili',
      'ricerche mensili medie',
      'media delle ricerche mensili',
      'media ricerche mensili',
      // pt
      'volume de pesquisa',
      'volume de pesquisas',
      'volume de busca',
      'pesquisas mensais',
      'media de pesquisas mensais',
      'media de buscas mensais',
      // nl
      'zoekvolume',
      'maandelijks zoekvolume',
      'gemiddeld aantal zoekopdrachten per maand',
      'gem. aantal zoekopdrachten per maand',
    ],
    [
      'global volume',
      'global search volume',
      'globales suchvolumen',
      'volume global',
      'volumen global',
      'volume globale',
      'globaal zoekvolume',
    ],
  ],
  difficulty: [
    [
      'kd',
      'kd%',
      'kd %',
      'keyword difficulty',
      'difficulty',
      'seo difficulty',
      'keyword difficulty index',
      'keyword schwierigkeit',
      'schwierigkeit',
      'keyword difficulte',
      'difficulte',
      'difficulte du mot cle',
      'dificultad',
      'dificultad de palabra clave',
      'difficolta',
      'difficolta keyword',
      'difficolta della parola chiave',
      'dificuldade',
      'dificuldade da palavra chave',
      'moeilijkheid',
      'zoekwoordmoeilijkheid',
      'moeilijkheidsgraad',
    ],
    [],
  ],
  cpc: [
    [
      'cpc',
      'cpc usd',
      'cost per click',
      'avg cpc',
      'avg. cpc',
      'kosten pro klick',
      'cout par clic',
      'cpc moyen',
      'coste por clic',
      'costo por clic',
      'cpc medio',
      'costo per clic',
      'custo por clique',
      'cpc medio',
      'kosten per klik',
      'gem. cpc',
    ],
    [],
  ],
  intent: [
    [
      'intent',
      'search intent',
      'keyword intents',
      'intents',
      'suchintention',
      'intention',
      'intention de recherche',
      'intencion',
      'intencion de busqueda',
      'intento',
      'intento di ricerca',
      'intencao',
      'intencao de pesquisa',
      'intencao de busca',
      'zoekintentie',
      'intentie',
    ],
    [],
  ],
};

/** Lower case, accents and byte-order mark dropped, hyphens and underscores as spaces: "Mot-clé" → "mot cle". */
export const normalizeHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The field a header names and its tier (0 primary, 1 fallback); a currency or market in brackets is ignored: "CPC (EUR)". */
function fieldFor(header: string): { field: ImportField; tier: number } | null {
  const h = normalizeHeader(header);
  const bare = h.replace(/\s*\([^)]*\)$/, '');
  for (const candidate of [h, bare]) {
    for (const f of importFields) {
      const tier = aliases[f].findIndex((list) => list.includes(candidate));
      if (tier >= 0) return { field: f, tier };
    }
  }
  return null;
}

/** One column per field: the best tier wins, then the leftmost column; the others are ignored. */
/** Whether a header names the keyword column (in any language an SEO tool writes it). */
export const isKeywordHeader = (header: string): boolean => fieldFor(header)?.field === 'phrase';

function mapHeaders(headers: string[]): (ImportField | null)[] {
  const found = headers.map(fieldFor);
  const best = new Map<ImportField, number>();
  found.forEach((m, i) => {
    if (!m) return;
    const held = best.get(m.field);
    if (held === undefined || m.tier < found[held]!.tier) best.set(m.field, i);
  });
  return found.map((m, i) => (m && best.get(m.field) === i ? m.field : null));
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** How many times each delimiter splits a line (outside quotes). */
function delimiterCounts(line: string): number[] {
  return DELIMITERS.map((d) => {
    let n = 0;
    let quoted = false;
    for (const c of line) {
      if (c === '"') quoted = !quoted;
      else if (c === d && !quoted) n++;
    }
    return n;
  });
}

/**
 * The delimiter that splits the file's first lines most consistently: the one whose most common
 * non-zero count repeats on most lines (then the larger count). Title lines above a header (Keyword
 * Planner's report name and date range) do not decide it.
 */
function detectDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .slice(0, 10)
    .filter((l) => l.trim() !== '');
  const counts = lines.map(delimiterCounts);
  let best: string = ',';
  let bestScore: [number, number] = [0, 0];
  DELIMITERS.forEach((d, di) => {
    const freq = new Map<number, number>();
    for (const c of counts) if (c[di]! > 0) freq.set(c[di]!, (freq.get(c[di]!) ?? 0) + 1);
    for (const [count, times] of freq) {
      if (times > bestScore[0] || (times === bestScore[0] && count > bestScore[1])) {
        best = d;
        bestScore = [times, count];
      }
    }
  });
  return best;
}

/** "1.5K", "2M" (volume only), as tools shorten big numbers. */
const SUFFIX = /^(\d+(?:[.,]\d+)?)([km])$/i;

/**
 * A number as SEO tools and spreadsheets in any locale write it: "1,200" and "1.200" and "1 200"
 * (thousands in a volume), "1,5" (decimal comma), "1.200,50" and "1,200.50". A volume given as a
 * range ("1K – 10K", Keyword Planner without ad spend) is unknown, not a number to guess.
 */
function parseNumber(raw: string, field: 'volume' | 'difficulty' | 'cpc'): number | null | 'invalid' {
  const s = raw.trim().replace(/[$€£%\s\u00a0\u202f']/g, '');
  if (s === '' || s === '-' || s === '—' || s.toLowerCase() === 'n/a') return null;
  if (field === 'volume' && /^[\d.,]+[km]?[–-][\d.,]+[km]?$/i.test(s)) return null;
  let cleaned: string;
  const suffix = field === 'volume' ? SUFFIX.exec(s) : null;
  if (suffix) return Number(suffix[1]!.replace(',', '.')) * (suffix[2]!.toLowerCase() === 'k' ? 1_000 : 1_000_000);
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) cleaned = s.replace(/,/g, '');
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s) && (field === 'volume' || s.includes(',')))
    cleaned = s.replace(/\./g, '').replace(',', '.');
  else cleaned = s.replace(',', '.');
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
  /** the encoding the file was read in */
  encoding: string;
  delimiter: string;
  headers: string[];
  mapping: Record<string, ImportField | null>;
  /** title lines above the header, not imported */
  skippedLines: number[];
}

/** One data row: a keyword, or the reasons it is refused (each with the row's line). */
export type CsvRow =
  | { line: number; keyword: KeywordInput; errors?: undefined }
  | { line: number; keyword?: undefined; errors: ImportRowError[] };

export class CsvError extends Error {}

/** Enough of the file's start to find the first line (a header longer than this is not a keyword export). */
const DETECT_BYTES = 64 * 1024;
const MAX_RECORD_BYTES = 64 * 1024;
const HEAD_LINES = 10;
/** Records looked at for the header: Keyword Planner puts two title lines above it. */
const PEEK_RECORDS = 5;

type Chunk = Buffer | string;
const asBuffer = (c: Chunk) => (typeof c === 'string' ? Buffer.from(c) : c);

/** Non-empty CSV records with the line each ends on, parsed as the bytes arrive (csv-parse's stream API, with backpressure). */
export async function* csvRecords(
  source: AsyncIterable<Chunk>,
  onDelimiter: (d: string) => void,
): AsyncGenerator<{ record: string[]; line: number }> {
  const it = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  // A few lines, not one: title lines above the header must not decide the delimiter.
  const newlines = () => head.reduce((n, b) => n + b.reduce((m, c) => m + (c === 10 ? 1 : 0), 0), 0);
  while (headBytes < DETECT_BYTES && newlines() < HEAD_LINES) {
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
  const parser = parse({
    bom: true,
    delimiter,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    trim: true,
    max_record_size: MAX_RECORD_BYTES,
  });
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

/** The names people know the columns by, starting each row error ("Difficulty must be between 0 and 100"). */
const fieldLabel: Record<ImportField, string> = {
  phrase: 'Keyword',
  volume: 'Volume',
  difficulty: 'Difficulty',
  cpc: 'CPC',
  intent: 'Intent',
};

/** Checks one record against the column layout. */
function toRow(record: string[], line: number, columns: (ImportField | null)[]): CsvRow {
  const errors: ImportRowError[] = [];
  const row: Record<string, unknown> = {};
  columns.forEach((field, i) => {
    if (!field) return;
    const raw = record[i] ?? '';
    // PostgreSQL text cannot hold 0x00: refuse the row here rather than fail the write.
    if (raw.includes('\u0000'))
      errors.push({
        line,
        field,
        message: `${fieldLabel[field]} contains a NUL character (0x00), which cannot be stored`,
      });
    else if (field === 'phrase') row.phrase = raw;
    else if (field === 'intent') {
      const v = parseIntent(raw);
      if (v === 'invalid') errors.push({ line, field, message: `Intent "${raw}" is not one of ${intents.join(', ')}` });
      else row.intent = v;
    } else {
      const v = parseNumber(raw, field);
      if (v === 'invalid') errors.push({ line, field, message: `${fieldLabel[field]} "${raw}" is not a number` });
      else row[field] = field === 'volume' && v !== null ? Math.round(v) : v;
    }
  });
  if (errors.length > 0) return { line, errors };
  const checked = keywordInputSchema.safeParse(row);
  if (!checked.success) {
    return {
      line,
      errors: checked.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? '');
        return { line, field, message: `${fieldLabel[field as ImportField] ?? 'The row'} ${issue.message}` };
      }),
    };
  }
  return { line, keyword: checked.data };
}

const filled = (r: string[]) => r.filter((c) => c !== '').length;

/** Positional columns of a header-less file ("seed starting mix, 900, 20"): keyword, then volume, difficulty, CPC where every value is a number. */
function positionalColumns(records: string[][]): (ImportField | null)[] {
  const width = Math.max(...records.map((r) => r.length));
  const numeric = ['volume', 'difficulty', 'cpc'] as const;
  return Array.from({ length: width }, (_, i) => {
    if (i === 0) return 'phrase';
    const field = numeric[i - 1];
    if (!field) return null;
    const cells = records.map((r) => r[i] ?? '').filter((c) => c.trim() !== '');
    return cells.length > 0 && cells.every((c) => parseNumber(c, field) !== 'invalid') ? field : null;
  });
}

/**
 * Opens a keyword export as a stream: any encoding (UTF-16 with or without a byte-order mark,
 * UTF-8, Windows-1252…), `,`/`;`/tab/`|` separators, quoted fields, title lines above the
 * header (Google Keyword Planner), header detection from SEO-tool column names in seven
 * languages (or a header-less list: keyword, then volume, difficulty, CPC). Resolves once the
 * layout is known; `rows` then yields every data row, checked, with its line number, reading
 * the source only as fast as rows are taken. Malformed CSV → CsvError (from `open` or while iterating).
 */
export async function openKeywordCsv(
  source: AsyncIterable<Chunk>,
): Promise<{ layout: CsvLayout; rows: AsyncGenerator<CsvRow> }> {
  let delimiter = ',';
  let encoding = 'utf-8';
  const records = csvRecords(
    asUtf8(source, (e) => (encoding = e)),
    (d) => (delimiter = d),
  );
  const peeked: { record: string[]; line: number }[] = [];
  while (peeked.length < PEEK_RECORDS) {
    const next = await records.next();
    if (next.done) break;
    peeked.push(next.value);
  }
  if (peeked.length === 0) throw new CsvError('The file has no rows');
  // The header: the first record naming a keyword column; below the first line only a record naming two fields
  // under lines of one or two cells (a report title and date range), so a lone "keyword" row in a list stays a keyword.
  const headerAt = peeked.findIndex((p, i) => {
    const mapped = mapHeaders(p.record);
    if (!mapped.includes('phrase')) return false;
    return i === 0 || (mapped.filter(Boolean).length >= 2 && peeked.slice(0, i).every((q) => filled(q.record) <= 2));
  });
  const hasHeader = headerAt >= 0;
  const skipped = hasHeader ? peeked.slice(0, headerAt) : [];
  const data = hasHeader ? peeked.slice(headerAt + 1) : peeked;
  const headerRecord = hasHeader ? peeked[headerAt]!.record : [];
  const columns = hasHeader ? mapHeaders(headerRecord) : positionalColumns(data.map((d) => d.record));
  const headers = hasHeader ? headerRecord : columns.map((_, i) => (i === 0 ? 'Keyword' : `Column ${i + 1}`));
  const layout: CsvLayout = {
    encoding,
    delimiter,
    headers,
    mapping: Object.fromEntries(headers.map((h, i) => [h, columns[i] ?? null])),
    skippedLines: skipped.map((p) => p.line),
  };
  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      for (const { record, line } of data) yield toRow(record, line, columns);
      for await (const { record, line } of records) yield toRow(record, line, columns);
    } finally {
      await records.return(undefined);
    }
  }
  return { layout, rows: rows() };
}
