import type { Intent, KeywordStatus } from '@igny8/contracts';

export const intentLabel: Record<Intent, string> = {
  informational: 'Informational',
  commercial: 'Commercial',
  transactional: 'Transactional',
  navigational: 'Navigational',
};

export const intentColor: Record<Intent, string> = {
  informational: 'blue',
  commercial: 'grape',
  transactional: 'teal',
  navigational: 'orange',
};

export const statusLabel: Record<KeywordStatus, string> = {
  new: 'New',
  active: 'Active',
  paused: 'Paused',
  archived: 'Archived',
};

export function formatNumber(n: number | null, digits = 0): string {
  return n === null ? '—' : n.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
