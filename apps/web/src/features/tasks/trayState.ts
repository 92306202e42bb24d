import { isTerminalTaskStatus, type TaskRun } from '@igny8/contracts';

/**
 * Pure rules of the task tray: how often to poll, how answers from several polls (active list,
 * recent list, per-task detail) are merged without the display ever going backwards, and which
 * tasks just ended.
 */

/** Poll this fast while anything runs (DESIGN §6: progress is watched live). */
export const ACTIVE_POLL_MS = 1_000;
/** With nothing running, look for tasks started elsewhere (another tab, a colleague) now and then. */
export const IDLE_POLL_MS = 5_000;

export const isActive = (run: Pick<TaskRun, 'status'>) => !isTerminalTaskStatus(run.status);

/** Interval for a list query: fast while any task is active, slow (or off) once all have ended. */
export function listPollInterval(
  runs: readonly Pick<TaskRun, 'status'>[] | undefined,
  idle: number | false = IDLE_POLL_MS,
): number | false {
  return runs?.some(isActive) ? ACTIVE_POLL_MS : idle;
}

/** Interval for one task's detail query: until it has ended (unknown yet counts as running). */
export function detailPollInterval(run: Pick<TaskRun, 'status'> | undefined): number | false {
  return run && !isActive(run) ? false : ACTIVE_POLL_MS;
}

/**
 * The newer of two snapshots of one task. Answers can arrive out of order (a list fetched before a
 * detail may land after it), so an older or less finished snapshot never replaces a newer one, and
 * the percent shown never decreases.
 */
export function mergeRun(prev: TaskRun | undefined, next: TaskRun): TaskRun {
  if (!prev) return next;
  if (!isActive(prev) && isActive(next)) return prev;
  const prevTime = Date.parse(prev.updatedAt);
  const nextTime = Date.parse(next.updatedAt);
  if (nextTime < prevTime && isActive(next) === isActive(prev)) return prev;
  if (next.progress.percent >= prev.progress.percent) return next;
  return { ...next, progress: { ...next.progress, percent: prev.progress.percent } };
}

export type RunMap = Readonly<Record<string, TaskRun>>;

export interface MergeOutcome {
  runs: RunMap;
  /** Tasks seen running before and ended in this batch. */
  finished: TaskRun[];
  changed: boolean;
}

/**
 * Folds a batch of snapshots into the known runs; `runs` keeps its identity when nothing changed.
 * A task counts as finished when it was seen running, or was `awaited` (just started here) and its
 * first snapshot is already final (quick tasks end before the first poll).
 */
export function mergeRuns(runs: RunMap, incoming: readonly TaskRun[], awaited: readonly string[] = []): MergeOutcome {
  let next: Record<string, TaskRun> | null = null;
  const finished: TaskRun[] = [];
  for (const snapshot of incoming) {
    const current = (next ?? runs)[snapshot.id];
    const merged = mergeRun(current, snapshot);
    if (merged === current || (current && sameSnapshot(current, merged))) continue;
    next ??= { ...runs };
    next[snapshot.id] = merged;
    const wasRunning = current ? isActive(current) : awaited.includes(snapshot.id);
    if (wasRunning && !isActive(merged)) finished.push(merged);
  }
  return { runs: next ?? runs, finished, changed: next !== null };
}

function sameSnapshot(a: TaskRun, b: TaskRun): boolean {
  return (
    a.updatedAt === b.updatedAt &&
    a.status === b.status &&
    a.cancelRequested === b.cancelRequested &&
    // heartbeats do not move updatedAt, so a worker lost (or back) shows only here
    a.stalled === b.stalled &&
    a.progress.percent === b.progress.percent &&
    a.progress.message === b.progress.message
  );
}

/** Running tasks first (newest first), then ended ones by when they ended. */
export function sortForTray(runs: readonly TaskRun[]): TaskRun[] {
  const time = (r: TaskRun) => Date.parse(isActive(r) ? r.createdAt : (r.finishedAt ?? r.updatedAt));
  return [...runs].sort((a, b) => {
    if (isActive(a) !== isActive(b)) return isActive(a) ? -1 : 1;
    return time(b) - time(a);
  });
}

/** Ids that need their own detail poll: known to be running, or just started and not seen yet. */
export function idsToWatch(runs: RunMap, tracked: readonly string[], max = 10): string[] {
  const ids = new Set<string>();
  for (const id of tracked) if (!runs[id] || isActive(runs[id])) ids.add(id);
  for (const run of sortForTray(Object.values(runs))) if (isActive(run)) ids.add(run.id);
  return [...ids].slice(0, max);
}
