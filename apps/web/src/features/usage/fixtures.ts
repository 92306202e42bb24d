import type { UsageRow } from './pricing';

/** A usage row for unit tests: one `gpt-4o-mini` text call on the account's key, no tokens. */
export const row = (extra: Partial<UsageRow>): UsageRow => ({
  capability: 'text',
  provider: 'openai',
  model: 'gpt-4o-mini',
  source: 'account',
  calls: 1,
  inputTokens: 0,
  outputTokens: 0,
  images: 0,
  costUsd: 0,
  unpricedCalls: 0,
  ...extra,
});
