import type { UsageSummary } from '@igny8/contracts';

export type UsageRow = UsageSummary['rows'][number];

/** The model a row names; calls on the platform's keys do not name theirs (it is internal to the platform). */
export function modelLabel(row: Pick<UsageRow, 'model'>): string {
  return row.model ?? 'Platform model';
}

/**
 * What a usage row cost in USD, as the server priced each call from the operators' price table
 * when it was made: null when none of its calls had a price (self-hosted or unlisted models).
 */
export function rowCost(row: Pick<UsageRow, 'costUsd'>): number | null {
  return row.costUsd;
}

export function formatCost(cost: number | null): string {
  if (cost === null) return '—';
  if (cost === 0) return 'Free';
  if (cost < 0.01) return '< $0.01';
  return `$${cost.toFixed(2)}`;
}

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  images: number;
  /** Sum of the priced calls. */
  cost: number;
  /** Some calls had no price, so `cost` is a lower bound. */
  costPartial: boolean;
}

export function usageTotals(rows: readonly UsageRow[]): UsageTotals {
  const t: UsageTotals = { calls: 0, inputTokens: 0, outputTokens: 0, images: 0, cost: 0, costPartial: false };
  for (const r of rows) {
    t.calls += r.calls;
    t.inputTokens += r.inputTokens;
    t.outputTokens += r.outputTokens;
    t.images += r.images;
    t.cost += r.costUsd ?? 0;
    if (r.unpricedCalls > 0) t.costPartial = true;
  }
  return t;
}

/** Calendar month containing `now` (offset 0) or before it (-1, …), as ISO instants in UTC. */
export function monthRange(now: Date, offset = 0): { from: string; to?: string; label: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 1));
  const label = start.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return { from: start.toISOString(), ...(offset < 0 ? { to: end.toISOString() } : {}), label };
}
