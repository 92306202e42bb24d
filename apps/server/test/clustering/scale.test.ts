import { describe, expect, it } from 'vitest';
import { clusterKeywords, type KeywordInput } from '../../src/ai/clustering/index';

/** 100k varied keywords: products × qualifiers × query templates, seeded. */
function manyKeywords(n: number): KeywordInput[] {
  const products = 'shoes,desk,chair,lamp,blender,kettle,tent,drone,camera,router,mattress,sofa,rug,grill,drill'.split(
    ',',
  );
  const qualifiers =
    'wireless,portable,electric,wooden,smart,folding,outdoor,mini,kids,vintage,modern,quiet,large'.split(',');
  const templates = [
    'best {}',
    '{} for sale',
    'cheap {}',
    'how to clean a {}',
    '{} near me',
    '{} reviews',
    'buy {} online',
    '{} 2025',
  ];
  let seed = 7;
  const rand = (m: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % m;
  };
  return Array.from({ length: n }, (_, i) => {
    const topic = `${qualifiers[rand(qualifiers.length)]} ${products[rand(products.length)]}`;
    const phrase = templates[rand(templates.length)]!.replace('{}', topic) + (rand(4) === 0 ? ` ${rand(5000)}` : '');
    return { id: `k${i}`, phrase, volume: rand(3) === 0 ? null : rand(10_000) };
  });
}

describe('clusterKeywords at scale', () => {
  it('clusters 100k keywords without a memory blow-up', { timeout: 300_000 }, () => {
    const keywords = manyKeywords(100_000);
    const rssBefore = process.resourceUsage().maxRSS * 1024;
    const res = clusterKeywords(keywords);
    // maxRSS is a high-water mark: its growth bounds the peak the run needed. A dense
    // n×n similarity matrix alone would be 40 GB here.
    const peakGrowth = process.resourceUsage().maxRSS * 1024 - rssBefore;
    expect(peakGrowth).toBeLessThan(1.5 * 2 ** 30);
    expect(process.memoryUsage().heapUsed).toBeLessThan(1.5 * 2 ** 30);
    const ids = res.clusters.flatMap((c) => c.keywordIds).concat(res.unclustered);
    expect(ids.length).toBe(100_000);
    expect(new Set(ids).size).toBe(100_000);
    expect(res.clusters.length).toBeGreaterThan(50);
  });
});
