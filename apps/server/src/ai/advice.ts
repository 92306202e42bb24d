import type { ProviderError } from './providers/errors';
import type { ResolvedSettings } from './providers/types';

/** The output mode a text provider uses when its settings name none (providers/openai.ts). */
export function outputModeOf(s: Pick<ResolvedSettings, 'provider' | 'options'>): 'structured' | 'json' | 'plain' {
  return s.options.outputMode ?? (s.provider === 'openai' ? 'structured' : 'json');
}

/**
 * What to change when a provider error keeps happening: the sentence a task that stopped early
 * shows next to the provider's own message. Undefined when nothing in the settings would help.
 */
export function adviceFor(e: ProviderError, s: ResolvedSettings): string | undefined {
  switch (e.kind) {
    case 'invalid_output':
      if (s.capability !== 'text')
        return 'The provider answered without a usable image: check the image model in AI providers.';
      switch (outputModeOf(s)) {
        case 'json':
          return 'The model did not follow JSON mode; set Output mode to Structured in AI providers (or Plain for servers without structured outputs).';
        case 'structured':
          return 'The model did not answer in the requested structure; if the server does not support structured outputs, set Output mode to JSON or Plain in AI providers.';
        case 'plain':
          return 'The model did not answer with the requested JSON; set Output mode to Structured or JSON in AI providers, or choose a more capable model.';
      }
      return undefined;
    case 'bad_request':
      return 'The provider refused the requests; check the model name and options in AI providers.';
    case 'timeout':
      return 'The provider did not answer in time; raise the timeout in AI providers or try again later.';
    case 'server':
    case 'connection':
      return 'The provider kept failing; check its status and try again later.';
    default:
      return undefined;
  }
}
