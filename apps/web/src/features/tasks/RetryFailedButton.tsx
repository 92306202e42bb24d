import { Button, type ButtonProps } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { failedItemsOf, type TaskRun } from '@igny8/contracts';
import { useRetryFailedItems } from '../../api/queries/tasks';
import { useStartedTask } from './useStartedTask';

/**
 * "Retry failed items" for an ended run whose items failed: the server starts a new run of the same
 * kind with only those items, and the tray follows it. Nothing shows for other runs.
 */
export function RetryFailedButton({
  run,
  size = 'sm',
  onStarted,
}: {
  run: TaskRun;
  size?: ButtonProps['size'];
  onStarted?: (taskId: string) => void;
}) {
  const started = useStartedTask(run.accountId);
  const retry = useRetryFailedItems(run.accountId, (taskId) => {
    started(taskId);
    onStarted?.(taskId);
  });
  const failed = failedItemsOf(run).length;
  if (failed === 0) return null;
  return (
    <Button
      size={size}
      variant="light"
      color="red"
      leftSection={<IconRefresh size={14} />}
      loading={retry.isPending}
      onClick={() => retry.mutate(run.id)}
      data-testid={`task-retry-failed-${run.id}`}
    >
      Retry {failed} failed item{failed === 1 ? '' : 's'}
    </Button>
  );
}
