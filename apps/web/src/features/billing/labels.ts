import type { CreditOperation, LedgerKind } from '@igny8/contracts';

export const operationLabels: Record<CreditOperation, string> = {
  clustering: 'Clustering',
  idea: 'Ideas',
  content: 'Articles',
  imagePrompts: 'Image prompts',
  imageBasic: 'Images',
  imagePremium: 'Premium images',
  serpSearch: 'Search results',
  styleGuide: 'Style guides',
};

export const ledgerKindLabels: Record<LedgerKind, { label: string; color: string }> = {
  grant: { label: 'Grant', color: 'teal' },
  reset: { label: 'Period reset', color: 'indigo' },
  charge: { label: 'Charge', color: 'gray' },
  refund: { label: 'Refund', color: 'teal' },
  adjustment: { label: 'Adjustment', color: 'orange' },
};

export const resourceLabels = {
  sites: 'Sites',
  members: 'Members (invitations included)',
  keywords: 'Keywords',
} as const;

const n = (v: number) => v.toLocaleString();

/** "+1,000" / "−30" */
export function signedCredits(v: number): string {
  return v > 0 ? `+${n(v)}` : v < 0 ? `−${n(-v)}` : '0';
}

export const credits = (v: number) => `${n(v)} credit${v === 1 ? '' : 's'}`;
