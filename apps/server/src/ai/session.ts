import { effectiveProviderLimits } from '@igny8/contracts';
import pLimit from 'p-limit';
import type { z } from 'zod';
import { adviceFor } from './advice';
import type { GateWait, ProviderGate } from './limits/gate';
import { classifyProviderError, ProviderError } from './providers/errors';
import { embeddingProviderFor, imageProviderFor, textProviderFor } from './providers/factory';
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
  /** About how many tokens the answer takes (for the tokens-per-minute limit); 600 when unsaid. */
  outputTokens?: (input: I) => number;
}

/** Tokens an image request counts for against a tokens-per-minute limit: images are limited by requests. */
const IMAGE_TOKENS = 0;

/**
 * Resolved settings for one capability, in one task: usage recording, retries, the provider key's
 * shared limits (`gate`) and a cap on this task's calls in flight (the settings' concurrency,
 * lowered after 429s).
 */
export class AiSession {
  private readonly slots: ReturnType<typeof pLimit>;
  /** An error that dooms every call (invalid key, quota): calls waiting for a slot fail with it, uncalled. */
  private fatal?: ProviderError;

  constructor(
    readonly settings: ResolvedSettings,
    private readonly recordUsage: (u: CallUsage) => Promise<void>,
    private readonly retry: RetryPolicy,
    private readonly gate?: ProviderGate,
    private readonly onGateWait?: (w: GateWait) => Promise<void>,
    /** Runs before each call gets its turn (the task's cancel check): a cancelled task makes no further call. */
    private readonly beforeCall?: () => Promise<void>,
  ) {
    this.slots = pLimit(this.concurrency);
  }

  get offline(): boolean {
    return this.settings.provider === 'builtin';
  }

  /** Calls (and so items) this task may have in flight now. */
  get concurrency(): number {
    return (
      this.gate?.concurrency ?? effectiveProviderLimits(this.settings.capability, this.settings.options).concurrency
    );
  }

  /**
   * Items a task should have in flight to keep `concurrency` calls busy: a few more than the calls,
   * since an item also reads and saves before and after its call (the calls stay capped here).
   */
  get itemConcurrency(): number {
    const c = this.concurrency;
    return c + Math.max(1, Math.ceil(c / 4));
  }

  async text<I, O>(fn: AiFunction<I, O>, input: I): Promise<O> {
    if (this.offline) return fn.offline(input);
    const provider = textProviderFor(this.settings);
    const prompt = fn.prompt(input);
    const estimate = Math.ceil((prompt.system.length + prompt.prompt.length) / 4) + (fn.outputTokens?.(input) ?? 600);
    return this.call(estimate, (onUsage) =>
      provider.generate({ ...prompt, schema: fn.schema, schemaName: fn.name }, onUsage),
    );
  }

  /** Vectors of `texts`, in order, in one request (the caller batches; EMBEDDING_BATCH is a good size). */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const provider = embeddingProviderFor(this.settings);
    const estimate = texts.reduce((sum, t) => sum + Math.ceil(t.length / 4) + 1, 0);
    return this.call(estimate, (onUsage) => provider.embed(texts, onUsage));
  }

  async image(req: ImageRequest): Promise<GeneratedImage> {
    const provider = imageProviderFor(this.settings);
    return this.call(IMAGE_TOKENS, (onUsage) => provider.generate(req, onUsage));
  }

  /**
   * One provider call with retries: each attempt waits for the key's shared limits; a 429 pauses the
   * key for every worker and lowers concurrency; what was used is recorded even when the answer was
   * unusable (paid calls count).
   */
  private async call<T>(estimate: number, make: (onUsage: (u: CallUsage) => void) => Promise<T>): Promise<T> {
    this.slots.concurrency = this.concurrency;
    return this.slots(async () => {
      if (this.fatal) throw this.fatal;
      await this.beforeCall?.();
      const usages: CallUsage[] = [];
      try {
        return await withProviderRetry(async () => {
          await this.gate?.acquire(estimate, this.onGateWait);
          const before = usages.length;
          try {
            const out = await make((u) => usages.push(u));
            this.gate?.succeeded();
            return out;
          } catch (raw) {
            const error = classifyProviderError(raw);
            if (error.kind === 'rate_limited') await this.gate?.rateLimited(error.retryAfterMs);
            throw error;
          } finally {
            const used = usages.slice(before).reduce((sum, u) => sum + u.inputTokens + u.outputTokens, 0);
            await this.gate?.settle(estimate, used);
          }
        }, this.retry);
      } catch (e) {
        if (e instanceof ProviderError) {
          e.hint ??= adviceFor(e, this.settings);
          if (e.fatalForTask) this.fatal ??= e;
        }
        throw e;
      } finally {
        for (const u of usages) await this.recordUsage(u);
      }
    });
  }
}
