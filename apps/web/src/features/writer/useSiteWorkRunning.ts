import { useStore } from 'zustand';
import { taskStore } from '../tasks/store';
import { isActive } from '../tasks/trayState';

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
