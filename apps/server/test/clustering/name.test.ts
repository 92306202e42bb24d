import { describe, expect, it } from 'vitest';
import { clusterKeywords, type KeywordInput } from '../../src/ai/clustering/index';
import { devList } from './dev-set';

const topicOf = (res: ReturnType<typeof clusterKeywords>, phrase: string, list: readonly KeywordInput[]) => {
  const id = list.find((k) => k.phrase === phrase)!.id;
  return res.clusters.find((c) => c.keywordIds.includes(id))?.topic;
};

describe('offline topic names', () => {
  it('names clusters after their entity words, not their top keyword', () => {
    const coffee = devList('coffee-en.csv').map((k) => ({ ...k, volume: k.phrase.startsWith('best ') ? 10_000 : 100 }));
    const res = clusterKeywords(coffee);
    const french = res.clusters.find((c) =>
      c.keywordIds.includes(coffee.find((k) => k.phrase === 'french press coffee ratio')!.id),
    )!;
    expect(french.name).toBe('best french press'); // the highest-volume keyword, as before
    expect(french.topic).toBe('french press');
    expect(topicOf(res, 'how to use a moka pot', coffee)).toBe('moka pot');
    expect(topicOf(res, 'cold brew ratio', coffee)).toMatch(/^cold brew/);
    // A stop word inside a name stays: "pour over", not "pour".
    expect(topicOf(res, 'pour over coffee ratio', coffee)).toBe('pour over');
  });

  it('keeps topic names short and unique within a result', () => {
    const all = ['gardening', 'coffee', 'running', 'finance', 'pets'].flatMap((n) => devList(`${n}-en.csv`));
    const res = clusterKeywords(all);
    const topics = res.clusters.map((c) => c.topic.toLowerCase());
    expect(new Set(topics).size).toBe(topics.length);
    for (const t of topics) {
      expect(t.split(' ').length).toBeLessThanOrEqual(5);
      expect(t).not.toMatch(/^(for|to|of|in|the|a) | (for|to|of|in|the|a)$/);
    }
  });

  it('names a facet family by its entity', () => {
    const blight = [
      'tomato blight treatment',
      'tomato blight symptoms',
      'early blight on tomatoes',
      'how to prevent tomato blight',
      'tomato blight spray',
      'late blight tomato',
    ];
    const res = clusterKeywords(blight.map((phrase, i) => ({ id: `b${i}`, phrase, volume: i === 0 ? 5000 : 10 })));
    expect(res.clusters).toHaveLength(1);
    expect(res.clusters[0]).toMatchObject({ name: 'tomato blight treatment', topic: 'tomato blight' });
  });

  it('names German clusters from German words', () => {
    const garten = devList('garten-de.csv');
    const res = clusterKeywords(garten, { language: 'de' });
    expect(topicOf(res, 'wann rosen schneiden', garten)).toMatch(/^rosen/);
    expect(topicOf(res, 'rasen vertikutieren', garten)).toMatch(/^rasen/);
    expect(topicOf(res, 'tomaten ausgeizen', garten)).toMatch(/^tomaten/);
  });
});
