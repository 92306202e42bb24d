import type { TaskItemError, TaskPhase, TaskProgress } from '@igny8/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { TenantContext } from '../access/context';
import type { AiSession } from '../ai/session';
import type { Db } from '../db/client';
import type { FileStorage } from '../storage/files';
import { ProviderError } from '../ai/providers/errors';
import { doneItemKeys, isCancelRequested, markItemDone, updateTaskRun, type TaskRunRow } from '../modules/tasks/repo';

const PROGRESS_WRITE_MS = 250;

export class TaskCancelled extends Error {}
export class WorkerStopping extends Error {}

export interface ItemOutcome {
  total: number;
  succeeded: number;
  failed: number;
  /** finished by an earlier attempt of this job */
  skipped: number;
}

/**
 * What a task handler gets: its input, tenant, progress reporting, per-item
 * isolation with exactly-once item writes, cancel checks and AI sessions.
 */
export class TaskContext<I> {
  readonly itemErrors: TaskItemError[];
  /** Items over every forEachItem call of this run. */
  readonly totals = { succeeded: 0, failed: 0, skipped: 0 };
  readonly debug: Record<string, unknown>;
  private lastProgress: TaskProgress;

  constructor(
    readonly run: TaskRunRow,
    readonly input: I,
    readonly tenant: TenantContext,
    readonly db: Db,
    readonly log: FastifyBaseLogger,
    private readonly aiSessions: (ctx: TaskContext<I>) => { text: () => Promise<AiSession>; image: () => Promise<AiSession> },
    private readonly isStopping: () => boolean,
    readonly storage: FileStorage,
  ) {
    this.itemErrors = [...run.itemErrors];
    this.debug = { ...run.debugInfo };
    this.lastProgress = run.progress;
  }

  get ai() {
    return this.aiSessions(this);
  }

  private lastWrite = 0;

  /** The latest progress, including what spacing has not written yet. */
  get currentProgress(): TaskProgress {
    return this.lastProgress;
  }

  /**
   * Progress never goes backwards and stays within 0–100, whatever the handler reports.
   * Writes are spaced (fast items would otherwise spend their time reporting); `force`
   * writes at once (item errors, retry waits).
   */
  async progress(p: { phase: TaskPhase; current?: number; total?: number; message: string }, force = false): Promise<void> {
    const total = Math.max(0, p.total ?? this.lastProgress.total);
    const current = Math.min(Math.max(0, p.current ?? this.lastProgress.current), total || Number.MAX_SAFE_INTEGER);
    const raw = total > 0 ? Math.floor((current / total) * 100) : 0;
    const percent = Math.max(this.lastProgress.percent, Math.min(100, Math.max(0, raw)));
    this.lastProgress = { phase: p.phase, current, total, percent, message: p.message.slice(0, 500) };
    const now = Date.now();
    if (!force && now - this.lastWrite < PROGRESS_WRITE_MS) return;
    this.lastWrite = now;
    await updateTaskRun(this.db, this.run.id, { progress: this.lastProgress, debugInfo: this.debug, itemErrors: this.itemErrors });
  }

  /** Stops here when the user cancelled or the worker is shutting down (the job then resumes elsewhere). */
  async checkpoint(): Promise<void> {
    if (this.isStopping()) throw new WorkerStopping('worker stopping');
    if (await isCancelRequested(this.db, this.run.id)) throw new TaskCancelled('cancelled');
  }

  /**
   * Runs `fn` for each item. An item's failure is recorded and the others go on;
   * provider errors that doom every item (invalid key, quota) stop the task. `save`
   * writes an item's rows and marks it done in one transaction, so a retried job
   * neither loses nor duplicates items.
   */
  async forEachItem<T>(
    items: readonly T[],
    opts: { key: (item: T) => string; label: (item: T) => string; verb: string },
    fn: (item: T, save: (write: (tx: Db) => Promise<void>) => Promise<void>) => Promise<void>,
  ): Promise<ItemOutcome> {
    const done = await doneItemKeys(this.db, this.run.id);
    const outcome: ItemOutcome = { total: items.length, succeeded: 0, failed: 0, skipped: 0 };
    for (const [i, item] of items.entries()) {
      await this.checkpoint();
      const key = opts.key(item);
      if (done.has(key)) {
        outcome.skipped++;
        this.totals.skipped++;
        continue;
      }
      await this.progress({ phase: 'calling_ai', current: i, total: items.length, message: `${opts.verb} ${opts.label(item)} (${i + 1} of ${items.length})` });
      let saved = false;
      let failed = false;
      try {
        await fn(item, async (write) => {
          await this.db.transaction(async (tx) => {
            await write(tx);
            await markItemDone(tx, this.run.id, key);
          });
          saved = true;
        });
        if (!saved) throw new Error(`item ${key} finished without saving`);
        outcome.succeeded++;
        this.totals.succeeded++;
        this.setItemError(key, null); // a retried item that finally succeeded no longer counts as an error
      } catch (e) {
        if (e instanceof TaskCancelled || e instanceof WorkerStopping) throw e;
        if (e instanceof ProviderError && e.fatalForTask) throw e;
        outcome.failed++;
        this.totals.failed++;
        const code = e instanceof ProviderError ? e.code : 'item_failed';
        const message = e instanceof Error ? e.message : String(e);
        if (!(e instanceof ProviderError)) this.log.error({ err: e, taskRunId: this.run.id, item: key }, 'task item failed');
        this.setItemError(key, { item: key, code, message: message.slice(0, 1000) });
        failed = true;
      }
      await this.progress(
        { phase: 'saving', current: i + 1, total: items.length, message: `${opts.verb} ${opts.label(item)}: ${failed ? 'failed' : 'done'}` },
        failed,
      );
    }
    return outcome;
  }

  /** One entry per item: a later attempt's outcome replaces an earlier attempt's error. */
  private setItemError(key: string, error: TaskItemError | null): void {
    const at = this.itemErrors.findIndex((e) => e.item === key);
    if (at >= 0) this.itemErrors.splice(at, 1);
    if (error) this.itemErrors.push(error);
  }
}
