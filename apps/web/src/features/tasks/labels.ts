import { isTerminalTaskStatus, type TaskPhase, type TaskRun, type TaskStatus, plural } from '@igny8/contracts';

/** Words and colours for task states, shared by the tray, the tasks page and notifications. */

export const statusMeta: Record<TaskStatus, { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  running: { label: 'Running', color: 'indigo' },
  succeeded: { label: 'Done', color: 'teal' },
  partial: { label: 'Partly done', color: 'orange' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

/** The colour of a finished task's Result box: never green unless everything succeeded. */
export function resultColor(status: TaskStatus): string {
  return status === 'succeeded' ? 'teal' : status === 'failed' ? 'red' : status === 'partial' ? 'orange' : 'gray';
}

/** Shown once a running task's heartbeats stop: the server's sweeper hands it to another worker. */
export const WORKER_LOST_LABEL = 'Worker lost, resuming…';

/** The badge of a task: its status, or what is happening to it while it is still active. */
export function taskBadge(run: Pick<TaskRun, 'status' | 'cancelRequested' | 'stalled'>): {
  label: string;
  color: string;
} {
  if (isTerminalTaskStatus(run.status)) return statusMeta[run.status];
  if (run.cancelRequested) return { label: 'Cancelling', color: statusMeta[run.status].color };
  if (run.stalled) return { label: WORKER_LOST_LABEL, color: 'orange' };
  return statusMeta[run.status];
}

export const phaseLabel: Record<TaskPhase, string> = {
  queued: 'Queued',
  preparing: 'Preparing',
  calling_ai: 'Calling AI',
  parsing: 'Reading the answer',
  saving: 'Saving',
  done: 'Done',
};

export const kindLabels: Record<string, string> = {
  'keywords.import': 'Keyword import',
  'keywords.serps': 'Search results',
  'clusters.auto': 'Auto-clustering',
  'ideas.generate': 'Idea generation',
  'content.generate': 'Content generation',
  'image_prompts.generate': 'Image prompts',
  'images.generate': 'Image generation',
};

export function kindLabel(kind: string): string {
  return kindLabels[kind] ?? kind;
}

/**
 * The line under a task's bar: the worker's message, or the phase. A stalled task says so first, so a frozen "6 of 20" is not
 * mistaken for slow work; the last message says where it will resume.
 */
export function progressLine(run: Pick<TaskRun, 'status' | 'stalled' | 'progress'>): string {
  const { phase, message } = run.progress;
  const what = message || phaseLabel[phase];
  if (run.stalled && !isTerminalTaskStatus(run.status)) return `${WORKER_LOST_LABEL} Last seen: ${what}`;
  // The message says what is happening ("Writing “X” — 3 of 20 done"); a phase in front of it only
  // doubled it ("Saving · Saving “X”: done"). The phase shows alone when there is no message.
  return what;
}

/** "clustersCreated" → "clusters created". */
function words(key: string): string {
  return key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** "clusters created" → "cluster created", "images" → "image": the first word, for a count of one. */
function singular(phrase: string): string {
  return phrase.replace(/^(\w+?)(ies|s)\b/, (_, stem: string, end: string) => (end === 'ies' ? `${stem}y` : stem));
}

/** A one-line summary of a task's result record: "12 clusters created · 3 assigned to existing". */
export function summarizeResult(result: TaskRun['result']): string | null {
  if (!result) return null;
  const parts: string[] = [];
  const entries = Object.entries(result);
  for (const [key, value] of entries) {
    if (typeof value === 'number' && Number.isFinite(value)) {
      // Zeros are noise ("0 assigned to existing"), unless nothing else is there to say.
      if (value === 0 && entries.some(([, v]) => typeof v === 'number' && v !== 0)) continue;
      parts.push(`${value.toLocaleString('en-US')} ${value === 1 ? singular(words(key)) : words(key)}`);
    } else if (typeof value === 'string' && value.length <= 80) {
      parts.push(`${words(key)}: ${value}`);
    }
  }
  return parts.length ? parts.join(' · ') : null;
}

/** "3 min ago" style; `now` is passed in so rendering stays pure. */
export function formatRelative(iso: string, now: number): string {
  // Only past moments are shown (a task's start): a server clock ahead of the browser's is "just now", never "in 11 seconds".
  const seconds = Math.min(0, Math.round((Date.parse(iso) - now) / 1000));
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'long' });
  if (abs < 5) return 'just now';
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** "850 ms", "42 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** How long a task ran (or has been running, given `now`). */
export function runDuration(run: Pick<TaskRun, 'startedAt' | 'finishedAt'>, now: number): number | null {
  if (!run.startedAt) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return end - Date.parse(run.startedAt);
}

/** "2 items failed", "5 items saved with an offline fallback", or both. */
export function itemErrorsLine(errors: readonly { fallback?: boolean }[]): string {
  const fellBack = errors.filter((e) => e.fallback).length;
  const failed = errors.length - fellBack;
  const parts = [
    failed ? `${plural(failed, 'item')} failed` : '',
    fellBack ? `${plural(fellBack, 'item')} saved with an offline fallback` : '',
  ];
  return parts.filter(Boolean).join(', ');
}
