/**
 * The shared core of clusterKeywords and assignToClusters: distinct phrases →
 * vectors → k-NN graph → communities (one label per distinct phrase).
 */
import { buildCorpus, type Corpus } from './corpus';
import { denseKnn, normalizeRows } from './dense';
import { denseCentrality, sparseCentrality, termSpace, type Centrality, type TermSpace } from './describe';
import { knnGraph } from './graph';
import { sparseKnn, type KnnLists } from './knn';
import { languageTools } from './language';
import { louvain } from './louvain';
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
  const corpus = buildCorpus(keywords);
  const charNgrams = opts.charNgrams ?? tuning.charNgrams;
  const space = termSpace(vectorize(corpus.norms, languageTools(opts.language), { ...tuning, charNgrams }));
  const { lists, centrality } = neighbours(corpus, space, opts, tuning);
  const graph = knnGraph(lists, tuning);
  const communities = louvain(graph, resolutionFor(tuning, corpus.norms.length));
  const labels = splitOversized(graph, communities, corpus.members.map((m) => m.length), {
    // Infinity turns splitting off; nonsense (NaN, < 1) falls back to the default.
    maxSize: (opts.maxClusterSize ?? NaN) >= 1 ? Math.floor(opts.maxClusterSize!) : tuning.maxClusterSize,
    minSize: tuning.minSplitPart,
  });
  return { corpus, space, centrality, labels };
}

function neighbours(
  corpus: Corpus,
  space: TermSpace,
  opts: ClusterOptions,
  tuning: Tuning,
): { lists: KnnLists; centrality: Centrality } {
  if (!opts.vectors) return { lists: sparseKnn(space.vectors.matrix, tuning), centrality: sparseCentrality(space) };
  // Duplicates share one document; take the vector of its first member (lowest id).
  const rows = corpus.members.map((m) => opts.vectors![m[0]!]!);
  const { data, dim } = normalizeRows(rows);
  return { lists: denseKnn(data, rows.length, dim, tuning), centrality: denseCentrality(data, dim) };
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
