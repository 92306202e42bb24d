import type { UsageSummary } from '@igny8/contracts';

export type UsageRow = UsageSummary['rows'][number];

/**
 * A rough price list (USD, list prices of the provider at the time of writing) to estimate what
 * the AI calls cost. Tokens per 1M, images per image (1024px, medium/standard quality). It is an
 * estimate: the provider's invoice is the truth. Unknown models have no estimate.
 */
export interface ModelPrice {
  inputPerMTok?: number;
  outputPerMTok?: number;
  perImage?: number;
}

export const priceTable: Record<string, ModelPrice> = {
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'gpt-4-turbo': { inputPerMTok: 10, outputPerMTok: 30 },
  'gpt-3.5-turbo': { inputPerMTok: 0.5, outputPerMTok: 1.5 },
  'o3': { inputPerMTok: 2, outputPerMTok: 8 },
  'o3-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'gpt-image-1': { inputPerMTok: 5, perImage: 0.042 },
  'gpt-image-1-mini': { inputPerMTok: 2, perImage: 0.011 },
  'dall-e-3': { perImage: 0.04 },
  'dall-e-2': { perImage: 0.02 },
};

/** "gpt-4o-mini-2024-07-18" → "gpt-4o-mini"; "openai/gpt-4o" (routers) → "gpt-4o". */
export function priceKey(model: string): string | null {
  const name = model.trim().toLowerCase().replace(/^openai\//, '');
  if (priceTable[name]) return name;
  const undated = name.replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/-(latest|preview)$/, '');
  return priceTable[undated] ? undated : null;
}

/**
 * Estimated cost of a usage row in USD: 0 for the offline provider, null when the model's price is
 * unknown (self-hosted or unlisted models).
 */
export function estimateCost(row: Pick<UsageRow, 'provider' | 'source' | 'model' | 'inputTokens' | 'outputTokens' | 'images'>): number | null {
  if (row.provider === 'builtin' || row.source === 'builtin') return 0;
  const key = priceKey(row.model);
  if (!key) return null;
  const p = priceTable[key]!;
  if (row.images > 0 && p.perImage === undefined) return null;
  return (
    (row.inputTokens / 1e6) * (p.inputPerMTok ?? 0) +
    (row.outputTokens / 1e6) * (p.outputPerMTok ?? 0) +
    row.images * (p.perImage ?? 0)
  );
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
  /** Sum of the known estimates. */
  cost: number;
  /** Some rows had no estimate, so `cost` is a lower bound. */
  costPartial: boolean;
}

export function usageTotals(rows: readonly UsageRow[]): UsageTotals {
  const t: UsageTotals = { calls: 0, inputTokens: 0, outputTokens: 0, images: 0, cost: 0, costPartial: false };
  for (const r of rows) {
    t.calls += r.calls;
    t.inputTokens += r.inputTokens;
    t.outputTokens += r.outputTokens;
    t.images += r.images;
    const c = estimateCost(r);
    if (c === null) t.costPartial = true;
    else t.cost += c;
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
