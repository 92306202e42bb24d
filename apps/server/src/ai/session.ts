import type { z } from 'zod';
import { imageProviderFor, textProviderFor } from './providers/factory';
import type { CallUsage, GeneratedImage, ImageRequest, ResolvedSettings } from './providers/types';
import { withProviderRetry, type RetryPolicy } from './retry';

/**
 * One pipeline step's AI work: how to ask a model (`prompt`, validated by `schema`,
 * whose descriptions double as guidance) and the deterministic template the offline
 * provider uses instead.
 */
export interface AiFunction<I, O> {
  name: string;
  schema: z.ZodType<O>;
  prompt(input: I): { system: string; prompt: string };
  offline(input: I): O;
}

/** Resolved settings for one capability plus usage recording and retries. */
export class AiSession {
  constructor(
    readonly settings: ResolvedSettings,
    private readonly recordUsage: (u: CallUsage) => Promise<void>,
    private readonly retry: RetryPolicy,
  ) {}

  get offline(): boolean {
    return this.settings.provider === 'builtin';
  }

  async text<I, O>(fn: AiFunction<I, O>, input: I): Promise<O> {
    if (this.offline) return fn.offline(input);
    const provider = textProviderFor(this.settings);
    const usages: CallUsage[] = [];
    try {
      return await withProviderRetry(
        () => provider.generate({ ...fn.prompt(input), schema: fn.schema, schemaName: fn.name }, (u) => usages.push(u)),
        this.retry,
      );
    } finally {
      // Paid calls count even when their answer was unusable.
      for (const u of usages) await this.recordUsage(u);
    }
  }

  async image(req: ImageRequest): Promise<GeneratedImage> {
    const provider = imageProviderFor(this.settings);
    const usages: CallUsage[] = [];
    try {
      return await withProviderRetry(() => provider.generate(req, (u) => usages.push(u)), this.retry);
    } finally {
      for (const u of usages) await this.recordUsage(u);
    }
  }
}
