import { describe, expect, it } from 'vitest';
import { estimateCost, formatCost, monthRange, priceKey, usageTotals } from './pricing';
import { row } from './fixtures';

describe('cost estimate', () => {
  it('prices tokens per million and images per image', () => {
    expect(estimateCost(row({ inputTokens: 1_000_000, outputTokens: 500_000 }))).toBeCloseTo(0.15 + 0.3);
    expect(estimateCost(row({ capability: 'image', model: 'dall-e-3', images: 10 }))).toBeCloseTo(0.4);
  });

  it('matches dated and routed model names', () => {
    expect(priceKey('gpt-4o-mini-2024-07-18')).toBe('gpt-4o-mini');
    expect(priceKey('openai/gpt-4o')).toBe('gpt-4o');
    expect(priceKey('GPT-4.1')).toBe('gpt-4.1');
    expect(priceKey('llama3.1:8b')).toBeNull();
  });

  it('has the offline provider free and unknown models unestimated', () => {
    expect(estimateCost(row({ provider: 'builtin', source: 'builtin', model: 'igny8-offline-templates', inputTokens: 999 }))).toBe(0);
    expect(estimateCost(row({ provider: 'openai_compatible', model: 'llama3.1:8b', inputTokens: 5000 }))).toBeNull();
    // A text model billed for images has no image price: no guess.
    expect(estimateCost(row({ model: 'gpt-4o', images: 2 }))).toBeNull();
  });

  it('formats and totals, flagging totals that miss unknown models', () => {
    expect(formatCost(null)).toBe('—');
    expect(formatCost(0)).toBe('Free');
    expect(formatCost(0.004)).toBe('< $0.01');
    expect(formatCost(1.234)).toBe('$1.23');
    const t = usageTotals([row({ calls: 2, inputTokens: 1_000_000 }), row({ model: 'mystery', calls: 3, outputTokens: 10 })]);
    expect(t).toMatchObject({ calls: 5, inputTokens: 1_000_000, outputTokens: 10, costPartial: true });
    expect(t.cost).toBeCloseTo(0.15);
  });

  it('computes month ranges in UTC', () => {
    const now = new Date('2026-03-15T12:00:00Z');
    expect(monthRange(now)).toEqual({ from: '2026-03-01T00:00:00.000Z', label: 'March 2026' });
    expect(monthRange(now, -1)).toEqual({ from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', label: 'February 2026' });
    expect(monthRange(new Date('2026-01-10T00:00:00Z'), -1).from).toBe('2025-12-01T00:00:00.000Z');
  });
});
