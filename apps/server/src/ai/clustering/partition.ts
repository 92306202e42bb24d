/**
 * The shared core of clusterKeywords and assignToClusters: distinct phrases →
 * vectors → k-NN graph → communities (one label per distinct phrase).
 */
import { buildCorpus, type Corpus } from './corpus';
import { denseKnn, normalizeRows } from './dense';
import { denseCentrality, sparseCentrality, termSpace, type Centrality, type TermSpace } from './describe';
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
  const similarity = (a: number, b: number): number => {
    let s = 0;
    for (let t = 0; t < dim; t++) s += data[a * dim + t]! * data[b * dim + t]!;
    return s;
  };
  return { lists: denseKnn(data, rows.length, dim, tuning), centrality: denseCentrality(data, dim), similarity };
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
