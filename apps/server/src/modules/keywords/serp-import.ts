import { normalizePhrase, SERP_TOP_RESULTS, type ImportRowError, type SerpImportResult } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import { normalizeResultUrl } from '../../ai/clustering/serp';
import type { Db } from '../../db/client';
import { AppError } from '../../http/errors';
import { CsvError, csvRecords, isKeywordHeader, normalizeHeader } from './csv';
import { asUtf8 } from './encoding';
import { keywordIdsByPhrase, saveSerps } from './serp-repo';

const MAX_REPORTED_ERRORS = 100;
const UNKNOWN_SAMPLE = 10;
/** Records looked at for the header (a report title may sit above it). */
const PEEK_RECORDS = 5;

/** Column names SEO tools give a result's address and rank, normalised (as normalizeHeader makes them). */
const URL_HEADERS = new Set([
  'url',
  'urls',
  'link',
  'result',
  'result url',
  'ranking url',
  'serp url',
  'landing page',
  'page',
  'address',
  'current url',
  'top url',
  'top 10 urls',
  'top urls',
  'serp urls',
  'results',
  'top results',
  // de, fr, es, it, pt, nl
  'seite',
  'lien',
  'enlace',
  'pagina',
  'collegamento',
]);
const POSITION_HEADERS = new Set([
  'position',
  'pos',
  'rank',
  'ranking',
  'serp position',
  'current position',
  'platz',
  'rang',
  'posicion',
  'posizione',
  'posicao',
  'positie',
]);
/** "URL 1" … "URL 10", "Result #3", "Position 2 URL", "Top 4", "#5", "7": one result per column. */
const NUMBERED = /^(?:(?:url|result|link|position|pos|rank|top|serp)\s*)?#?\s*(\d{1,2})(?:\s*url)?$/;

interface Layout {
  keyword: number;
  /** long format: one result per row */
  url?: number;
  position?: number;
  /** wide format: the column of each rank, best first */
  ranked?: number[];
}

function layoutOf(headers: string[]): Layout | null {
  const h = headers.map(normalizeHeader);
  const keyword = headers.findIndex(isKeywordHeader);
  if (keyword < 0) return null;
  const numbered = h
    .map((x, i) => ({ i, rank: NUMBERED.exec(x)?.[1] }))
    .filter((x) => x.rank !== undefined && x.i !== keyword)
    .sort((a, b) => Number(a.rank) - Number(b.rank));
  if (numbered.length >= 2) return { keyword, ranked: numbered.map((x) => x.i) };
  const url = h.findIndex((x, i) => i !== keyword && URL_HEADERS.has(x));
  if (url < 0) return null;
  const position = h.findIndex((x, i) => i !== keyword && POSITION_HEADERS.has(x));
  return { keyword, url, ...(position >= 0 ? { position } : {}) };
}

/** A result's address as written, when it is one (a host with a dot, or a full URL); null for "n/a", "-", "". */
function resultUrl(raw: string): string | null {
  const text = raw.trim();
  // PostgreSQL text cannot hold 0x00.
  if (!text || /\s/.test(text) || text.includes('\u0000')) return null;
  const host = normalizeResultUrl(text).split('/')[0]!;
  return host.includes('.') && !host.startsWith('.') && !host.endsWith('.') ? text : null;
}

/**
 * Reads a SERP export (each keyword's top search results) and gives the site's keywords their top
 * 10 result URLs, replacing earlier ones. Long files (Keyword, Position, URL: a row per result),
 * wide ones (Keyword, URL 1 … URL 10) and a cell of several URLs are read; the encoding, delimiter
 * and header language as for keyword imports. Keywords the site does not have are counted, not created.
 */
export async function importSerpCsv(
  db: Db,
  t: TenantContext,
  site: { id: string },
  source: AsyncIterable<Buffer>,
  limits: { maxRows: number },
): Promise<SerpImportResult> {
  const records = csvRecords(
    asUtf8(source, () => {}),
    () => {},
  );
  const results = new Map<string, { phrase: string; urls: { rank: number; order: number; url: string }[] }>();
  const errors: ImportRowError[] = [];
  let errorCount = 0;
  let rows = 0;
  const refuse = (line: number, field: string | null, message: string) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line, field, message });
  };
  let layout: Layout | null = null;
  let peeked = 0;
  try {
    for await (const { record, line } of records) {
      if (!layout) {
        layout = layoutOf(record);
        if (!layout && ++peeked >= PEEK_RECORDS) break;
        continue;
      }
      if (++rows > limits.maxRows * SERP_TOP_RESULTS) {
        throw new AppError(
          413,
          'import_too_large',
          `The file has more than ${(limits.maxRows * SERP_TOP_RESULTS).toLocaleString('en')} rows: split it into smaller files`,
        );
      }
      const phrase = (record[layout.keyword] ?? '').trim();
      if (!phrase) {
        refuse(line, 'keyword', 'The row has no keyword');
        continue;
      }
      if (phrase.includes('\u0000')) {
        refuse(line, 'keyword', 'Keyword contains a NUL character (0x00), which cannot be stored');
        continue;
      }
      const norm = normalizePhrase(phrase);
      let entry = results.get(norm);
      if (!entry) {
        if (results.size >= limits.maxRows) {
          throw new AppError(
            413,
            'import_too_large',
            `The file has results for more than ${limits.maxRows.toLocaleString('en')} keywords: split it into smaller files`,
          );
        }
        results.set(norm, (entry = { phrase, urls: [] }));
      }
      const cells = layout.ranked
        ? layout.ranked.map((c, rank) => ({ raw: record[c] ?? '', rank }))
        : (record[layout.url!] ?? '').split(/[\s|;]+/).map((raw, i) => ({ raw, rank: i }));
      let position = Number.POSITIVE_INFINITY;
      if (layout.position !== undefined && !layout.ranked) {
        const raw = (record[layout.position] ?? '').trim();
        if (raw !== '') position = Number(raw.replace(',', '.'));
        if (Number.isNaN(position)) {
          refuse(line, 'position', `Position "${raw}" is not a number`);
          continue;
        }
      }
      const urls = cells.map((c) => ({ ...c, url: resultUrl(c.raw) })).filter((c) => c.url !== null);
      if (urls.length === 0) {
        // A SERP feature without a page (a video carousel, "People also ask") is not an error in a long file.
        if (layout.ranked) refuse(line, 'url', 'The row has no result URL');
        else if (cells.every((c) => c.raw.trim() === '')) continue;
        else refuse(line, 'url', `"${cells[0]!.raw.slice(0, 80)}" is not a URL`);
        continue;
      }
      for (const u of urls) {
        entry.urls.push({ rank: layout.ranked ? u.rank : position, order: entry.urls.length, url: u.url! });
      }
    }
  } catch (e) {
    if (e instanceof CsvError) throw new AppError(400, 'csv_invalid', e.message);
    throw e;
  } finally {
    await records.return(undefined);
  }
  if (!layout) {
    throw new AppError(
      400,
      'csv_invalid',
      'No SERP columns found: the file needs a keyword column and a URL column (Keyword, Position, URL), or URL 1 … URL 10',
    );
  }
  const ids = await keywordIdsByPhrase(db, t, site.id, [...results.keys()]);
  const save: { keywordId: string; urls: string[] }[] = [];
  const unknown: string[] = [];
  let stored = 0;
  for (const [norm, entry] of results) {
    const keywordId = ids.get(norm);
    if (!keywordId) {
      unknown.push(entry.phrase);
      continue;
    }
    // Best rank first (file order among equals); one entry per result page.
    const seen = new Set<string>();
    const urls = entry.urls
      .sort((a, b) => a.rank - b.rank || a.order - b.order)
      .filter((u) => {
        const key = normalizeResultUrl(u.url);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .slice(0, SERP_TOP_RESULTS)
      .map((u) => u.url);
    if (urls.length === 0) continue;
    stored += urls.length;
    save.push({ keywordId, urls });
  }
  await db.transaction((tx) => saveSerps(tx, t, save, 'import'));
  return {
    keywords: save.length,
    results: stored,
    unknownKeywords: unknown.length,
    unknownSample: unknown.slice(0, UNKNOWN_SAMPLE),
    errors,
    errorCount,
  };
}
