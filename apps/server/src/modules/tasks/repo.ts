import { terminalTaskStatuses, type TaskRun, type taskRunSortFields } from '@igny8/contracts';
import { and, count, eq, getTableColumns, gt, inArray, lt, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { isUuid, sortedBy } from '../../db/query';
import { taskRunItems, taskRuns } from '../../db/schema/index';

export type TaskRunRow = typeof taskRuns.$inferSelect;
/** A run without its input: what progress polls and lists read (an input can be large; it is read on request). */
export type TaskRunState = Omit<TaskRunRow, 'input'>;

/** Every column but `input`. PostgreSQL keeps a large input out of line (TOAST): a poll that does not select it never reads it. */
const stateColumns = (() => {
  const { input: _input, ...columns } = getTableColumns(taskRuns);
  return columns;
})();

/**
 * The DTO. `staleMs` is TASK_STALE_SECONDS: a running run whose heartbeat is older says
 * `stalled`, so the user sees "worker lost, resuming" instead of a frozen progress bar.
 */
export function toTaskRun(r: TaskRunState, staleMs: number, now = Date.now()): TaskRun {
  return {
    id: r.id,
    accountId: r.accountId,
    siteId: r.siteId,
    userId: r.userId,
    kind: r.kind,
    title: r.title,
    status: r.status,
    progress: r.progress,
    result: r.result ?? null,
    itemErrors: r.itemErrors,
    error: r.error ?? null,
    debugInfo: r.debugInfo,
    resultPath: r.resultPath,
    automationRunId: r.automationRunId,
    cancelRequested: r.cancelRequested,
    heartbeatAt: r.heartbeatAt?.toISOString() ?? null,
    stalled: r.status === 'running' && (!r.heartbeatAt || now - r.heartbeatAt.getTime() > staleMs),
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

type TaskRunSort = (typeof taskRunSortFields)[number];
const taskRunSortColumns: Record<TaskRunSort, AnyPgColumn | SQL> = {
  title: sql`lower(${taskRuns.title})`,
  kind: taskRuns.kind,
  status: taskRuns.status,
  createdAt: taskRuns.createdAt,
  finishedAt: taskRuns.finishedAt,
};

export async function listTaskRuns(
  db: Db,
  t: TenantContext,
  q: { active?: boolean; kind?: string; sort?: TaskRunSort; order?: 'asc' | 'desc'; limit: number; offset: number },
  staleMs: number,
) {
  const where = and(
    eq(taskRuns.accountId, t.accountId),
    q.active === undefined
      ? undefined
      : q.active
        ? notInArray(taskRuns.status, [...terminalTaskStatuses])
        : inArray(taskRuns.status, [...terminalTaskStatuses]),
    q.kind ? eq(taskRuns.kind, q.kind) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(stateColumns)
      .from(taskRuns)
      .where(where)
      .orderBy(...sortedBy(taskRunSortColumns[q.sort ?? 'createdAt'], q.order ?? 'desc', taskRuns.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(taskRuns).where(where),
  ]);
  const now = Date.now();
  return { items: rows.map((r) => toTaskRun(r, staleMs, now)), total: total?.n ?? 0 };
}

export async function getTaskRun(db: Db, t: TenantContext, id: string): Promise<TaskRunState | undefined> {
  if (!isUuid(id)) return undefined;
  const [r] = await db
    .select(stateColumns)
    .from(taskRuns)
    .where(and(eq(taskRuns.accountId, t.accountId), eq(taskRuns.id, id)));
  return r;
}

/** The input a run was started with (undefined: no such run of the tenant's). */
export async function getTaskRunInput(
  db: Db,
  t: TenantContext,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  if (!isUuid(id)) return undefined;
  const [r] = await db
    .select({ input: taskRuns.input })
    .from(taskRuns)
    .where(and(eq(taskRuns.accountId, t.accountId), eq(taskRuns.id, id)));
  return r?.input;
}

/** A new queued run of the tenant's (the caller sends its job in the same transaction). */
export async function insertTaskRun(
  db: Db,
  t: TenantContext,
  run: {
    kind: string;
    title: string;
    siteId: string | null;
    resultPath: string | null;
    input: Record<string, unknown>;
    targets: string[];
    idempotencyKey: string | null;
    requestHash: string | null;
    automationRunId: string | null;
    itemDelayMs: number;
  },
): Promise<string> {
  const [row] = await db
    .insert(taskRuns)
    .values({ ...run, accountId: t.accountId, userId: t.userId || null })
    .returning({ id: taskRuns.id });
  return row!.id;
}

/**
 * Serialises the task starts of one account until the caller's transaction ends, so that two
 * starts (a double click) cannot both find no overlapping run and both insert one.
 */
export async function lockTaskStarts(db: Db, t: TenantContext): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('igny8.task-start'), hashtext(${t.accountId}::text))`);
}

export async function findRunByIdempotencyKey(db: Db, t: TenantContext, key: string) {
  const [r] = await db
    .select({ id: taskRuns.id, requestHash: taskRuns.requestHash })
    .from(taskRuns)
    .where(and(eq(taskRuns.accountId, t.accountId), eq(taskRuns.idempotencyKey, key)));
  return r;
}

const live = inArray(taskRuns.status, ['queued', 'running']);

/**
 * A queued or running run of `kind` on the same site working on any of `targets`, or undefined. A target
 * ending in '*' covers every target starting with what precedes it: '*' everything of the site,
 * 'sector:<id>:*' everything of one sector (and another run on that sector).
 */
export async function findOverlappingRun(
  db: Db,
  t: TenantContext,
  kind: string,
  siteId: string | null,
  targets: readonly string[],
) {
  // An array in a template would become a tuple of parameters: build the array literal instead.
  const mine = sql`array[${sql.join(
    targets.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;
  const [r] = await db
    .select({ id: taskRuns.id, title: taskRuns.title, status: taskRuns.status })
    .from(taskRuns)
    .where(
      and(
        eq(taskRuns.accountId, t.accountId),
        eq(taskRuns.kind, kind),
        live,
        sql`${taskRuns.siteId} is not distinct from ${siteId}::uuid`,
        // Equal targets, or a wildcard 'P*' on either side covering a target that starts with P ('*': everything).
        sql`exists (select 1 from unnest(${taskRuns.targets}) a, unnest(${mine}) b where a = b
          or (right(a, 1) = '*' and starts_with(b, left(a, -1)))
          or (right(b, 1) = '*' and starts_with(a, left(b, -1))))`,
      ),
    )
    .orderBy(taskRuns.createdAt)
    .limit(1);
  return r;
}

/** What queued and running runs of `kind` on a site work on: target id → the run's id (the earliest run wins). */
export async function liveRunTargets(
  db: Db,
  t: TenantContext,
  kind: string,
  siteId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: taskRuns.id, targets: taskRuns.targets })
    .from(taskRuns)
    .where(and(eq(taskRuns.accountId, t.accountId), eq(taskRuns.kind, kind), eq(taskRuns.siteId, siteId), live))
    .orderBy(taskRuns.createdAt);
  const byTarget = new Map<string, string>();
  for (const r of rows) for (const target of r.targets) if (!byTarget.has(target)) byTarget.set(target, r.id);
  return byTarget;
}

/** Queued and running runs of the account: how long its queue already is. */
export async function countLiveRuns(db: Db, t: TenantContext): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(taskRuns)
    .where(and(eq(taskRuns.accountId, t.accountId), live));
  return r?.n ?? 0;
}

/** Worker-side read: the job carries only the id, the row carries the tenant. */
export async function getTaskRunForWorker(db: Db, id: string): Promise<TaskRunRow | undefined> {
  const [r] = await db.select().from(taskRuns).where(eq(taskRuns.id, id));
  return r;
}

/**
 * Takes a run for this worker, inside the caller's transaction. Conditional on the attempt count read
 * before, so of two deliveries of one job that race here, one claims it and the other sees it `taken`.
 * `account_busy` when the account already has `maxRunning` runs running (with live heartbeats) on any
 * worker: under an advisory lock per account, so two workers cannot both take the last slot.
 */
export async function claimTaskRun(
  db: Db,
  run: TaskRunRow,
  slots: { maxRunning: number; staleSeconds: number },
): Promise<'claimed' | 'taken' | 'account_busy'> {
  await db.execute(
    sql`select pg_advisory_xact_lock(hashtext('igny8.account-slots'), hashtext(${run.accountId}::text))`,
  );
  const [running] = await db
    .select({ n: count() })
    .from(taskRuns)
    .where(
      and(
        eq(taskRuns.accountId, run.accountId),
        eq(taskRuns.status, 'running'),
        ne(taskRuns.id, run.id),
        gt(taskRuns.heartbeatAt, sql`now() - make_interval(secs => ${slots.staleSeconds})`),
      ),
    );
  if ((running?.n ?? 0) >= slots.maxRunning) return 'account_busy';
  const claimed = await db
    .update(taskRuns)
    .set({
      status: 'running',
      startedAt: run.startedAt ?? new Date(),
      attempts: run.attempts + 1,
      heartbeatAt: sql`now()`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(taskRuns.id, run.id),
        eq(taskRuns.attempts, run.attempts),
        notInArray(taskRuns.status, [...terminalTaskStatuses]),
      ),
    )
    .returning({ id: taskRuns.id });
  return claimed.length === 1 ? 'claimed' : 'taken';
}

/**
 * The worker's sign of life, on the database's clock (the sweeper compares with it). Only while
 * this attempt still owns the run: after a resume elsewhere, a slow old worker must not beat for it.
 */
export async function beatTaskRun(db: Db, id: string, attempt: number): Promise<void> {
  await db
    .update(taskRuns)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(taskRuns.id, id), eq(taskRuns.status, 'running'), eq(taskRuns.attempts, attempt)));
}

/** Says why a queued run is still waiting (its progress message), unless it has moved on meanwhile. */
export async function setQueuedMessage(db: Db, id: string, message: string): Promise<void> {
  await db
    .update(taskRuns)
    .set({
      progress: sql`jsonb_set(${taskRuns.progress}, '{message}', to_jsonb(${message}::text))`,
      updatedAt: new Date(),
    })
    .where(and(eq(taskRuns.id, id), eq(taskRuns.status, 'queued')));
}

/** Missing counts as cancelled: a deleted run has nobody left to work for. */
export async function isCancelRequested(db: Db, id: string): Promise<boolean> {
  const [r] = await db.select({ c: taskRuns.cancelRequested }).from(taskRuns).where(eq(taskRuns.id, id));
  return !r || r.c;
}

export async function updateTaskRun(db: Db, id: string, patch: Partial<typeof taskRuns.$inferInsert>): Promise<void> {
  await db
    .update(taskRuns)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(taskRuns.id, id));
}

export async function doneItemKeys(db: Db, taskRunId: string): Promise<Set<string>> {
  const rows = await db
    .select({ k: taskRunItems.itemKey })
    .from(taskRunItems)
    .where(eq(taskRunItems.taskRunId, taskRunId));
  return new Set(rows.map((r) => r.k));
}

export async function markItemDone(db: Db, taskRunId: string, itemKey: string): Promise<void> {
  await db.insert(taskRunItems).values({ taskRunId, itemKey });
}

/*
 * Sweeper-side (worker) functions: they work across accounts by design, on runs nobody is
 * running; the job they send carries only the id, and the runner takes the tenant from the row.
 */

const olderThan = (seconds: number) => sql`now() - make_interval(secs => ${seconds})`;

/**
 * Puts running runs of `kinds` whose heartbeat is older than `staleSeconds` back to queued, with
 * `message` as their progress message, and returns them; in one statement, so of two sweepers
 * only one gets each run.
 */
export async function claimStaleRuns(db: Db, kinds: readonly string[], staleSeconds: number, message: string) {
  return db
    .update(taskRuns)
    .set({
      status: 'queued',
      heartbeatAt: null,
      updatedAt: sql`now()`,
      progress: sql`jsonb_set(${taskRuns.progress}, '{message}', to_jsonb(${message}::text))`,
      // Kept with the run: how often it lost its worker (the message above lasts only until it resumes).
      debugInfo: sql`jsonb_set(${taskRuns.debugInfo}, '{workers_lost}', to_jsonb(coalesce((${taskRuns.debugInfo}->>'workers_lost')::int, 0) + 1))`,
    })
    .where(
      and(
        eq(taskRuns.status, 'running'),
        inArray(taskRuns.kind, [...kinds]),
        lt(taskRuns.heartbeatAt, olderThan(staleSeconds)),
      ),
    )
    .returning({ id: taskRuns.id, kind: taskRuns.kind });
}

/**
 * Queued runs of `kinds`, unchanged for `graceSeconds`, with no live job in pg-boss's tables
 * (`queue.schema`, queue `queue.name`), oldest first, locked for this transaction (SKIP LOCKED: a
 * concurrent sweeper takes others). The caller sends their jobs and calls `touchTaskRuns` in the same transaction.
 */
export async function lockQueuedRunsWithoutJob(
  db: Db,
  kinds: readonly string[],
  graceSeconds: number,
  queue: { schema: string; name: string },
  limit = 100,
) {
  return db
    .select({ id: taskRuns.id, kind: taskRuns.kind })
    .from(taskRuns)
    .where(
      and(
        eq(taskRuns.status, 'queued'),
        inArray(taskRuns.kind, [...kinds]),
        lt(taskRuns.updatedAt, olderThan(graceSeconds)),
        sql`not exists (select 1 from ${sql.raw(queue.schema)}.job j where j.name = ${queue.name}
          and j.data->>'taskRunId' = ${taskRuns.id}::text and j.state in ('created', 'retry', 'active'))`,
      ),
    )
    .orderBy(taskRuns.createdAt)
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Marks runs as just handled: a sweeper waiting on their locks re-checks them after commit and skips them. */
export async function touchTaskRuns(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(taskRuns)
    .set({ updatedAt: sql`now()` })
    .where(inArray(taskRuns.id, [...ids]));
}
