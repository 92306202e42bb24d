import type { Intent, IntentSource, KeywordStatus } from '@igny8/contracts';

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

/** Where the keyword is in the pipeline (derived by the server from its cluster, ideas, writer tasks and content). */
export const statusLabel: Record<KeywordStatus, string> = {
  new: 'New',
  clustered: 'Clustered',
  in_idea: 'In idea',
  queued: 'Queued',
  written: 'Written',
  published: 'Published',
};

export const statusColor: Record<KeywordStatus, string> = {
  new: 'gray',
  clustered: 'indigo',
  in_idea: 'violet',
  queued: 'yellow',
  written: 'cyan',
  published: 'teal',
};

export const intentSourceLabel: Record<IntentSource, string> = {
  import: 'from the import',
  user: 'set by hand',
  ai: 'by the AI',
  rules: 'guessed from its modifiers',
};

export function formatNumber(n: number | null, digits = 0): string {
  return n === null
    ? '—'
    : n.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
