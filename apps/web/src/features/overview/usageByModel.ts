import { modelLabel, rowCost, type UsageRow } from '../usage/pricing';

export interface ModelUsage {
  model: string;
  calls: number;
  tokens: number;
  images: number;
  /** Sum of the known estimates (USD). */
  cost: number;
  /** At least one row of this model had no known price. */
  costUnknown: boolean;
}

/** This month's usage per model (summed over capabilities and key sources), most expensive first. */
export function usageByModel(rows: readonly UsageRow[]): ModelUsage[] {
  const byModel = new Map<string, ModelUsage>();
  for (const r of rows) {
    const model = modelLabel(r);
    const m = byModel.get(model) ?? { model, calls: 0, tokens: 0, images: 0, cost: 0, costUnknown: false };
    m.calls += r.calls;
    m.tokens += r.inputTokens + r.outputTokens;
    m.images += r.images;
    const c = rowCost(r);
    if (c === null) m.costUnknown = true;
    else m.cost += c;
    byModel.set(model, m);
  }
  return [...byModel.values()].sort((a, b) => b.cost - a.cost || b.tokens - a.tokens || b.images - a.images);
}

export type UsageChartMetric = 'cost' | 'tokens' | 'images' | 'calls';

/**
 * What the chart compares: estimated cost when anything cost money, else tokens, else images,
 * else calls (the offline provider is free and image models use no tokens; a chart of zeros says
 * nothing).
 */
export function chartMetric(models: readonly ModelUsage[]): UsageChartMetric {
  if (models.some((m) => m.cost > 0)) return 'cost';
  if (models.some((m) => m.tokens > 0)) return 'tokens';
  if (models.some((m) => m.images > 0)) return 'images';
  return 'calls';
}

export function metricValue(m: ModelUsage, metric: UsageChartMetric): number {
  return metric === 'cost' ? m.cost : m[metric];
}
