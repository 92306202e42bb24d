/**
 * clusterKeywords: normalise → dedupe → TF-IDF (or caller's dense vectors) →
 * k-NN graph via inverted index → Louvain at a resolution set by granularity →
 * small groups to `unclustered` → name, centre and terms per cluster.
 */
import { compareCodeUnits } from './corpus';
import { clusterKey, describe } from './describe';
import { groupsOf, partition } from './partition';
import { tuningFor } from './tuning';
import type { Cluster, ClusterOptions, ClusterResult, KeywordInput } from './types';

export function clusterKeywords(keywords: readonly KeywordInput[], opts: ClusterOptions = {}): ClusterResult {
  const tuning = tuningFor(opts.granularity);
  const minSize = Math.max(1, Math.floor(opts.minClusterSize ?? 2));
  const { corpus, space, centrality, labels } = partition(keywords, opts, tuning);
  const { ptr } = space.vectors.matrix;
  const clusters: Omit<Cluster, 'key'>[] = [];
  const unclustered: number[] = [];
  for (const docs of groupsOf(labels)) {
    const size = docs.reduce((s, d) => s + corpus.members[d]!.length, 0);
    // A phrase with no word at all ("!!!", "") carries nothing to cluster on.
    const empty = docs.length === 1 && ptr[docs[0]! + 1] === ptr[docs[0]!];
    if (size < minSize || empty) for (const d of docs) unclustered.push(...corpus.members[d]!);
    else clusters.push(describe(docs, corpus, keywords, space, centrality));
  }
  clusters.sort((a, b) => b.keywordIds.length - a.keywordIds.length || compareCodeUnits(a.name, b.name));
  const taken = new Set<string>();
  const id = (i: number): string => keywords[i]!.id;
  return {
    clusters: clusters.map((c) => ({ key: clusterKey(c.name, taken), ...c })),
    unclustered: unclustered
      .sort((a, b) => compareCodeUnits(keywords[a]!.phrase, keywords[b]!.phrase) || compareCodeUnits(id(a), id(b)))
      .map(id),
  };
}
