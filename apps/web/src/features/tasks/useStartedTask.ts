import { useCallback } from 'react';
import { notifications } from '@mantine/notifications';
import type { TaskStarted } from '@igny8/contracts';
import { useTrackTask } from './useTrackTask';

/**
 * What a page calls after a `202 { taskId }`: the task tray shows and polls the task (and refreshes
 * the pages' data when it ends). With a `label`, a notification also says the work goes on in the
 * background (the writer's starts); without one the start stays silent (the planner's, whose
 * dialogs and bars say so themselves).
 *
 *   const started = useStartedTask();
 *   mutation.mutate(body, { onSuccess: (res) => started(res, 'Writing 3 articles') });
 */
export function useStartedTask(accountId?: string): (started: TaskStarted | string, label?: string) => void {
  const track = useTrackTask(accountId);
  return useCallback(
    (started, label) => {
      track(started);
      if (!label) return;
      notifications.show({
        color: 'indigo',
        title: label,
        message: 'Running in the background: follow it in the task tray.',
        autoClose: 4000,
      });
    },
    [track],
  );
}
