/**
 * The shared core of clusterKeywords and assignToClusters: distinct phrases →
 * vectors → k-NN graph → communities (one label per distinct phrase).
 */
import { buildCorpus, type Corpus } from './corpus';
import { denseKnn, mergedKnn, normalizeRows } from './dense';
import { sparseCentrality, termSpace, type Centrality, type TermSpace } from './describe';
import { knnGraph, type Graph } from './graph';
import { sparseKnn, type KnnLists } from './knn';
import { languageTools } from './language';
import { louvain } from './louvain';
import { blendSerp, SERP_DEFAULTS, serpOverlapPairs } from './serp';
import { rowDotRow } from './sparse';
import { splitOversized } from './split';
import { vectorize } from './tfidf';
import { resolutionFor, type Tuning } from './tuning';
import type { ClusterOptions, KeywordInput } from './types';

/**
 * Embeddings with the words: `weight` is the share of a link's similarity from the vectors; up to
 * `exactMax` distinct phrases every pair is compared by vector (O(n²·d)), beyond only the words'
 * neighbours are, re-weighed by meaning. Not tuned against a real embedding model (none runs here).
 */
export const VECTOR_DEFAULTS = { weight: 0.5, exactMax: 3000 } as const;

export interface Partition {
  corpus: Corpus;
  space: TermSpace;
  centrality: Centrality;
  /** Community of each document (distinct phrase). */
  labels: Int32Array;
}

export function partition(keywords: readonly KeywordInput[], opts: ClusterOptions, tuning: Tuning): Partition {
  if (opts.vectors && opts.vectors.length !== keywords.length) {
    throw new RangeError(`vectors has ${opts.vectors.length} rows for ${keywords.length} keywords`);
  }
  if (opts.serp && opts.serp.length !== keywords.length) {
    throw new RangeError(`serp has ${opts.serp.length} rows for ${keywords.length} keywords`);
  }
  const corpus = buildCorpus(keywords);
  const charNgrams = opts.charNgrams ?? tuning.charNgrams;
  const space = termSpace(vectorize(corpus.norms, languageTools(opts.language), { ...tuning, charNgrams }));
  const { lists, centrality, similarity } = neighbours(corpus, space, opts, tuning);
  const graph = opts.serp ? withSerp(knnGraph(lists, tuning), corpus, opts, similarity) : knnGraph(lists, tuning);
  const communities = louvain(graph, resolutionFor(tuning, corpus.norms.length));
  const labels = splitOversized(
    graph,
    communities,
    corpus.members.map((m) => m.length),
    {
      // Infinity turns splitting off; nonsense (NaN, < 1) falls back to the default.
      maxSize: (opts.maxClusterSize ?? NaN) >= 1 ? Math.floor(opts.maxClusterSize!) : tuning.maxClusterSize,
      minSize: tuning.minSplitPart,
    },
  );
  return { corpus, space, centrality, labels };
}

function neighbours(
  corpus: Corpus,
  space: TermSpace,
  opts: ClusterOptions,
  tuning: Tuning,
): { lists: KnnLists; centrality: Centrality; similarity: (a: number, b: number) => number } {
  const m = space.vectors.matrix;
  if (!opts.vectors)
    return {
      lists: sparseKnn(m, tuning),
      centrality: sparseCentrality(space),
      similarity: (a, b) => rowDotRow(m, a, b),
    };
  // Duplicates share one document; take the vector of its first member (lowest id).
  const rows = corpus.members.map((ms) => opts.vectors![ms[0]!]!);
  const { data, dim } = normalizeRows(rows);
  const dense = (a: number, b: number): number => {
    let s = 0;
    for (let t = 0; t < dim; t++) s += data[a * dim + t]! * data[b * dim + t]!;
    return s;
  };
  // Words and meaning together: each link's similarity blends the two.
  const w = Math.min(1, Math.max(0, opts.vectorWeight ?? VECTOR_DEFAULTS.weight));
  const similarity = (a: number, b: number): number => (1 - w) * rowDotRow(m, a, b) + w * dense(a, b);
  // Candidates: the words' neighbours, and on lists small enough to compare every pair, the
  // embeddings' own (what no shared word finds: "latte" beside "cappuccino").
  const candidates = [sparseKnn(m, { ...tuning, minSim: 0 })];
  if (rows.length <= VECTOR_DEFAULTS.exactMax)
    candidates.push(denseKnn(data, rows.length, dim, { ...tuning, minSim: 0 }));
  return {
    lists: mergedKnn(candidates, similarity, tuning),
    centrality: sparseCentrality(space),
    similarity,
  };
}

/** The neighbour graph with SERP overlap blended in (serp.ts), per distinct phrase. */
function withSerp(g: Graph, corpus: Corpus, opts: ClusterOptions, similarity: (a: number, b: number) => number): Graph {
  // Duplicates share one document: the first member that has results speaks for it.
  const serps = corpus.members.map((ms) => ms.map((i) => opts.serp![i]).find((s) => s && s.length > 0) ?? null);
  const minShared = opts.serpMinShared ?? SERP_DEFAULTS.minShared;
  return blendSerp(g, {
    has: Uint8Array.from(serps, (s) => (s ? 1 : 0)),
    pairs: serpOverlapPairs(serps, { minShared }),
    topN: SERP_DEFAULTS.topN,
    weight: opts.serpWeight ?? SERP_DEFAULTS.weight,
    similarity,
  });
}

/** Documents grouped by label, groups in order of first document. */
export function groupsOf(labels: Int32Array): number[][] {
  const groups = new Map<number, number[]>();
  labels.forEach((c, d) => {
    const g = groups.get(c);
    if (g) g.push(d);
    else groups.set(c, [d]);
  });
  return [...groups.values()];
}
