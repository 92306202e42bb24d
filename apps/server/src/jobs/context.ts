import type { TaskItemError, TaskPhase, TaskProgress } from '@igny8/contracts';
import type { FastifyBaseLogger } from 'fastify';
import pLimit from 'p-limit';
import type { TenantContext } from '../access/context';
import type { AiSession } from '../ai/session';
import type { Db } from '../db/client';
import type { FileStorage } from '../storage/files';
import type { CreditCosts } from '@igny8/contracts';
import type { ChargeSpec } from '../modules/billing/service';
import { ProviderError } from '../ai/providers/errors';
import { AppError } from '../http/errors';
import { doneItemKeys, isCancelRequested, markItemDone, updateTaskRun, type TaskRunRow } from '../modules/tasks/repo';
import { FailFast } from './fail-fast';

const PROGRESS_WRITE_MS = 250;
/** A cancel is looked up at most this often per task, however many items and calls ask. */
const CANCEL_CHECK_MS = 500;
const MAX_CONCURRENCY = 64;

export class TaskCancelled extends Error {}
export class WorkerStopping extends Error {}

export interface ItemOutcome {
  total: number;
  succeeded: number;
  failed: number;
  /** finished by an earlier attempt of this job */
  skipped: number;
}

export interface ItemOptions<T> {
  key: (item: T) => string;
  label: (item: T) => string;
  /** what is done to an item, for progress messages: "Writing", "Generating" */
  verb: string;
  /**
   * Items in flight at once (default 1). A function is read again as items finish, so a provider's
   * concurrency lowered after 429s applies to the rest of the task.
   */
  concurrency?: number | (() => number);
}

export interface TaskContextDeps {
  db: Db;
  log: FastifyBaseLogger;
  storage: FileStorage;
  aiSessions: (ctx: TaskContext<unknown>) => {
    text: () => Promise<AiSession>;
    image: () => Promise<AiSession>;
    embeddings: () => Promise<AiSession>;
  };
  isStopping: () => boolean;
  /** TASK_FAIL_FAST_AFTER */
  failFastAfter: number;
  /** charges an item, inside its transaction (billing) */
  charge: (tx: Db, itemKey: string, spec: ChargeSpec) => Promise<void>;
  /** the credit costs of operations now */
  costs: () => Promise<CreditCosts>;
  /** how many more of a resource the account's plan allows now (null: no limit) */
  planRoom: (
    resource: 'sites' | 'members' | 'keywords',
  ) => Promise<{ left: number; limit: number; plan: string } | null>;
}

/** Writes an item's rows; with `charge`, its credits too, in the same transaction. */
export type SaveItem = (write: (tx: Db) => Promise<void>, charge?: ChargeSpec) => Promise<void>;

/**
 * What a task handler gets: its input, tenant, progress reporting, per-item
 * isolation with exactly-once item writes, concurrency, cancel checks and AI sessions.
 */
export class TaskContext<I> {
  readonly itemErrors: TaskItemError[];
  /** Items over every forEachItem call of this run; `fallback`: saved with an offline fallback for a part that failed. */
  readonly totals = { succeeded: 0, failed: 0, skipped: 0, fallback: 0 };
  readonly debug: Record<string, unknown>;
  /** Items failing in a row the same way; a tripped run stops (or, for fallbacks, stops calling the provider). */
  readonly failFast: FailFast;
  readonly db: Db;
  readonly log: FastifyBaseLogger;
  readonly storage: FileStorage;
  private lastProgress: TaskProgress;
  private lastWrite = 0;
  private writing: Promise<void> = Promise.resolve();
  private trailing?: NodeJS.Timeout;
  private closed = false;
  private costsOnce?: Promise<CreditCosts>;
  /** The last cancel lookup, shared by the items and calls that ask within CANCEL_CHECK_MS. */
  private cancelCheck?: { at: number; cancelled: Promise<boolean> };
  /** Items of the current attempt that fell back: they succeed without clearing their notice. */
  private readonly fellBack = new Set<string>();

  constructor(
    readonly run: TaskRunRow,
    readonly input: I,
    readonly tenant: TenantContext,
    private readonly deps: TaskContextDeps,
  ) {
    this.itemErrors = [...run.itemErrors];
    this.debug = { ...run.debugInfo };
    this.lastProgress = run.progress;
    this.failFast = new FailFast(deps.failFastAfter);
    this.db = deps.db;
    this.log = deps.log;
    this.storage = deps.storage;
  }

  get ai() {
    return this.deps.aiSessions(this as TaskContext<unknown>);
  }

  /** How many more of a resource the account's plan allows now (null: no limit). */
  planRoom(resource: 'sites' | 'members' | 'keywords') {
    return this.deps.planRoom(resource);
  }

  /** The credit costs of operations, read once per run. */
  costs(): Promise<CreditCosts> {
    this.costsOnce ??= this.deps.costs();
    return this.costsOnce;
  }

  /** The latest progress, including what spacing has not written yet. */
  get currentProgress(): TaskProgress {
    return this.lastProgress;
  }

  /**
   * Progress never goes backwards and stays within 0–100, whatever the handler reports.
   * Writes are spaced (fast items would otherwise spend their time reporting) with a trailing
   * write, and go out one at a time, each with the latest state, so parallel items never land an
   * older progress over a newer one. `force` writes at once (item errors, waits).
   */
  async progress(
    p: { phase: TaskPhase; current?: number; total?: number; message: string },
    force = false,
  ): Promise<void> {
    const total = Math.max(0, p.total ?? this.lastProgress.total);
    const current = Math.min(Math.max(0, p.current ?? this.lastProgress.current), total || Number.MAX_SAFE_INTEGER);
    const raw = total > 0 ? Math.floor((current / total) * 100) : 0;
    const percent = Math.max(this.lastProgress.percent, Math.min(100, Math.max(0, raw)));
    this.lastProgress = { phase: p.phase, current, total, percent, message: p.message.slice(0, 500) };
    const wait = PROGRESS_WRITE_MS - (Date.now() - this.lastWrite);
    if (!force && wait > 0) {
      this.trailing ??= setTimeout(() => {
        this.trailing = undefined;
        this.write().catch((err: unknown) => this.log.warn({ err, taskRunId: this.run.id }, 'progress write failed'));
      }, wait);
      return;
    }
    await this.write();
  }

  private write(): Promise<void> {
    this.lastWrite = Date.now();
    if (this.trailing) clearTimeout(this.trailing);
    this.trailing = undefined;
    const next = this.writing.then(() =>
      this.closed
        ? undefined
        : updateTaskRun(this.db, this.run.id, {
            progress: this.lastProgress,
            debugInfo: this.debug,
            itemErrors: this.itemErrors,
          }),
    );
    // A failed write is the caller's to see, not the next write's.
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** No more progress writes: the runner writes the final state after this. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.trailing) clearTimeout(this.trailing);
    this.trailing = undefined;
    await this.writing;
  }

  /** Waits `ms`, checking for a cancel or a stopping worker every second. */
  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    for (let left = ms; left > 0; left = until - Date.now()) {
      await this.checkpoint();
      await new Promise((r) => setTimeout(r, Math.min(left, 1000)));
    }
  }

  /** Stops here when the user cancelled or the worker is shutting down (the job then resumes elsewhere). */
  async checkpoint(): Promise<void> {
    if (this.deps.isStopping()) throw new WorkerStopping('worker stopping');
    await this.assertNotCancelled();
  }

  /** Stops here when the user cancelled; a stopping worker still lets started items finish. */
  async assertNotCancelled(): Promise<void> {
    const now = Date.now();
    if (!this.cancelCheck || now - this.cancelCheck.at > CANCEL_CHECK_MS) {
      this.cancelCheck = { at: now, cancelled: isCancelRequested(this.db, this.run.id) };
    }
    if (await this.cancelCheck.cancelled) throw new TaskCancelled('cancelled');
  }

  /**
   * Runs `fn` for each item, up to `concurrency` at once. An item's failure is recorded and the
   * others go on; a cancel, a stopping worker, a provider error that dooms every item (invalid key,
   * quota) or items failing in a row the same way (fail fast) start no further items, let the
   * running ones finish, then end the task. `save` writes an item's rows and marks it done in one
   * transaction, so a retried job neither loses nor duplicates items.
   */
  async forEachItem<T>(
    items: readonly T[],
    opts: ItemOptions<T>,
    fn: (item: T, save: SaveItem) => Promise<void>,
  ): Promise<ItemOutcome> {
    const done = await doneItemKeys(this.db, this.run.id);
    const outcome: ItemOutcome = { total: items.length, succeeded: 0, failed: 0, skipped: 0 };
    const todo = items.filter((item) => !done.has(opts.key(item)));
    outcome.skipped = items.length - todo.length;
    this.totals.skipped += outcome.skipped;
    let finished = outcome.skipped;
    const total = items.length;
    const inFlight = new Map<string, string>();
    const concurrency = () => {
      const c = typeof opts.concurrency === 'function' ? opts.concurrency() : (opts.concurrency ?? 1);
      return Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(c)));
    };
    const limit = pLimit(this.run.itemDelayMs > 0 ? 1 : concurrency());
    let stop: unknown;

    const runOne = async (item: T) => {
      if (stop) return;
      try {
        await this.checkpoint();
      } catch (e) {
        stop ??= e;
        return;
      }
      if (stop) return;
      const key = opts.key(item);
      const label = opts.label(item);
      inFlight.set(key, label);
      await this.progress({
        phase: 'calling_ai',
        current: finished,
        total,
        message: inProgress(opts.verb, inFlight, finished, total),
      });
      let saved = false;
      let failed = false;
      try {
        await fn(item, async (write, charge) => {
          await this.db.transaction(async (tx) => {
            await write(tx);
            // Charged with its rows: an item that is not saved costs nothing, and a saved one once.
            if (charge) await this.deps.charge(tx, key, charge);
            await markItemDone(tx, this.run.id, key);
          });
          saved = true;
        });
        if (!saved) throw new Error(`item ${key} finished without saving`);
        outcome.succeeded++;
        this.totals.succeeded++;
        // A retried item that finally succeeded no longer counts as an error; one that fell back keeps its notice.
        if (!this.fellBack.has(key)) {
          this.setItemError(key, null);
          this.failFast.record(null);
        }
      } catch (e) {
        if (
          e instanceof TaskCancelled ||
          e instanceof WorkerStopping ||
          (e instanceof ProviderError && e.fatalForTask)
        ) {
          stop ??= e;
        } else {
          failed = true;
          outcome.failed++;
          this.totals.failed++;
          const code = errorCode(e);
          const message = e instanceof Error ? e.message : String(e);
          if (!(e instanceof ProviderError) && !(e instanceof AppError))
            this.log.error({ err: e, taskRunId: this.run.id, item: key }, 'task item failed');
          this.setItemError(key, { item: key, label, code, message: message.slice(0, 1000) });
          const tripped = this.failFast.record(e);
          if (tripped) stop ??= tripped;
        }
      } finally {
        inFlight.delete(key);
        finished++;
        limit.concurrency = this.run.itemDelayMs > 0 ? 1 : concurrency();
      }
      const message = inFlight.size
        ? inProgress(opts.verb, inFlight, finished, total)
        : `${opts.verb} ${label}: ${failed ? 'failed' : 'done'} (${finished} of ${total})`;
      await this.progress(
        { phase: inFlight.size ? 'calling_ai' : 'saving', current: finished, total, message },
        failed,
      );
      // A paced run (automation's delay within a stage) waits between items, cancellable as any wait.
      if (this.run.itemDelayMs > 0 && !stop) {
        try {
          await this.pause(this.run.itemDelayMs);
        } catch (e) {
          stop ??= e;
        }
      }
    };

    await Promise.all(todo.map((item) => limit(() => runOne(item))));
    if (stop) throw stop;
    return outcome;
  }

  /**
   * An item is being saved with an offline fallback for a part that failed (e.g. a template
   * description when the AI one failed): the task ends `partial` and the item shows the reason.
   * Counts toward fail fast; once tripped, handlers skip the provider (`failFast.tripped`).
   */
  itemFellBack(key: string, label: string, error: unknown): void {
    const code = errorCode(error);
    const message = error instanceof Error ? error.message : String(error);
    this.fellBack.add(key);
    this.totals.fallback++;
    this.setItemError(key, { item: key, label, code, message: message.slice(0, 1000), fallback: true });
    this.failFast.record(error);
  }

  /** One entry per item: a later attempt's outcome replaces an earlier attempt's error. */
  private setItemError(key: string, error: TaskItemError | null): void {
    const at = this.itemErrors.findIndex((e) => e.item === key);
    if (at >= 0) this.itemErrors.splice(at, 1);
    if (error) this.itemErrors.push(error);
  }
}

/** The machine code an item's failure is listed with. */
export function errorCode(e: unknown): string {
  return e instanceof ProviderError || e instanceof AppError ? e.code : 'item_failed';
}

/** "Writing “A”, “B” and 3 more — 12 of 100 done" */
function inProgress(verb: string, inFlight: Map<string, string>, finished: number, total: number): string {
  const labels = [...inFlight.values()];
  const shown = labels.slice(0, 2).join(', ');
  const more = labels.length > 2 ? ` and ${labels.length - 2} more` : '';
  return `${verb} ${shown}${more} — ${finished} of ${total} done`;
}
