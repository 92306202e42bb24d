import { describe, expect, it } from 'vitest';
import { formatCost, monthRange, rowCost, usageTotals } from './pricing';
import { row } from './fixtures';

describe('usage cost', () => {
  it("takes each row's cost as the server priced it, null when no call had a price", () => {
    expect(rowCost(row({ costUsd: 0.45 }))).toBe(0.45);
    expect(rowCost(row({ costUsd: null, unpricedCalls: 1 }))).toBeNull();
  });

  it('formats and totals, flagging totals that miss unpriced calls', () => {
    expect(formatCost(null)).toBe('—');
    expect(formatCost(0)).toBe('Free');
    expect(formatCost(0.004)).toBe('< $0.01');
    expect(formatCost(1.234)).toBe('$1.23');
    const t = usageTotals([
      row({ calls: 2, inputTokens: 1_000_000, costUsd: 0.15 }),
      row({ model: 'mystery', calls: 3, outputTokens: 10, costUsd: null, unpricedCalls: 3 }),
    ]);
    expect(t).toMatchObject({ calls: 5, inputTokens: 1_000_000, outputTokens: 10, costPartial: true });
    expect(t.cost).toBeCloseTo(0.15);
  });

  it('computes month ranges in UTC', () => {
    const now = new Date('2026-03-15T12:00:00Z');
    expect(monthRange(now)).toEqual({ from: '2026-03-01T00:00:00.000Z', label: 'March 2026' });
    expect(monthRange(now, -1)).toEqual({
      from: '2026-02-01T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
      label: 'February 2026',
    });
    expect(monthRange(new Date('2026-01-10T00:00:00Z'), -1).from).toBe('2025-12-01T00:00:00.000Z');
  });
});
