/**
 * clusterKeywords: normalise → dedupe → TF-IDF (or caller's dense vectors) →
 * k-NN graph via inverted index → Louvain at a resolution set by granularity →
 * small groups to `unclustered` → name, centre and terms per cluster.
 */
import { buildCorpus, compareCodeUnits, type Corpus } from './corpus';
import { denseKnn, normalizeRows } from './dense';
import { clusterKey, denseCentrality, describe, sparseCentrality, termSpace, type Centrality, type TermSpace } from './describe';
import { knnGraph } from './graph';
import { sparseKnn, type KnnLists } from './knn';
import { languageTools } from './language';
import { louvain } from './louvain';
import { vectorize } from './tfidf';
import { resolutionFor, tuningFor, type Tuning } from './tuning';
import type { Cluster, ClusterOptions, ClusterResult, KeywordInput } from './types';

export function clusterKeywords(keywords: readonly KeywordInput[], opts: ClusterOptions = {}): ClusterResult {
  return clusterWithTuning(keywords, opts, tuningFor(opts.granularity));
}

/** Same as clusterKeywords with explicit internal knobs (benchmarks, tests). */
export function clusterWithTuning(keywords: readonly KeywordInput[], opts: ClusterOptions, tuning: Tuning): ClusterResult {
  if (opts.vectors && opts.vectors.length !== keywords.length) {
    throw new RangeError(`vectors has ${opts.vectors.length} rows for ${keywords.length} keywords`);
  }
  const minSize = Math.max(1, Math.floor(opts.minClusterSize ?? 2));
  const corpus = buildCorpus(keywords);
  const charNgrams = opts.charNgrams ?? tuning.charNgrams;
  const vectors = vectorize(corpus.norms, languageTools(opts.language), { ...tuning, charNgrams });
  const space = termSpace(vectors);
  const { lists, centrality } = neighbours(corpus, space, opts, tuning);
  const labels = louvain(knnGraph(lists, tuning), resolutionFor(tuning, corpus.norms.length));

  const groups = new Map<number, number[]>();
  labels.forEach((c, d) => {
    const g = groups.get(c);
    if (g) g.push(d);
    else groups.set(c, [d]);
  });
  const clusters: Omit<Cluster, 'key'>[] = [];
  const unclustered: number[] = [];
  for (const docs of groups.values()) {
    const size = docs.reduce((s, d) => s + corpus.members[d]!.length, 0);
    // A phrase with no word at all ("!!!", "") carries nothing to cluster on.
    const empty = docs.length === 1 && vectors.matrix.ptr[docs[0]! + 1] === vectors.matrix.ptr[docs[0]!];
    if (size < minSize || empty) for (const d of docs) unclustered.push(...corpus.members[d]!);
    else clusters.push(describe(docs, corpus, keywords, space, centrality));
  }
  clusters.sort((a, b) => b.keywordIds.length - a.keywordIds.length || compareCodeUnits(a.name, b.name));
  const taken = new Set<string>();
  return {
    clusters: clusters.map((c) => ({ key: clusterKey(c.name, taken), ...c })),
    unclustered: unclustered
      .sort((a, b) => compareCodeUnits(keywords[a]!.phrase, keywords[b]!.phrase) || compareCodeUnits(keywords[a]!.id, keywords[b]!.id))
      .map((i) => keywords[i]!.id),
  };
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
