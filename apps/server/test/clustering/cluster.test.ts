import { describe, expect, it } from 'vitest';
import { clusterKeywords, type KeywordInput } from '../../src/ai/clustering/index';

const kw = (phrase: string, volume?: number | null, id = phrase): KeywordInput => ({ id, phrase, volume });

/** Three clear topics with a handful of variants each, plus an outlier. */
const TOPICS: KeywordInput[] = [
  kw('running shoes', 5000),
  kw('best running shoes', 9000),
  kw('running shoes for women', 1200),
  kw('trail running shoes', 800),
  kw('cheap running shoes', 300),
  kw('espresso machine', 4000),
  kw('best espresso machine', 2000),
  kw('espresso machine for home', 700),
  kw('cheap espresso machine', 250),
  kw('how to descale an espresso machine', 150),
  kw('standing desk', 6000),
  kw('best standing desk', 2500),
  kw('standing desk for small spaces', 400),
  kw('electric standing desk', 900),
  kw('quantum chromodynamics lecture notes', 10),
];

const clusterOf = (res: ReturnType<typeof clusterKeywords>, id: string) =>
  res.clusters.find((c) => c.keywordIds.includes(id));

describe('clusterKeywords', () => {
  it('groups keywords by topic and leaves the outlier unclustered', () => {
    const res = clusterKeywords(TOPICS);
    expect(res.clusters).toHaveLength(3);
    expect(clusterOf(res, 'cheap running shoes')?.keywordIds).toContain('trail running shoes');
    expect(clusterOf(res, 'cheap espresso machine')?.keywordIds).toContain('how to descale an espresso machine');
    expect(clusterOf(res, 'best standing desk')?.keywordIds).not.toContain('best running shoes');
    expect(res.unclustered).toEqual(['quantum chromodynamics lecture notes']);
    // Every keyword is accounted for exactly once.
    const all = [...res.clusters.flatMap((c) => c.keywordIds), ...res.unclustered].sort();
    expect(all).toEqual(TOPICS.map((k) => k.id).sort());
  });

  it('names a cluster after its highest-volume keyword and lists ids by volume', () => {
    const shoes = clusterOf(clusterKeywords(TOPICS), 'running shoes')!;
    expect(shoes.name).toBe('best running shoes');
    expect(shoes.keywordIds[0]).toBe('best running shoes');
    expect(shoes.keywordIds.slice(0, 3)).toEqual(['best running shoes', 'running shoes', 'running shoes for women']);
    expect(shoes.terms.slice(0, 2).sort()).toEqual(['running', 'shoes']);
    expect(shoes.key).toMatch(/^kc-[0-9a-f]{8}$/);
  });

  it('falls back to the most central keyword when there are no volumes', () => {
    const res = clusterKeywords(TOPICS.map((k) => ({ ...k, volume: null })));
    const shoes = clusterOf(res, 'running shoes')!;
    // The bare head phrase shares the most with every variant.
    expect(shoes.name).toBe('running shoes');
    expect(shoes.centralId).toBe('running shoes');
  });

  it('is deterministic, whatever the input order', () => {
    const a = clusterKeywords(TOPICS);
    expect(clusterKeywords(TOPICS)).toEqual(a);
    const shuffled = [...TOPICS].reverse();
    shuffled.push(shuffled.shift()!);
    expect(clusterKeywords(shuffled)).toEqual(a);
  });

  it('handles empty input and a single keyword', () => {
    expect(clusterKeywords([])).toEqual({ clusters: [], unclustered: [] });
    expect(clusterKeywords([kw('lonely keyword')])).toEqual({ clusters: [], unclustered: ['lonely keyword'] });
    const one = clusterKeywords([kw('lonely keyword')], { minClusterSize: 1 });
    expect(one.clusters).toHaveLength(1);
    expect(one.clusters[0]).toMatchObject({
      name: 'lonely keyword',
      keywordIds: ['lonely keyword'],
      centralId: 'lonely keyword',
    });
  });

  it('puts exact duplicates (after case, space and NFKC normalisation) in one cluster', () => {
    const dupes = [
      kw('Running  Shoes', 10, 'a'),
      kw('running shoes', 20, 'b'),
      kw(' RUNNING SHOES ', null, 'c'),
      kw('ｒｕｎｎｉｎｇ ｓｈｏｅｓ', 5, 'd'), // full-width
    ];
    const res = clusterKeywords([...dupes, ...TOPICS.slice(5)]);
    const c = clusterOf(res, 'a')!;
    expect(c.keywordIds).toEqual(expect.arrayContaining(['a', 'b', 'c', 'd']));
    expect(c.name).toBe('running shoes'); // volume 20 wins
    // Duplicates alone still make a cluster: they are the same search.
    expect(clusterKeywords(dupes).clusters).toHaveLength(1);
  });

  it('copes with unicode: accents, German, emoji, CJK', () => {
    const res = clusterKeywords([
      kw('café crème'),
      kw('cafe\u0301 crème recette'), // decomposed accent
      kw('café crème maison'),
      kw('Fußball Schuhe'),
      kw('fussball schuhe kinder'),
      kw('Fußballschuhe günstig'),
      kw('🍕 pizza near me'),
      kw('pizza 🍕 delivery'),
      kw('🍕'),
      kw('東京 ラーメン'),
      kw('!!!'),
    ]);
    expect(clusterOf(res, 'café crème')?.keywordIds).toEqual(
      expect.arrayContaining(['cafe\u0301 crème recette', 'café crème maison']),
    );
    expect(clusterOf(res, '🍕 pizza near me')?.keywordIds).toContain('pizza 🍕 delivery');
    expect(res.unclustered).toContain('!!!');
    expect(res.clusters.flatMap((c) => c.keywordIds).length + res.unclustered.length).toBe(11);
  });

  it('picks a stemmer per language', () => {
    const de = clusterKeywords([kw('schuhe kaufen'), kw('schuh kaufen online'), kw('wetter morgen')], {
      language: 'de-DE',
    });
    expect(clusterOf(de, 'schuhe kaufen')?.keywordIds).toContain('schuh kaufen online');
    // Unknown languages still work, without stemming.
    expect(() => clusterKeywords(TOPICS, { language: 'xx' })).not.toThrow();
  });

  it('handles very long phrases', () => {
    const long = 'running shoes '.repeat(150) + 'x'.repeat(200); // ~2,300 characters
    const res = clusterKeywords([kw(long, 1, 'long'), ...TOPICS]);
    expect(clusterOf(res, 'long')?.keywordIds).toContain('running shoes');
  });

  it('moves more keywords into smaller clusters as granularity rises', () => {
    const coarse = clusterKeywords(TOPICS, { granularity: 0 });
    const fine = clusterKeywords(TOPICS, { granularity: 1 });
    const sizes = (r: typeof coarse) => r.clusters.length + r.unclustered.length;
    expect(sizes(fine)).toBeGreaterThanOrEqual(sizes(coarse));
  });

  it('keeps two topics apart on a short list when one keyword names both', () => {
    const coldBrew = [
      'cold brew ratio',
      'cold brew ratio chart',
      'cold brew ratio grams',
      'cold brew ratio calculator',
    ];
    const descaling = [
      'espresso machine descaling',
      'espresso machine descaling tablets',
      'espresso machine descaling vinegar',
    ];
    const bridge = 'cold brew ratio machine descaling';
    const res = clusterKeywords([...coldBrew, ...descaling, bridge].map((p) => kw(p)));
    // It went to one of them; before the least resolution (tuning.ts), all eight were one cluster.
    const topics = res.clusters.map((c) => c.keywordIds.filter((id) => id !== bridge).sort());
    expect(topics.sort()).toEqual([[...coldBrew].sort(), [...descaling].sort()].sort());
    expect(res.unclustered).toEqual([]);
  });

  it('links keywords that share no word when their vectors agree (vectors blend with the words)', () => {
    // Two "semantic" groups that share no words: without vectors, nothing links them.
    const phrases = ['sofa', 'couch', 'settee', 'automobile', 'car', 'vehicle'];
    const vectors = phrases.map((_, i) => (i < 3 ? [1, 0.1 * i, 0] : [0, 0.1 * i, 1]));
    const res = clusterKeywords(
      phrases.map((p) => kw(p)),
      { vectors },
    );
    expect(res.clusters).toHaveLength(2);
    expect(clusterOf(res, 'sofa')?.keywordIds.sort()).toEqual(['couch', 'settee', 'sofa']);
    expect(clusterKeywords(phrases.map((p) => kw(p))).clusters).toHaveLength(0);
    expect(() =>
      clusterKeywords(
        phrases.map((p) => kw(p)),
        { vectors: vectors.slice(1) },
      ),
    ).toThrow(RangeError);
  });
});
