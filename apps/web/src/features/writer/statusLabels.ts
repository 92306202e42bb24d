import type { ContentSummary, ContentType, Image, WriterTask } from '@igny8/contracts';
import { authorshipMeta } from '../../lib/authorship';

/** Words and colours for the writer's statuses, shared by its tables, the editor and the gallery. */

export const writerTaskStatusMeta: Record<WriterTask['status'], { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  generating: { label: 'Writing', color: 'indigo' },
  done: { label: 'Written', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

export const contentStatusMeta: Record<ContentSummary['status'], { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  review: { label: 'In review', color: 'yellow' },
  approved: { label: 'Approved', color: 'teal' },
  published: { label: 'Published', color: 'indigo' },
};

export const imageStatusMeta: Record<Image['status'] | 'not_generated', { label: string; color: string }> = {
  not_generated: { label: 'Not generated', color: 'gray' },
  queued: { label: 'Queued', color: 'gray' },
  generating: { label: 'Generating', color: 'indigo' },
  generated: { label: 'Generated', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

export const contentTypeLabel: Record<ContentType, string> = {
  article: 'Article',
  listicle: 'Listicle',
  'how-to': 'How-to',
  comparison: 'Comparison',
  review: 'Review',
  pillar: 'Cluster hub',
};

/** An article's authorship, labelled as clusters and ideas are. */
export const sourceMeta: Record<ContentSummary['source'], { label: string; color: string; hint: string }> =
  authorshipMeta;
