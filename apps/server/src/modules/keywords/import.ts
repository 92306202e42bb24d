import type { ImportPreview, ImportResult } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { AppError } from '../../http/errors';
import type { Tasks } from '../tasks/service';
import { CsvError, parseKeywordCsv, type ParsedCsv } from './csv';
import { importKeywordsTask } from './import-task';
import { upsertKeywords } from './repo';

/** Above this many valid rows the import runs as a background task with progress. */
export const IMPORT_TASK_THRESHOLD = 5000;
const MAX_REPORTED_ERRORS = 1000;

function preview(p: ParsedCsv): ImportPreview {
  return {
    delimiter: p.delimiter,
    headers: p.headers,
    mapping: p.mapping,
    totalRows: p.totalRows,
    validRows: p.rows.length,
    duplicateRows: p.duplicateRows,
    preview: p.rows.slice(0, 20),
    errors: p.errors.slice(0, MAX_REPORTED_ERRORS),
    errorsTruncated: p.errors.length > MAX_REPORTED_ERRORS,
  };
}

export async function importKeywordCsv(
  deps: { db: Db; tasks: Tasks },
  t: TenantContext,
  site: { id: string; name: string },
  text: string,
  opts: { dryRun: boolean; mode: 'strict' | 'valid' },
): Promise<{ status: 200 | 201 | 202; body: ImportPreview | ImportResult }> {
  let parsed: ParsedCsv;
  try {
    parsed = parseKeywordCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new AppError(400, 'csv_invalid', e.message);
    throw e;
  }
  const p = preview(parsed);
  if (opts.dryRun) return { status: 200, body: p };
  if (parsed.errors.length > 0 && opts.mode === 'strict') {
    throw new AppError(
      400,
      'import_invalid',
      `${parsed.errors.length} row error(s): nothing was imported. Fix the rows, or import only the valid rows.`,
      p,
    );
  }
  if (parsed.rows.length === 0) throw new AppError(400, 'import_empty', 'The file has no valid keyword rows', p);

  const rows = parsed.rows.map(({ line: _line, ...k }) => k);
  if (rows.length > IMPORT_TASK_THRESHOLD) {
    const taskId = await deps.tasks.start(t, importKeywordsTask, { siteId: site.id, rows }, {
      title: `Import ${rows.length.toLocaleString('en')} keywords into ${site.name}`,
      siteId: site.id,
      resultPath: `/a/${t.accountId}/sites/${site.id}/keywords`,
    });
    return { status: 202, body: { ...p, created: 0, merged: 0, taskId } };
  }
  const counts = await deps.db.transaction((tx) => upsertKeywords(tx, t, site.id, rows));
  return { status: 201, body: { ...p, ...counts, taskId: null } };
}
