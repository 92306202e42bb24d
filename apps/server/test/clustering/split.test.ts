import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/ai/clustering/graph';
import { clusterKeywords, tuningFor } from '../../src/ai/clustering/index';
import { splitOversized } from '../../src/ai/clustering/split';
import { devList, purity } from './dev-set';

const RUNNING = devList('running-en.csv');

const largest = (res: ReturnType<typeof clusterKeywords>) => Math.max(...res.clusters.map((c) => c.keywordIds.length));

describe('splitting oversized clusters', () => {
  it('splits clusters above maxClusterSize, losing no keyword and mixing fewer topics', () => {
    // Coarse granularity joins marathon, half marathon and training keywords into a few big clusters.
    const whole = clusterKeywords(RUNNING, { granularity: 0, maxClusterSize: Infinity });
    expect(largest(whole)).toBeGreaterThan(30);
    const split = clusterKeywords(RUNNING, { granularity: 0, maxClusterSize: 20 });
    expect(largest(split)).toBeLessThanOrEqual(20);
    expect(split.clusters.length).toBeGreaterThan(whole.clusters.length);
    // Splitting never turns keywords into leftovers.
    expect(split.unclustered.length).toBeLessThanOrEqual(whole.unclustered.length);
    expect(split.clusters.flatMap((c) => c.keywordIds).length + split.unclustered.length).toBe(RUNNING.length);
    expect(purity(split, RUNNING).purity).toBeGreaterThan(purity(whole, RUNNING).purity);
  });

  it('takes its default limit from granularity', () => {
    expect([0, 0.5, 1].map((g) => tuningFor(g).maxClusterSize)).toEqual([200, 50, 13]);
    expect(largest(clusterKeywords(RUNNING, { granularity: 0 }))).toBeGreaterThan(30);
    expect(largest(clusterKeywords(RUNNING, { granularity: 1 }))).toBeLessThanOrEqual(13);
  });

  it('ignores a nonsensical limit', () => {
    const normal = clusterKeywords(RUNNING);
    expect(clusterKeywords(RUNNING, { maxClusterSize: Number.NaN })).toEqual(normal);
    expect(clusterKeywords(RUNNING, { maxClusterSize: 0 })).toEqual(normal);
  });
});

/** Undirected graph from an edge list. */
function graph(n: number, edges: [number, number, number][]): Graph {
  const rows: [number, number][][] = Array.from({ length: n }, () => []);
  for (const [a, b, w] of edges) {
    rows[a]!.push([b, w]);
    rows[b]!.push([a, w]);
  }
  const ptr = new Int32Array(n + 1);
  rows.forEach((r, i) => (ptr[i + 1] = ptr[i]! + r.length));
  return {
    n,
    ptr,
    adj: Int32Array.from(rows.flat().map((e) => e[0])),
    w: Float64Array.from(rows.flat().map((e) => e[1])),
  };
}

const clique = (nodes: number[], w = 1): [number, number, number][] =>
  nodes.flatMap((a, i) => nodes.slice(i + 1).map((b): [number, number, number] => [a, b, w]));

describe('splitOversized', () => {
  it('cuts a group at its weak link and lets a tiny part rejoin its neighbour', () => {
    // Two cliques of 6 joined by one weak edge, and node 12 hanging off the first.
    const g = graph(13, [...clique([0, 1, 2, 3, 4, 5]), ...clique([6, 7, 8, 9, 10, 11]), [5, 6, 0.1], [12, 0, 0.2]]);
    const labels = new Int32Array(13); // one group
    const weight = new Array<number>(13).fill(1);
    const out = splitOversized(g, labels, weight, { maxSize: 8, minSize: 3 });
    const groups = new Map<number, number[]>();
    out.forEach((c, i) => groups.set(c, [...(groups.get(c) ?? []), i]));
    expect([...groups.values()].map((m) => m.sort((a, b) => a - b))).toEqual(
      expect.arrayContaining([
        [0, 1, 2, 3, 4, 5, 12],
        [6, 7, 8, 9, 10, 11],
      ]),
    );
    expect(groups.size).toBe(2);
  });

  it('leaves groups within the limit, and counts duplicates by weight', () => {
    const g = graph(4, [...clique([0, 1]), ...clique([2, 3])]);
    const labels = Int32Array.from([0, 0, 0, 0]);
    expect([...splitOversized(g, labels, [1, 1, 1, 1], { maxSize: 4, minSize: 1 })]).toEqual([0, 0, 0, 0]);
    // Node 0 stands for 5 duplicate keywords: the group holds 8 > 4 and is split, and
    // so is {0, 1} (6 > 4); a node is never split, however many keywords it holds.
    const out = splitOversized(g, labels, [5, 1, 1, 1], { maxSize: 4, minSize: 1 });
    expect(new Set(out).size).toBe(3);
    expect(out[2]).toBe(out[3]);
  });
});
