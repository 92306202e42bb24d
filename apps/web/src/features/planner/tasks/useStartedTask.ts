import { useTrackTask } from '../../tasks/useTrackTask';
import { useSite } from '../../sites/context';

/**
 * What a planner page calls after a `202 { taskId }`: the task tray shows the task at once and
 * polls it; when it ends the tray notifies and refreshes the pages' data.
 */
export function useStartedTask(): (taskId: string) => void {
  const { accountId } = useSite();
  return useTrackTask(accountId);
}
