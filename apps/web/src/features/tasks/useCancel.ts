import { useQueryClient } from '@tanstack/react-query';
import { useCancelTask } from '../../api/queries/tasks';
import { notifySuccess } from '../../lib/notify';
import { handleFinished } from './finished';
import { ingestRuns } from './store';

/** Cancel with the tray kept in step; the server's refusal (already finished…) shows as a notification. */
export function useTaskCancel(accountId: string) {
  const qc = useQueryClient();
  return useCancelTask(accountId, (run) => {
    handleFinished(qc, accountId, ingestRuns(accountId, [run]));
    if (run.status !== 'cancelled') notifySuccess('The task stops after the item it is working on.', 'Cancelling');
  });
}
