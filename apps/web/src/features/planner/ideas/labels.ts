import type { ContentType, Idea } from '@igny8/contracts';

export const contentTypeLabel: Record<ContentType, string> = {
  article: 'Article',
  listicle: 'Listicle',
  'how-to': 'How-to',
  comparison: 'Comparison',
  review: 'Review',
  pillar: 'Cluster hub',
};

export const ideaStatusMeta: Record<Idea['status'], { label: string; color: string }> = {
  new: { label: 'New', color: 'blue' },
  queued: { label: 'Queued', color: 'yellow' },
  done: { label: 'Written', color: 'teal' },
};
