import { notifications } from '@mantine/notifications';
import { useSite } from '../../sites/context';
import { useWatchedTasks } from './watchedTasks';

/**
 * What a page calls after a `202 { taskId }`: the task is watched until it ends (then the site's
 * data is refreshed) and the user learns that it runs in the background.
 */
export function useStartedTask() {
  const { accountId, siteId } = useSite();
  const watch = useWatchedTasks((s) => s.watch);
  return (taskId: string, label: string) => {
    watch({ taskId, accountId, siteId, label });
    notifications.show({
      color: 'indigo',
      title: label,
      message: 'Running in the background. You can keep working.',
      autoClose: 4000,
    });
  };
}
