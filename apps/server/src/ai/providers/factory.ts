import { BuiltinTextProvider, TitleCardImageProvider } from './builtin';
import { ProviderError } from './errors';
import { OpenAiEmbeddingProvider, OpenAiImageProvider, OpenAiTextProvider } from './openai';
import type { EmbeddingProvider, ImageProvider, ResolvedSettings, TextProvider } from './types';

export function textProviderFor(s: ResolvedSettings): TextProvider {
  return s.provider === 'builtin' ? new BuiltinTextProvider(s.model) : new OpenAiTextProvider(s);
}

export function imageProviderFor(s: ResolvedSettings): ImageProvider {
  return s.provider === 'builtin' ? new TitleCardImageProvider(s.model) : new OpenAiImageProvider(s);
}

/** Offline there is no embedding model: callers check `offline` first and cluster on words alone. */
export function embeddingProviderFor(s: ResolvedSettings): EmbeddingProvider {
  if (s.provider !== 'builtin') return new OpenAiEmbeddingProvider(s);
  return {
    kind: 'builtin',
    model: s.model,
    embed: () => Promise.reject(new ProviderError('bad_request', 'The offline provider has no embeddings')),
    ping: () => Promise.resolve(),
  };
}
