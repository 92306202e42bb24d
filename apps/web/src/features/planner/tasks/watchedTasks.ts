import { create } from 'zustand';

export interface WatchedTask {
  taskId: string;
  accountId: string;
  siteId: string;
  label: string;
}

interface WatchedTasksState {
  tasks: WatchedTask[];
  watch: (task: WatchedTask) => void;
  done: (taskId: string) => void;
}

/** Tasks this tab started from planner pages, watched until they end so their data gets refreshed. */
export const useWatchedTasks = create<WatchedTasksState>((set) => ({
  tasks: [],
  watch: (task) => set((s) => (s.tasks.some((t) => t.taskId === task.taskId) ? s : { tasks: [...s.tasks, task] })),
  done: (taskId) => set((s) => ({ tasks: s.tasks.filter((t) => t.taskId !== taskId) })),
}));
