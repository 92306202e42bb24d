import { describe, expect, it } from 'vitest';
import { clusterKeywords, normalizeResultUrl, serpOverlapPairs } from '../../src/ai/clustering/index';
import { SERP_KEYWORDS } from './fixtures/serp';

const groups = (res: ReturnType<typeof clusterKeywords>) =>
  res.clusters.map((c) => [...c.keywordIds].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
const byIntent = (intent: string) =>
  SERP_KEYWORDS.filter((k) => k.intent === intent)
    .map((k) => k.id)
    .sort();

describe('normalizeResultUrl', () => {
  it('spells one result page one way', () => {
    const same = [
      'https://www.example.com/guide/',
      'http://example.com/guide',
      'HTTPS://WWW.EXAMPLE.COM/guide#section-2',
      'https://example.com/guide?utm_source=x&utm_medium=y',
      'example.com/guide/',
      'https://example.com:443/guide',
    ];
    expect(new Set(same.map(normalizeResultUrl))).toEqual(new Set(['example.com/guide']));
  });

  it('keeps what tells pages apart: path case, real parameters, other ports', () => {
    expect(normalizeResultUrl('https://example.com/Guide')).not.toBe(normalizeResultUrl('https://example.com/guide'));
    expect(normalizeResultUrl('https://example.com/p?id=1')).not.toBe(normalizeResultUrl('https://example.com/p?id=2'));
    expect(normalizeResultUrl('https://example.com:8080/p')).toBe('example.com:8080/p');
    expect(normalizeResultUrl('  not a url  ')).toBe('not a url');
  });
});

describe('serpOverlapPairs', () => {
  const u = (n: number) => `https://site${n}.com/page`;

  it('links keywords sharing at least 3 of their top 10 (by default)', () => {
    const serps = [
      [u(1), u(2), u(3), u(4)],
      [u(1), u(2), u(3), u(9)], // 3 shared with #0
      [u(1), u(2), u(7), u(8)], // 2 with #0, 2 with #1
      null,
      [],
    ];
    expect(serpOverlapPairs(serps)).toEqual([{ a: 0, b: 1, shared: 3 }]);
    expect(serpOverlapPairs(serps, { minShared: 2 })).toEqual([
      { a: 0, b: 1, shared: 3 },
      { a: 0, b: 2, shared: 2 },
      { a: 1, b: 2, shared: 2 },
    ]);
  });

  it('counts only the first 10 distinct results, each once', () => {
    const top = Array.from({ length: 10 }, (_, i) => u(100 + i));
    const late = [u(1), u(2), u(3)];
    // Shares 3 URLs with #1, but only past its own 10th result.
    const a = [...top, ...late];
    const b = [...late, u(50)];
    expect(serpOverlapPairs([a, b])).toEqual([]);
    expect(serpOverlapPairs([a, b], { topN: 13 })).toEqual([{ a: 0, b: 1, shared: 3 }]);
    // Repeats and spellings of one page count once.
    expect(
      serpOverlapPairs(
        [
          [u(1), u(1), 'http://www.site1.com/page/', u(2)],
          [u(1), u(2), u(3)],
        ],
        { minShared: 2 },
      ),
    ).toEqual([{ a: 0, b: 1, shared: 2 }]);
  });

  it('keeps each keyword’s best partners only', () => {
    const shared = [u(1), u(2), u(3)];
    const serps = Array.from({ length: 30 }, () => shared);
    const pairs = serpOverlapPairs(serps, { maxPartners: 4 });
    const degree = new Array<number>(30).fill(0);
    for (const p of pairs) {
      degree[p.a]!++;
      degree[p.b]!++;
      expect(p.a).toBeLessThan(p.b);
    }
    expect(pairs.length).toBeLessThan((30 * 29) / 2);
    expect(Math.min(...degree)).toBeGreaterThanOrEqual(4);
  });
});

describe('clustering with SERP overlap', () => {
  const keywords = SERP_KEYWORDS.map(({ id, phrase }) => ({ id, phrase }));
  const serp = SERP_KEYWORDS.map((k) => k.serp);

  it('groups by shared result pages where the words mislead', () => {
    const text = clusterKeywords(keywords);
    // Text alone: "apple" joins the watch bands to the pie, and "couch" never meets "sofa".
    expect(groups(text)).not.toContainEqual(byIntent('sofa'));
    const res = clusterKeywords(keywords, { serp });
    expect(groups(res)).toEqual(
      [byIntent('apple pie'), byIntent('sofa'), byIntent('watch band')].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    expect(res.unclustered).toEqual([]);
  });

  it('uses text where results are missing, and checks the row count', () => {
    // No results for the pies: they still cluster by their words.
    const partial = serp.map((s, i) => (SERP_KEYWORDS[i]!.intent === 'apple pie' ? null : s));
    const res = clusterKeywords(keywords, { serp: partial });
    expect(groups(res)).toContainEqual(byIntent('sofa'));
    expect(groups(res).some((g) => byIntent('apple pie').every((id) => g.includes(id)))).toBe(true);
    expect(() => clusterKeywords(keywords, { serp: serp.slice(1) })).toThrow(RangeError);
  });

  it('needs more shared pages as serpMinShared rises', () => {
    // The fixture's keywords share at most 6 pages: at 7 SERP overlap adds nothing.
    const strict = clusterKeywords(keywords, { serp, serpMinShared: 7 });
    expect(groups(strict)).not.toContainEqual(byIntent('sofa'));
  });

  it('combines with dense vectors too', () => {
    // Vectors that know nothing (all equal): the shared results alone decide.
    const vectors = keywords.map(() => [1, 0]);
    const res = clusterKeywords(keywords, { vectors, serp, serpWeight: 1 });
    expect(groups(res)).toContainEqual(byIntent('sofa'));
    expect(groups(res)).toContainEqual(byIntent('apple pie'));
  });
});
