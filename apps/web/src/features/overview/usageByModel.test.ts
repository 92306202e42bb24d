import { describe, expect, it } from 'vitest';
import { row } from '../usage/fixtures';
import { chartMetric, metricValue, usageByModel } from './usageByModel';

describe('usageByModel', () => {
  it('sums a model over sources and sorts by cost', () => {
    const models = usageByModel([
      row({ model: 'gpt-4o-mini', inputTokens: 1_000_000, outputTokens: 0, calls: 2, costUsd: 0.15 }),
      row({ model: 'gpt-4o-mini', source: 'system', inputTokens: 0, outputTokens: 1_000_000, calls: 3, costUsd: 0.6 }),
      row({ model: 'gpt-4o', inputTokens: 1_000_000, calls: 1, costUsd: 2.5 }),
    ]);
    expect(models.map((m) => m.model)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(models[1]).toMatchObject({ calls: 5, tokens: 2_000_000, costUnknown: false });
    expect(models[1]!.cost).toBeCloseTo(0.75);
  });

  it('flags models without a known price', () => {
    const [m] = usageByModel([row({ model: 'my-local-llama', inputTokens: 10, costUsd: null, unpricedCalls: 1 })]);
    expect(m).toMatchObject({ cost: 0, costUnknown: true });
  });

  it("names the platform's unnamed model as such", () => {
    const [m] = usageByModel([row({ model: null, source: 'system', calls: 4, costUsd: 0.1 })]);
    expect(m).toMatchObject({ model: 'Platform model', calls: 4 });
  });

  it('charts tokens when nothing cost money', () => {
    const free = usageByModel([row({ provider: 'builtin', source: 'builtin', model: 'builtin', inputTokens: 500 })]);
    expect(chartMetric(free)).toBe('tokens');
    expect(chartMetric(usageByModel([row({ inputTokens: 1000, costUsd: 0.0002 })]))).toBe('cost');
  });

  it('charts images, then calls, when there are no tokens either', () => {
    const titleCards = usageByModel([
      row({ capability: 'image', provider: 'builtin', source: 'builtin', model: 'igny8-title-card', images: 6 }),
    ]);
    expect(chartMetric(titleCards)).toBe('images');
    expect(metricValue(titleCards[0]!, 'images')).toBe(6);
    expect(chartMetric(usageByModel([row({ provider: 'builtin', source: 'builtin', model: 'x' })]))).toBe('calls');
  });
});
