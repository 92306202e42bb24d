import {
  normalizePhrase,
  type ImportChange,
  type ImportPreview,
  type ImportResult,
  type ImportRowError,
  type KeywordInput,
} from '@igny8/contracts';
import { createHash, type Hash } from 'node:crypto';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { AppError } from '../../http/errors';
import type { FileStorage } from '../../storage/files';
import type { Tasks } from '../tasks/service';
import { CsvError, openKeywordCsv, type CsvLayout } from './csv';
import { IMPORT_BATCH_ROWS, importKeywordsTask } from './import-task';
import type { Billing } from '../billing/service';
import { sectorOrDefault } from '../sectors/repo';
import { countAccountKeywords, existingSiteMetrics, existingSitePhrases, upsertKeywords } from './repo';
import { slices, UploadWriter } from './upload';

/** Above this many distinct valid rows the import runs as a background task with progress. */
export const IMPORT_TASK_THRESHOLD = 5000;
const MAX_REPORTED_ERRORS = 1000;
const PREVIEW_ROWS = 20;

export interface ImportLimits {
  /** bytes in one upload */
  maxBytes: number;
  /** data rows in one upload */
  maxRows: number;
  /** keywords one account may hold */
  accountMaxKeywords: number;
}

type PreviewRow = KeywordInput & { line: number };

/** What one streaming pass over the file learns. Everything here is bounded by the row cap, never by the file. */
interface Scan {
  layout: CsvLayout;
  totalRows: number;
  duplicateRows: number;
  /** valid rows, duplicates included: what the task's batches count */
  validRows: number;
  /** normalised phrases of the distinct valid rows */
  phrases: Set<string>;
  errors: ImportRowError[];
  errorCount: number;
  preview: Map<string, PreviewRow>;
  /** the distinct rows while they fit an in-request write; null once the file needs the task */
  rows: Map<string, KeywordInput> | null;
  /** the line of each distinct phrase's first row (to name rows past a limit) */
  lines: Map<string, number>;
}

export const tooLarge = (maxBytes: number) =>
  new AppError(
    413,
    'import_too_large',
    `The file is larger than ${maxBytes.toLocaleString('en')} bytes: split it into smaller files.`,
    { maxBytes },
  );

/** Counts bytes (refusing past the cap), hands them to the stored upload, and slices them for the parser. */
async function* metered(
  source: AsyncIterable<Buffer | string>,
  maxBytes: number,
  upload: UploadWriter | null,
  digest: Hash,
): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of source) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += data.length;
    if (bytes > maxBytes) throw tooLarge(maxBytes);
    digest.update(data);
    if (upload) await upload.write(data);
    yield* slices(data);
  }
}

/** A later duplicate fills the fields the first occurrence left empty (the first spelling and values win). */
function fillFrom(target: KeywordInput, k: KeywordInput): void {
  for (const f of ['volume', 'difficulty', 'cpc', 'intent'] as const) {
    if (target[f] == null && k[f] != null) (target as Record<string, unknown>)[f] = k[f];
  }
}

async function scan(source: AsyncIterable<Buffer>, maxRows: number): Promise<Scan> {
  let opened: Awaited<ReturnType<typeof openKeywordCsv>>;
  try {
    opened = await openKeywordCsv(source);
  } catch (e) {
    if (e instanceof CsvError) throw new AppError(400, 'csv_invalid', e.message);
    throw e;
  }
  const s: Scan = {
    layout: opened.layout,
    totalRows: 0,
    duplicateRows: 0,
    validRows: 0,
    phrases: new Set(),
    errors: [],
    errorCount: 0,
    preview: new Map(),
    rows: new Map(),
    lines: new Map(),
  };
  try {
    for await (const row of opened.rows) {
      if (++s.totalRows > maxRows) {
        throw new AppError(
          413,
          'import_too_many_rows',
          `The file has more than ${maxRows.toLocaleString('en')} rows: split it into smaller files.`,
          { maxRows },
        );
      }
      if (row.errors) {
        s.errorCount += row.errors.length;
        for (const e of row.errors) if (s.errors.length < MAX_REPORTED_ERRORS) s.errors.push(e);
        continue;
      }
      s.validRows++;
      const key = normalizePhrase(row.keyword.phrase);
      if (s.phrases.has(key)) {
        s.duplicateRows++;
        const p = s.preview.get(key);
        if (p) fillFrom(p, row.keyword);
        const r = s.rows?.get(key);
        if (r) fillFrom(r, row.keyword);
        continue;
      }
      s.phrases.add(key);
      s.lines.set(key, row.line);
      if (s.preview.size < PREVIEW_ROWS) s.preview.set(key, { ...row.keyword, line: row.line });
      if (s.rows) {
        s.rows.set(key, { ...row.keyword });
        if (s.rows.size > IMPORT_TASK_THRESHOLD) s.rows = null;
      }
    }
  } catch (e) {
    if (e instanceof CsvError) throw new AppError(400, 'csv_invalid', e.message);
    throw e;
  } finally {
    await opened.rows.return(undefined);
  }
  return s;
}

/** The file's new phrases past what the account's plan may still add, and that plan. */
interface PastLimit {
  phrases: string[];
  limit: number;
  plan: string;
  used: number;
}

const MAX_REPORTED_CHANGES = 1000;
const metricFields = ['volume', 'difficulty', 'cpc', 'intent'] as const;

/**
 * The metrics the import would overwrite on the site's keywords: a value the keyword has that
 * the file replaces with another (filling an empty metric is not a change). Looked up for the
 * rows an in-request import writes; a file large enough for the background task is checked on
 * its first rows only.
 */
async function metricChanges(
  db: Db,
  t: TenantContext,
  siteId: string,
  s: Scan,
): Promise<{ changes: ImportChange[]; changedKeywords: number }> {
  const rows = s.rows ?? new Map([...s.preview.entries()].map(([k, { line: _line, ...row }]) => [k, row]));
  const existing = await existingSiteMetrics(db, t, siteId, [...rows.keys()]);
  const changes: ImportChange[] = [];
  let changedKeywords = 0;
  for (const [key, row] of rows) {
    const had = existing.get(key);
    if (!had) continue;
    let changed = false;
    for (const field of metricFields) {
      const from = had[field];
      const to = row[field];
      if (from == null || to == null || from === to) continue;
      changed = true;
      if (changes.length < MAX_REPORTED_CHANGES)
        changes.push({ line: s.lines.get(key) ?? 0, phrase: row.phrase.trim(), field, from, to });
    }
    if (changed) changedKeywords++;
  }
  return { changes, changedKeywords };
}

/**
 * The preview, in the categories the result reports: each distinct keyword of the file is new (`newKeywords`,
 * what `created` counts), already on the site (`existingKeywords`, what `merged` counts) or past the plan's limit
 * (a row error); `duplicateRows` are repeats inside the file, combined into their first row.
 */
function preview(
  s: Scan,
  existing: Set<string>,
  over: PastLimit | null,
  changes: Awaited<ReturnType<typeof metricChanges>> = { changes: [], changedKeywords: 0 },
): ImportPreview {
  const errors = [...s.errors, ...(over ? limitErrors(s, over) : [])].sort((a, b) => a.line - b.line);
  const extraErrors = errors.length - s.errors.length;
  return {
    ...s.layout,
    ...changes,
    totalRows: s.totalRows,
    validRows: s.phrases.size,
    newKeywords: s.phrases.size - existing.size - (over?.phrases.length ?? 0),
    existingKeywords: existing.size,
    duplicateRows: s.duplicateRows,
    preview: [...s.preview.values()],
    errors: errors.slice(0, MAX_REPORTED_ERRORS),
    errorsTruncated: s.errorCount + extraErrors > MAX_REPORTED_ERRORS || s.errorCount > s.errors.length,
  };
}

/**
 * The phrases of the file beyond what the account may still add, in file order (merges into
 * existing keywords never count). Refuses outright, before anything is written, an import past the
 * installation's cap (ACCOUNT_MAX_KEYWORDS); the plan's limit is the caller's to apply per row.
 */
async function overLimit(
  deps: { db: Db; billing: Billing; limits: ImportLimits },
  t: TenantContext,
  phrases: Set<string>,
  existing: Set<string>,
  refuseCap: boolean,
): Promise<PastLimit | null> {
  const { db, limits } = deps;
  const have = await countAccountKeywords(db, t);
  const plan = await deps.billing.room(db, t, 'keywords');
  if (have + phrases.size <= limits.accountMaxKeywords && (!plan || phrases.size <= plan.left)) return null;
  const fresh = [...phrases].filter((p) => !existing.has(p));
  if (refuseCap && have + fresh.length > limits.accountMaxKeywords) {
    const max = limits.accountMaxKeywords;
    throw new AppError(
      400,
      'keyword_limit_reached',
      `This import would add ${fresh.length.toLocaleString('en')} keywords to the ${have.toLocaleString('en')} the account has; the limit is ${max.toLocaleString('en')}. Nothing was imported.`,
      { limit: max, current: have, adding: fresh.length },
    );
  }
  if (!plan || fresh.length <= plan.left) return null;
  return { phrases: fresh.slice(plan.left), limit: plan.limit, plan: plan.plan, used: plan.used };
}

/** One row error per phrase past the plan's limit, on the phrase's first line. */
function limitErrors(s: Scan, over: PastLimit): ImportRowError[] {
  const message = `Past the ${over.plan} plan's limit of ${over.limit.toLocaleString('en')} keywords: not imported`;
  return over.phrases.map((p) => ({ line: s.lines.get(p) ?? 0, field: 'keyword', message }));
}

/**
 * A CSV upload, read as it streams in: the preview (dry run) reports the mapping, the
 * first rows, counts and every bad row's line without writing; a real import writes a
 * small file in the request and hands a large one, kept in the file storage, to the
 * keyword import task. Caps (bytes, rows, the account's keywords) refuse before anything
 * is written.
 */
export async function importKeywordCsv(
  deps: { db: Db; tasks: Tasks; storage: FileStorage; limits: ImportLimits; billing: Billing },
  t: TenantContext,
  site: { id: string; name: string; language: string },
  source: AsyncIterable<Buffer | string>,
  opts: { dryRun: boolean; mode: 'strict' | 'valid'; sectorId?: string; idempotencyKey?: string | null },
): Promise<{ status: 200 | 201 | 202; body: ImportPreview | ImportResult }> {
  const upload = opts.dryRun ? null : new UploadWriter(deps.storage, t.accountId);
  const digest = createHash('sha256');
  let handedToTask = false;
  try {
    // New keywords go into the named sector of the site (404 when it is not one), or its first.
    const sector = await sectorOrDefault(deps.db, t, site.id, opts.sectorId);
    const s = await scan(metered(source, deps.limits.maxBytes, upload, digest), deps.limits.maxRows);
    // Rows past the plan's keyword limit are named in the preview and never imported.
    const existing = s.phrases.size > 0 ? await existingSitePhrases(deps.db, t, site.id, s.phrases) : new Set<string>();
    const over = s.phrases.size > 0 ? await overLimit(deps, t, s.phrases, existing, !opts.dryRun) : null;
    const changes = s.phrases.size > 0 ? await metricChanges(deps.db, t, site.id, s) : undefined;
    const p = preview(s, existing, over, changes);
    if (opts.dryRun) return { status: 200, body: p };
    if (s.errorCount > 0 && opts.mode === 'strict') {
      throw new AppError(
        400,
        'import_invalid',
        `${s.errorCount} row error(s): nothing was imported. Fix the rows, or import only the valid rows.`,
        p,
      );
    }
    if (s.phrases.size === 0) throw new AppError(400, 'import_empty', 'The file has no valid keyword rows', p);
    if (over && opts.mode === 'strict') {
      throw new AppError(
        402,
        'plan_limit',
        `${over.phrases.length.toLocaleString('en')} keywords are past the ${over.plan} plan's limit of ${over.limit.toLocaleString('en')}: nothing was imported. Import only the rows that fit, or ask for a bigger plan.`,
        { resource: 'keywords', limit: over.limit, used: over.used, plan: over.plan, ...p },
      );
    }

    if (s.rows) {
      const past = new Set(over?.phrases);
      const rows = [...s.rows.entries()].filter(([key]) => !past.has(key)).map(([, row]) => row);
      const counts = await deps.db.transaction((tx) =>
        upsertKeywords(tx, t, site.id, rows, { language: site.language, source: 'import', sectorId: sector.id }),
      );
      return { status: 201, body: { ...p, ...counts, taskId: null } };
    }
    const stored = await upload!.finish();
    // The task's input names the stored upload, never the rows: a progress poll stays small.
    const { id: taskId, replayed } = await deps.tasks.startRun(
      t,
      importKeywordsTask,
      {
        siteId: site.id,
        sectorId: sector.id,
        ...stored,
        batches: Math.ceil(s.validRows / IMPORT_BATCH_ROWS),
        rows: s.phrases.size,
      },
      {
        title: `Import ${s.phrases.size.toLocaleString('en')} keywords into ${site.name}`,
        siteId: site.id,
        resultPath: `/a/${t.accountId}/sites/${site.id}/keywords`,
        // The same file sent again under the same key is the same import (its stored copy has a new name).
        idempotencyKey: opts.idempotencyKey ?? null,
        fingerprint: `${site.id} ${sector.id} ${opts.mode} ${digest.digest('hex')}`,
      },
    );
    // A repeated key answered the earlier run, which reads its own copy of the file: this one goes.
    handedToTask = !replayed;
    return { status: 202, body: { ...p, created: 0, merged: 0, taskId } };
  } finally {
    if (upload && !handedToTask) await upload.remove();
  }
}
