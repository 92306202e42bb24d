import type { Capability, ProviderKind, ProviderSource } from '@igny8/contracts';

/** Words for AI settings, shared by the providers page, the usage page and task details. */

export const sourceMeta: Record<ProviderSource, { label: string; color: string; description: string }> = {
  account: {
    label: 'Your own key',
    color: 'indigo',
    description: 'Calls use this account’s own provider settings and key.',
  },
  system: {
    label: 'Using platform key',
    color: 'grape',
    description: 'Calls use the settings and key the platform operators provide.',
  },
  environment: {
    label: 'Server environment key',
    color: 'cyan',
    description: 'Calls use the key configured on the server (OPENAI_API_KEY).',
  },
  builtin: {
    label: 'Offline templates (no AI key)',
    color: 'gray',
    description:
      'No AI provider is configured: ideas and drafts come from built-in templates and images are title cards.',
  },
};

export const providerLabels: Record<ProviderKind, string> = {
  openai: 'OpenAI',
  openai_compatible: 'OpenAI-compatible',
  builtin: 'Offline (built-in)',
};

export function providerLabel(provider: string): string {
  return providerLabels[provider as ProviderKind] ?? provider;
}

export const capabilityMeta: Record<Capability, { title: string; description: string }> = {
  text: { title: 'Text', description: 'Clusters, ideas, outlines, articles and image prompts.' },
  image: { title: 'Images', description: 'Featured and in-article images.' },
  embeddings: {
    title: 'Embeddings',
    description:
      'Optional: keyword vectors that let auto-cluster group keywords by meaning as well as by their words. Offline, clustering reads the words alone.',
  },
};
