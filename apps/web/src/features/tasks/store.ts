import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { TaskRun } from '@igny8/contracts';
import { isActive, mergeRuns, type RunMap } from './trayState';

/**
 * What this tab knows about an account's tasks, merged from every poll (active list, recent list,
 * per-task details). Module level, so it survives route changes and remounts of the shell.
 */
export interface AccountTasks {
  runs: RunMap;
  /** Started from this tab and not seen in any answer yet. */
  tracked: string[];
  /** Tasks seen running in this tab: the floating dock shows them until dismissed. */
  dock: string[];
  dockCollapsed: boolean;
}

export const emptyAccountTasks: AccountTasks = { runs: {}, tracked: [], dock: [], dockCollapsed: false };

export const taskStore = createStore<{ accounts: Record<string, AccountTasks> }>()(() => ({ accounts: {} }));

function read(accountId: string): AccountTasks {
  return taskStore.getState().accounts[accountId] ?? emptyAccountTasks;
}

function write(accountId: string, next: AccountTasks): void {
  taskStore.setState((s) => ({ accounts: { ...s.accounts, [accountId]: next } }));
}

/** Merges snapshots from the server; returns the tasks that ended with this batch. */
export function ingestRuns(accountId: string, snapshots: readonly TaskRun[]): TaskRun[] {
  const current = read(accountId);
  const { runs, finished, changed } = mergeRuns(current.runs, snapshots, current.tracked);
  const tracked = current.tracked.filter((id) => !runs[id]);
  const newlyActive = snapshots
    .filter((r) => isActive(runs[r.id] ?? r) && !current.dock.includes(r.id))
    .map((r) => r.id);
  if (!changed && tracked.length === current.tracked.length && newlyActive.length === 0) return finished;
  write(accountId, {
    ...current,
    runs,
    tracked,
    dock: newlyActive.length ? [...current.dock, ...newlyActive] : current.dock,
    dockCollapsed: newlyActive.length ? false : current.dockCollapsed,
  });
  return finished;
}

/** A task this tab just started: watch it before any list has seen it, and show the dock. */
export function trackTaskId(accountId: string, taskId: string): void {
  const current = read(accountId);
  write(accountId, {
    ...current,
    tracked: current.runs[taskId] || current.tracked.includes(taskId) ? current.tracked : [...current.tracked, taskId],
    dock: current.dock.includes(taskId) ? current.dock : [...current.dock, taskId],
    dockCollapsed: false,
  });
}

/** A tracked id the server does not know (another account's, or deleted): stop watching it. */
export function forgetTracked(accountId: string, taskId: string): void {
  const current = read(accountId);
  if (!current.tracked.includes(taskId)) return;
  write(accountId, {
    ...current,
    tracked: current.tracked.filter((id) => id !== taskId),
    dock: current.dock.filter((id) => id !== taskId),
  });
}

/** Closing the dock forgets the ended tasks; running ones stay, folded. */
export function dismissDock(accountId: string): void {
  const current = read(accountId);
  const running = current.dock.filter((id) => {
    const run = current.runs[id];
    return !run || isActive(run);
  });
  write(accountId, { ...current, dock: running, dockCollapsed: running.length > 0 });
}

export function setDockCollapsed(accountId: string, collapsed: boolean): void {
  write(accountId, { ...read(accountId), dockCollapsed: collapsed });
}

export function useAccountTasks(accountId: string): AccountTasks {
  return useStore(taskStore, (s) => s.accounts[accountId] ?? emptyAccountTasks);
}

/** The freshest snapshot of one task this tab knows, for pages showing progress inline. */
export function useKnownTask(accountId: string, taskId: string | null | undefined): TaskRun | undefined {
  return useStore(taskStore, (s) => (taskId ? s.accounts[accountId]?.runs[taskId] : undefined));
}
