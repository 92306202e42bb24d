import { ProviderError, classifyProviderError } from './providers/errors';

export interface RetryPolicy {
  /** attempts for 5xx / timeouts / connection errors */
  maxAttempts: number;
  baseDelayMs: number;
  /** rate-limit waits do not spend attempts, but are bounded too */
  maxRateLimitWaits: number;
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  onWait?: (info: { reason: 'rate_limited' | 'retry'; waitMs: number; error: ProviderError }) => void | Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1000,
  maxRateLimitWaits: 6,
  maxRetryAfterMs: 120_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/**
 * Runs one provider call. 429 waits for Retry-After and tries again without
 * spending an attempt; 5xx, timeouts and connection errors back off exponentially;
 * everything else (invalid key, quota, content policy, bad request) is final.
 */
export async function withProviderRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<T> {
  let attempts = 0;
  let rateLimitWaits = 0;
  for (;;) {
    try {
      return await call();
    } catch (raw) {
      const error = classifyProviderError(raw);
      if (error.kind === 'rate_limited' && rateLimitWaits < policy.maxRateLimitWaits) {
        rateLimitWaits++;
        const waitMs = Math.min(error.retryAfterMs ?? policy.baseDelayMs * 2 ** rateLimitWaits, policy.maxRetryAfterMs);
        await policy.onWait?.({ reason: 'rate_limited', waitMs, error });
        await policy.sleep(waitMs);
        continue;
      }
      attempts++;
      if (!error.retryable || error.kind === 'rate_limited' || attempts >= policy.maxAttempts) throw error;
      const waitMs = policy.baseDelayMs * 2 ** (attempts - 1);
      await policy.onWait?.({ reason: 'retry', waitMs, error });
      await policy.sleep(waitMs);
    }
  }
}
