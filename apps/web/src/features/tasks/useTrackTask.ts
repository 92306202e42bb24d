import { useCallback, useContext } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { TaskStarted } from '@igny8/contracts';
import { taskKeys } from '../../api/queries/tasks';
import { AccountContext } from '../account/context';
import { announceTaskStarted } from './channel';
import { trackTaskId } from './store';
import { ACTIVE_PARAMS } from './useTaskFeed';

/**
 * For pages that start work (`202 { taskId }`): the tray shows the task at once, polls it every
 * second and announces it to the other tabs.
 *
 *   const track = useTrackTask();
 *   mutation.mutate(body, { onSuccess: (started) => track(started) });
 */
export function useTrackTask(accountId?: string): (started: TaskStarted | string) => void {
  const qc = useQueryClient();
  const scoped = useContext(AccountContext)?.accountId;
  const account = accountId ?? scoped;
  return useCallback(
    (started) => {
      if (!account) throw new Error('useTrackTask needs an account (use it under /a/:accountId)');
      const taskId = typeof started === 'string' ? started : started.taskId;
      trackTaskId(account, taskId);
      void qc.invalidateQueries({ queryKey: taskKeys.list(account, ACTIVE_PARAMS) });
      announceTaskStarted(account, taskId);
    },
    [account, qc],
  );
}
