import type { Publication, PublishStatus } from '@igny8/contracts';

export const publishStatusMeta: Record<PublishStatus, { label: string; color: string }> = {
  not_published: { label: 'Not published', color: 'gray' },
  scheduled: { label: 'Scheduled', color: 'blue' },
  publishing: { label: 'Publishing…', color: 'indigo' },
  published: { label: 'Published', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

/** What the destination itself says of the post, when that tells more than our state (trashed or deleted there). */
export function remoteNote(p: Publication): string | null {
  if (p.remoteStatus === 'deleted') return 'Deleted in the destination';
  if (p.remoteStatus === 'trash') return 'In the destination’s trash';
  if (p.remoteStatus === 'draft' && p.status === 'not_published') return 'A draft in the destination';
  return null;
}

export const transitionLabel: Record<string, string> = {
  review: 'Submit for review',
  approved: 'Approve',
  draft: 'Back to draft',
};

/** A local date-time input value ("2026-03-04T09:30") for a Date, and back. */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(v: string): Date | null {
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
