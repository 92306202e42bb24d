import { describe, expect, it } from 'vitest';
import { assignToClusters, clusterKeywords, type ExistingCluster } from '../../src/ai/clustering/index';

const EXISTING: ExistingCluster[] = [
  {
    key: 'shoes',
    keywordPhrases: ['running shoes', 'best running shoes', 'trail running shoes', 'running shoes for women'],
  },
  { key: 'espresso', keywordPhrases: ['espresso machine', 'best espresso machine', 'espresso machine for home'] },
];

describe('assignToClusters', () => {
  it('adds fitting keywords to existing clusters and returns the rest unchanged', () => {
    const fresh = [
      { id: 'a', phrase: 'cheap running shoes', volume: 100, extra: 1 },
      { id: 'b', phrase: 'running shoes for men', volume: null, extra: 2 },
      { id: 'c', phrase: 'espresso machine with grinder', extra: 3 },
      { id: 'd', phrase: 'standing desk', extra: 4 },
      { id: 'e', phrase: 'electric standing desk', extra: 5 },
    ];
    const { assigned, rest } = assignToClusters(fresh, EXISTING);
    expect(Object.fromEntries(assigned)).toEqual({ a: 'shoes', b: 'shoes', c: 'espresso' });
    // Same objects come back (callers keep their own fields), in input order.
    expect(rest).toEqual([fresh[3], fresh[4]]);
    expect(rest[0]).toBe(fresh[3]);
    // The rest then clusters on its own, instead of duplicating an existing cluster.
    expect(clusterKeywords(rest).clusters).toHaveLength(1);
  });

  it('sends exact duplicates of an existing phrase to its cluster', () => {
    const { assigned } = assignToClusters([{ id: 'x', phrase: '  Best  ESPRESSO machine ' }], EXISTING);
    expect(assigned.get('x')).toBe('espresso');
  });

  it('assigns nothing when there are no existing clusters or no new keywords', () => {
    expect(assignToClusters([{ id: 'a', phrase: 'running shoes' }], []).assigned.size).toBe(0);
    expect(assignToClusters([], EXISTING)).toEqual({ assigned: new Map(), rest: [] });
  });

  it('is deterministic and independent of cluster order', () => {
    const fresh = [
      { id: 'a', phrase: 'cheap running shoes' },
      { id: 'c', phrase: 'espresso machine with grinder' },
    ];
    const one = assignToClusters(fresh, EXISTING);
    const two = assignToClusters(fresh, [...EXISTING].reverse());
    expect([...two.assigned]).toEqual([...one.assigned]);
  });
});
