import type { AutomationRunStatus, AutomationStageState } from '@igny8/contracts';

export const runStatusMeta: Record<AutomationRunStatus, { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  running: { label: 'Running', color: 'blue' },
  paused: { label: 'Paused', color: 'yellow' },
  succeeded: { label: 'Succeeded', color: 'teal' },
  partial: { label: 'Partly done', color: 'orange' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

export const stageStatusMeta: Record<AutomationStageState['status'], { label: string; color: string }> = {
  waiting: { label: 'Waiting', color: 'gray' },
  running: { label: 'Running', color: 'blue' },
  succeeded: { label: 'Done', color: 'teal' },
  partial: { label: 'Partly done', color: 'orange' },
  failed: { label: 'Failed', color: 'red' },
  skipped: { label: 'Skipped', color: 'gray' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

/** What waits at each stage, in the overview's words. */
export const waitingNouns: Record<AutomationStageState['stage'], string> = {
  cluster: 'keywords to cluster',
  ideas: 'clusters without ideas',
  queue: 'new ideas',
  content: 'queued writer tasks',
  imagePrompts: 'articles without image prompts',
  images: 'image prompts without images',
  publish: 'articles not published',
};

/** A date and time in the browser's locale. */
export function formatDateTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}
