import { useStore } from 'zustand';
import { notifications } from '@mantine/notifications';
import type { TaskStarted } from '@igny8/contracts';
import { useSite } from '../sites/context';
import { taskStore } from '../tasks/store';
import { isActive } from '../tasks/trayState';
import { useTrackTask } from '../tasks/useTrackTask';

/** The site the writer pages work on, and whether the signed-in member may change anything. */
export function useWriterSite() {
  const { accountId, siteId, site, canEdit } = useSite();
  return { accountId, siteId, site, canEdit };
}

/**
 * What a page calls after a `202 { taskId }`: the task tray shows and polls it (and refreshes the
 * pages' data when it ends); the notification says the work goes on in the background.
 */
export function useStartedTask() {
  const track = useTrackTask();
  return (started: TaskStarted, label: string) => {
    track(started);
    notifications.show({
      color: 'indigo',
      title: label,
      message: 'Running in the background: follow it in the task tray.',
      autoClose: 4000,
    });
  };
}

/** Whether a task of this site (optionally of given kinds) is still running, as far as the tray knows. */
export function useSiteWorkRunning(accountId: string, siteId: string, kinds?: readonly string[]): boolean {
  return useStore(taskStore, (s) => {
    const state = s.accounts[accountId];
    if (!state) return false;
    if (state.tracked.length > 0) return true;
    return Object.values(state.runs).some(
      (r) => r.siteId === siteId && isActive(r) && (!kinds || kinds.includes(r.kind)),
    );
  });
}
