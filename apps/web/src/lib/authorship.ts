/**
 * Who wrote a cluster, idea or article: the one set of labels every badge uses, so the same record never reads
 * "Edited" in one place and "Manual" in another.
 */
export type Authorship = 'ai' | 'template' | 'user';

export const authorshipMeta: Record<Authorship, { label: string; color: string; hint: string }> = {
  ai: { label: 'AI', color: 'violet', hint: 'Written by the AI provider' },
  template: {
    label: 'Template',
    color: 'orange',
    hint: 'Drafted offline from a template: no AI provider was configured',
  },
  user: { label: 'Edited', color: 'blue', hint: 'Written or changed by a person' },
};
