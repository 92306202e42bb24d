import { describe, expect, it } from 'vitest';
import { pickSite, storedOverviewSite, storeOverviewSite } from './siteChoice';

function memoryStore() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('overview site choice', () => {
  it('keeps the chosen site while it exists, else the first', () => {
    expect(pickSite(['a', 'b'], 'b')).toBe('b');
    expect(pickSite(['a', 'b'], 'gone')).toBe('a');
    expect(pickSite(['a', 'b'], null)).toBe('a');
    expect(pickSite([], 'b')).toBeNull();
  });

  it('is remembered per account', () => {
    const store = memoryStore();
    storeOverviewSite('acc1', 's1', store);
    storeOverviewSite('acc2', 's2', store);
    expect(storedOverviewSite('acc1', store)).toBe('s1');
    expect(storedOverviewSite('acc2', store)).toBe('s2');
    expect(storedOverviewSite('acc3', store)).toBeNull();
  });

  it('survives storage that throws', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(() => storeOverviewSite('acc', 's', broken)).not.toThrow();
    expect(storedOverviewSite('acc', broken)).toBeNull();
  });
});
