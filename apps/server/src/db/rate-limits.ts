import { RateLimiterDrizzle } from 'rate-limiter-flexible';
import type { Db } from './client';
import { providerRateLimits } from './schema/index';

/**
 * A fixed-window counter of `points` per minute kept in `provider_rate_limits`, so every process
 * on the database shares it (rate-limiter-flexible's Drizzle store: one upsert per consume). Rows are
 * per key and reused window after window, so nothing accumulates.
 */
export function sharedPerMinuteLimiter(db: Db, keyPrefix: string, points: number): RateLimiterDrizzle {
  return new RateLimiterDrizzle({
    storeClient: db,
    schema: providerRateLimits,
    keyPrefix,
    points,
    duration: 60,
    clearExpiredByTimeout: false,
  });
}
