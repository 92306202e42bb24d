import { effectiveProviderLimits, type ProviderLimits } from '@igny8/contracts';
import { createHash } from 'node:crypto';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ResolvedSettings } from '../providers/types';

/** A limiter of N points a minute, shared by every worker process (db/rate-limits.ts in the product). */
export type PerMinuteLimiter = Pick<RateLimiterAbstract, 'consume' | 'block' | 'penalty' | 'reward' | 'get'>;
export type LimiterFactory = (keyPrefix: string, pointsPerMinute: number) => PerMinuteLimiter;

export interface GateWait {
  reason: 'requests' | 'tokens' | 'paused';
  /** until the call may go */
  waitMs: number;
}

/** Waits are slept in slices of at most this, with `onWait` before each: a cancelled task stops waiting within it. */
const WAIT_SLICE_MS = 1000;

/**
 * Concurrency lowered after 429s and raised again as calls succeed (halve on a 429, +1 after as many
 * successes in a row as the current limit). Kept per provider key in this process.
 */
class AdaptiveConcurrency {
  limit = Number.POSITIVE_INFINITY;
  private successes = 0;

  rateLimited(configured: number): void {
    this.limit = Math.max(1, Math.floor(Math.min(this.limit, configured) / 2));
    this.successes = 0;
  }

  succeeded(configured: number): void {
    if (this.limit >= configured) return;
    if (++this.successes >= this.limit) {
      this.limit += 1;
      this.successes = 0;
      if (this.limit >= configured) this.limit = Number.POSITIVE_INFINITY;
    }
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function wait(w: GateWait, onWait?: (w: GateWait) => Promise<void> | void): Promise<void> {
  const until = Date.now() + w.waitMs;
  for (let left = w.waitMs; left > 0; left = until - Date.now()) {
    await onWait?.({ reason: w.reason, waitMs: left });
    await sleep(Math.min(left, WAIT_SLICE_MS));
  }
}

/**
 * One provider key's limits as every worker sees them: requests and tokens per minute counted in the
 * shared store, a Retry-After pause that stops the key for everyone, and this process's adaptive
 * concurrency.
 */
export class ProviderGate {
  constructor(
    /** a hash naming the provider, origin, key and capability: never the key itself */
    readonly keyId: string,
    readonly limits: ProviderLimits,
    private readonly requests: PerMinuteLimiter,
    private readonly tokens: PerMinuteLimiter | undefined,
    /** blocked with the requests counter for a 429's Retry-After, to say why calls wait */
    private readonly pauses: PerMinuteLimiter,
    private readonly adaptive: AdaptiveConcurrency,
  ) {}

  /** Calls this key may have in flight in one task now. */
  get concurrency(): number {
    return Math.max(1, Math.min(this.limits.concurrency, this.adaptive.limit));
  }

  /**
   * Waits until one more request of about `tokens` tokens fits in this minute's limits (and any
   * pause is over). `onWait` hears of each wait before every slice of it, so a task can say why it
   * is not moving, and stop waiting (by throwing) when it is cancelled.
   */
  async acquire(tokens: number, onWait?: (w: GateWait) => Promise<void> | void): Promise<void> {
    await this.take(this.requests, 1, 'requests', onWait);
    // A single call larger than the whole minute's budget waits for a full window, not forever.
    if (this.tokens && tokens > 0)
      await this.take(this.tokens, Math.min(Math.ceil(tokens), this.limits.tokensPerMinute), 'tokens', onWait);
  }

  /** Corrects the token estimate taken by `acquire` with what the call really used. */
  async settle(estimated: number, actual: number): Promise<void> {
    if (!this.tokens || estimated <= 0) return;
    const diff = Math.round(actual - Math.min(estimated, this.limits.tokensPerMinute));
    if (diff > 0) await this.tokens.penalty(this.keyId, diff);
    else if (diff < 0) await this.tokens.reward(this.keyId, -diff);
  }

  /** The provider said 429: no worker calls this key until `retryAfterMs` has passed; fewer calls at once for a while. */
  async rateLimited(retryAfterMs: number | undefined): Promise<void> {
    this.adaptive.rateLimited(this.limits.concurrency);
    // Fractions of a second are kept: the store counts in milliseconds. The requests counter is what
    // every call consumes (one query a call), so blocking it enforces the pause; the pause key only
    // tells a waiting call why it waits.
    const seconds = Math.max(50, retryAfterMs ?? 1000) / 1000;
    await this.requests.block(this.keyId, seconds);
    await this.pauses.block(this.keyId, seconds);
  }

  succeeded(): void {
    this.adaptive.succeeded(this.limits.concurrency);
  }

  private async take(
    limiter: PerMinuteLimiter,
    points: number,
    reason: 'requests' | 'tokens',
    onWait?: (w: GateWait) => Promise<void> | void,
  ) {
    for (;;) {
      try {
        await limiter.consume(this.keyId, points);
        return;
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        const pause = reason === 'requests' ? await this.pauses.get(this.keyId) : null;
        const paused = pause !== null && pause.consumedPoints > 0 && pause.msBeforeNext > 0;
        await wait(
          {
            reason: paused ? 'paused' : reason,
            waitMs: Math.max(50, e.msBeforeNext) + Math.floor(Math.random() * 100),
          },
          onWait,
        );
      }
    }
  }
}

/** Every provider key's gate in this process; the counters behind them are shared through the database. */
export class ProviderGates {
  private readonly adaptive = new Map<string, AdaptiveConcurrency>();
  private readonly limiters = new Map<string, PerMinuteLimiter>();

  constructor(private readonly limiterFor: LimiterFactory) {}

  /** The gate for these settings; none for the offline provider, which calls nobody. */
  for(settings: ResolvedSettings): ProviderGate | undefined {
    if (settings.provider === 'builtin') return undefined;
    const limits = effectiveProviderLimits(settings.capability, settings.options);
    const keyId = createHash('sha256')
      .update([settings.provider, originOf(settings.baseUrl), settings.apiKey ?? '', settings.capability].join('\0'))
      .digest('base64url')
      .slice(0, 32);
    let adaptive = this.adaptive.get(keyId);
    if (!adaptive) this.adaptive.set(keyId, (adaptive = new AdaptiveConcurrency()));
    const tokens =
      limits.tokensPerMinute > 0 ? this.limiter(`tpm:${limits.tokensPerMinute}`, limits.tokensPerMinute) : undefined;
    const requests = this.limiter(`rpm:${limits.requestsPerMinute}`, limits.requestsPerMinute);
    return new ProviderGate(keyId, limits, requests, tokens, this.limiter('pause', 1), adaptive);
  }

  private limiter(prefix: string, points: number): PerMinuteLimiter {
    let l = this.limiters.get(prefix);
    if (!l) this.limiters.set(prefix, (l = this.limiterFor(prefix, points)));
    return l;
  }
}

function originOf(baseUrl: string | null): string {
  try {
    return new URL(baseUrl ?? 'https://api.openai.com/v1').origin;
  } catch {
    return baseUrl ?? '';
  }
}
