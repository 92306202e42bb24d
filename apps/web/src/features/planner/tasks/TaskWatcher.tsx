import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { isTerminalTaskStatus, taskRunSchema, type TaskRun } from '@igny8/contracts';
import { api } from '../../../api/client';
import { accountPath } from '../../../api/queries/accounts';
import { siteKeys } from '../../../api/queries/sites';
import { useWatchedTasks, type WatchedTask } from './watchedTasks';

const POLL_MS = 1500;

function finishedMessage(run: TaskRun): { color: string; message: string } {
  if (run.status === 'succeeded') return { color: 'teal', message: run.progress.message || 'Finished.' };
  if (run.status === 'partial') return { color: 'yellow', message: `Finished with ${run.itemErrors.length} failed item(s).` };
  if (run.status === 'cancelled') return { color: 'gray', message: 'Cancelled.' };
  return { color: 'red', message: run.error?.message ?? 'The task failed.' };
}

function WatchOne({ task }: { task: WatchedTask }) {
  const qc = useQueryClient();
  const done = useWatchedTasks((s) => s.done);
  const run = useQuery({
    queryKey: ['accounts', task.accountId, 'tasks', 'run', task.taskId],
    queryFn: ({ signal }) =>
      api(`${accountPath(task.accountId)}/tasks/${encodeURIComponent(task.taskId)}`, { schema: taskRunSchema, signal }),
    refetchInterval: (q) => (q.state.data && isTerminalTaskStatus(q.state.data.status) ? false : POLL_MS),
  });
  const data = run.data;
  const terminal = data ? isTerminalTaskStatus(data.status) : false;

  useEffect(() => {
    if (!data || !terminal) return;
    void qc.invalidateQueries({ queryKey: siteKeys.one(task.accountId, task.siteId) });
    const { color, message } = finishedMessage(data);
    notifications.show({ id: `task-${task.taskId}`, color, title: data.title || task.label, message, autoClose: 6000 });
    done(task.taskId);
  }, [data, terminal, qc, task, done]);

  useEffect(() => {
    if (run.isError) done(task.taskId);
  }, [run.isError, task.taskId, done]);
  return null;
}

/** Refreshes the site's planner data when a task started here ends, and says how it ended. */
export function TaskWatcher() {
  const tasks = useWatchedTasks((s) => s.tasks);
  return (
    <>
      {tasks.map((t) => (
        <WatchOne key={t.taskId} task={t} />
      ))}
    </>
  );
}
