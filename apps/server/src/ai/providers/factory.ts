import { BuiltinTextProvider, TitleCardImageProvider } from './builtin';
import { OpenAiImageProvider, OpenAiTextProvider } from './openai';
import type { ImageProvider, ResolvedSettings, TextProvider } from './types';

export function textProviderFor(s: ResolvedSettings): TextProvider {
  return s.provider === 'builtin' ? new BuiltinTextProvider(s.model) : new OpenAiTextProvider(s);
}

export function imageProviderFor(s: ResolvedSettings): ImageProvider {
  return s.provider === 'builtin' ? new TitleCardImageProvider(s.model) : new OpenAiImageProvider(s);
}
