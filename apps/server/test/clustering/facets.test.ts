import { describe, expect, it } from 'vitest';
import { facetScores } from '../../src/ai/clustering/facets';
import { clusterKeywords } from '../../src/ai/clustering/index';
import { languageTools } from '../../src/ai/clustering/language';
import { tokenize } from '../../src/ai/clustering/text';
import { devList, purity } from './dev-set';

/** Facet score per stem of a list of phrases (what the engine learns before weighting). */
function scores(phrases: readonly string[], language = 'en'): Map<string, number> {
  const tools = languageTools(language);
  const stems = new Map<string, number>();
  const ptr = [0];
  const words: number[] = [];
  for (const p of phrases) {
    for (const s of new Set(tokenize(p, tools).words.map((w) => tools.stem(w)))) {
      if (!stems.has(s)) stems.set(s, stems.size);
      words.push(stems.get(s)!);
    }
    ptr.push(words.length);
  }
  const score = facetScores(Int32Array.from(ptr), Int32Array.from(words), stems.size, { facetPrior: 8 });
  return new Map([...stems].map(([s, i]) => [s, score[i]!]));
}

const gardening = devList('gardening-en.csv');

describe('facet vs entity, learned from the list', () => {
  it('scores the gardening facets above 0 and the entities below', () => {
    const tools = languageTools('en');
    const s = scores(gardening.map((k) => k.phrase));
    const of = (w: string) => s.get(tools.stem(w))!;
    for (const facet of ['turning', 'care', 'watering', 'fertilizer', 'best', 'leaves', 'varieties'])
      expect(of(facet), facet).toBeGreaterThan(0);
    for (const entity of ['tomato', 'roses', 'lawn', 'compost', 'hydrangea', 'monstera', 'strawberries'])
      expect(of(entity), entity).toBeLessThan(0);
  });

  it('scores facets shared across niches above 0 on the five English lists together', () => {
    const tools = languageTools('en');
    const all = ['gardening', 'coffee', 'running', 'finance', 'pets'].flatMap((n) => devList(`${n}-en.csv`));
    const s = scores(all.map((k) => k.phrase));
    for (const facet of ['treatment', 'setup', 'care', 'near', 'best'])
      expect(s.get(tools.stem(facet)), facet).toBeGreaterThan(0);
    for (const entity of ['espresso', 'marathon', 'hamster', 'refinance'])
      expect(s.get(tools.stem(entity)), entity).toBeLessThan(0);
  });

  it('learns German facets and entities too', () => {
    const tools = languageTools('de');
    const s = scores(
      devList('garten-de.csv').map((k) => k.phrase),
      'de',
    );
    for (const facet of ['schneiden', 'düngen', 'gießen', 'pflanzen'])
      expect(s.get(tools.stem(facet)), facet).toBeGreaterThan(0);
    for (const entity of ['tomaten', 'rosen', 'rasen', 'kompost', 'hochbeet'])
      expect(s.get(tools.stem(entity)), entity).toBeLessThan(0);
  });

  it('needs no word list: invented words in the same pattern get the same roles', () => {
    // Entities zorb/quil/mave, each with private facets, and shared facets blat/frim/doon.
    const phrases: string[] = [];
    for (const e of ['zorb', 'quil', 'mave']) {
      for (const own of ['ka', 'lu', 'pe', 'ro', 'si', 'tu', 'vo', 'wy']) phrases.push(`${e} ${e}${own}`);
      for (const shared of ['blat', 'frim', 'doon']) phrases.push(`${e} ${shared}`, `${shared} ${e} ${e}x`);
    }
    const s = scores(phrases, 'xx');
    for (const facet of ['blat', 'frim', 'doon']) expect(s.get(facet), facet).toBeGreaterThan(0);
    for (const entity of ['zorb', 'quil', 'mave']) expect(s.get(entity), entity).toBeLessThan(0);
  });

  it('keeps the issue’s facet traps apart on the gardening list', () => {
    const res = clusterKeywords(gardening);
    const byPhrase = new Map(gardening.map((k) => [k.phrase, k.id]));
    const clusterOf = (phrase: string) => res.clusters.findIndex((c) => c.keywordIds.includes(byPhrase.get(phrase)!));
    const apart = (a: string, b: string) => {
      const ca = clusterOf(a);
      expect(ca === -1 || ca !== clusterOf(b), `${a} / ${b}`).toBe(true);
    };
    apart('tomato blight treatment', 'lawn grub treatment');
    apart('rose leaves turning yellow', 'compost pile turning');
    apart('watering tomatoes', 'worm bin setup');
    // Joined by the facet alone before the entity weighting.
    apart('rose care', 'lawn care tips');
    apart('watering tomatoes', 'lawn watering schedule');
  });

  it('makes the gardening clusters topic-pure', () => {
    const q = purity(clusterKeywords(gardening), gardening);
    // Before the facet weighting: purity 0.84, 7 of 28 clusters without a 60 % topic.
    expect(q.purity).toBeGreaterThan(0.9);
    expect(q.mixed).toBeLessThanOrEqual(3);
  });
});
