import { terminalTaskStatuses, type TaskRun } from '@igny8/contracts';
import { and, count, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { isUuid } from '../../db/query';
import { taskRunItems, taskRuns } from '../../db/schema/index';

export type TaskRunRow = typeof taskRuns.$inferSelect;

/**
 * The DTO. `staleMs` is TASK_STALE_SECONDS: a running run whose heartbeat is older says
 * `stalled`, so the user sees "worker lost, resuming" instead of a frozen progress bar.
 */
export function toTaskRun(r: TaskRunRow, staleMs: number, now = Date.now()): TaskRun {
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
    cancelRequested: r.cancelRequested,
    heartbeatAt: r.heartbeatAt?.toISOString() ?? null,
    stalled: r.status === 'running' && (!r.heartbeatAt || now - r.heartbeatAt.getTime() > staleMs),
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listTaskRuns(
  db: Db,
  t: TenantContext,
  q: { active?: boolean; kind?: string; limit: number; offset: number },
  staleMs: number,
) {
  const where = and(
    eq(taskRuns.accountId, t.accountId),
    q.active === undefined ? undefined : q.active ? notInArray(taskRuns.status, [...terminalTaskStatuses]) : inArray(taskRuns.status, [...terminalTaskStatuses]),
    q.kind ? eq(taskRuns.kind, q.kind) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(taskRuns).where(where).orderBy(desc(taskRuns.createdAt)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(taskRuns).where(where),
  ]);
  const now = Date.now();
  return { items: rows.map((r) => toTaskRun(r, staleMs, now)), total: total?.n ?? 0 };
}

export async function getTaskRun(db: Db, t: TenantContext, id: string): Promise<TaskRunRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [r] = await db.select().from(taskRuns).where(and(eq(taskRuns.accountId, t.accountId), eq(taskRuns.id, id)));
  return r;
}

/** Worker-side read: the job carries only the id, the row carries the tenant. */
export async function getTaskRunForWorker(db: Db, id: string): Promise<TaskRunRow | undefined> {
  const [r] = await db.select().from(taskRuns).where(eq(taskRuns.id, id));
  return r;
}

/**
 * Takes a run for this worker. Conditional on the attempt count read before, so of two
 * deliveries of one job that race here, one claims it and the other sees it taken.
 */
export async function claimTaskRun(db: Db, run: TaskRunRow): Promise<boolean> {
  const claimed = await db
    .update(taskRuns)
    .set({ status: 'running', startedAt: run.startedAt ?? new Date(), attempts: run.attempts + 1, heartbeatAt: sql`now()`, updatedAt: new Date() })
    .where(and(eq(taskRuns.id, run.id), eq(taskRuns.attempts, run.attempts), notInArray(taskRuns.status, [...terminalTaskStatuses])))
    .returning({ id: taskRuns.id });
  return claimed.length === 1;
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

/** Missing counts as cancelled: a deleted run has nobody left to work for. */
export async function isCancelRequested(db: Db, id: string): Promise<boolean> {
  const [r] = await db.select({ c: taskRuns.cancelRequested }).from(taskRuns).where(eq(taskRuns.id, id));
  return !r || r.c;
}

export async function updateTaskRun(db: Db, id: string, patch: Partial<typeof taskRuns.$inferInsert>): Promise<void> {
  await db.update(taskRuns).set({ ...patch, updatedAt: new Date() }).where(eq(taskRuns.id, id));
}

export async function doneItemKeys(db: Db, taskRunId: string): Promise<Set<string>> {
  const rows = await db.select({ k: taskRunItems.itemKey }).from(taskRunItems).where(eq(taskRunItems.taskRunId, taskRunId));
  return new Set(rows.map((r) => r.k));
}

export async function markItemDone(db: Db, taskRunId: string, itemKey: string): Promise<void> {
  await db.insert(taskRunItems).values({ taskRunId, itemKey });
}
