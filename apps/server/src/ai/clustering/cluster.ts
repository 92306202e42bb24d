/**
 * clusterKeywords: normalise → dedupe → TF-IDF (or caller's dense vectors) →
 * k-NN graph via inverted index → Louvain at a resolution set by granularity →
 * small groups to `unclustered` → name, centre and terms per cluster.
 */
import { compareCodeUnits, type Corpus } from './corpus';
import { clusterKey, describe, type Described } from './describe';
import { qualifiedName } from './name';
import { groupsOf, partition } from './partition';
import { tuningFor } from './tuning';
import type { Vectors } from './tfidf';
import type { ClusterOptions, ClusterResult, KeywordInput } from './types';

export function clusterKeywords(keywords: readonly KeywordInput[], opts: ClusterOptions = {}): ClusterResult {
  const tuning = tuningFor(opts.granularity);
  const minSize = Math.max(1, Math.floor(opts.minClusterSize ?? 2));
  const { corpus, space, centrality, labels } = partition(keywords, opts, tuning);
  const { ptr } = space.vectors.matrix;
  const clusters: Described[] = [];
  const unclustered: number[] = [];
  for (const docs of groupsOf(labels)) {
    const size = docs.reduce((s, d) => s + corpus.members[d]!.length, 0);
    // A phrase with no word at all ("!!!", "") carries nothing to cluster on.
    const empty = docs.length === 1 && ptr[docs[0]! + 1] === ptr[docs[0]!];
    if (size < minSize || empty) for (const d of docs) unclustered.push(...corpus.members[d]!);
    else clusters.push(describe(docs, corpus, keywords, space, centrality));
  }
  clusters.sort((a, b) => b.keywordIds.length - a.keywordIds.length || compareCodeUnits(a.name, b.name));
  distinctTopics(clusters, corpus, space.vectors);
  const taken = new Set<string>();
  const id = (i: number): string => keywords[i]!.id;
  return {
    clusters: clusters.map(({ docs: _docs, otherWords: _words, topicTerms: _terms, ...c }) => ({
      key: clusterKey(c.name, taken),
      ...c,
    })),
    unclustered: unclustered
      .sort((a, b) => compareCodeUnits(keywords[a]!.phrase, keywords[b]!.phrase) || compareCodeUnits(id(a), id(b)))
      .map(id),
  };
}

/** Words tried per cluster to make a repeated topic name unique. */
const RENAME_TRIES = 8;

/**
 * Two clusters with one topic name (often the parts of a split cluster) read as one:
 * the larger keeps the name, the others add their most characteristic other word.
 */
function distinctTopics(clusters: Described[], corpus: Corpus, v: Vectors): void {
  const used = new Set<string>();
  for (const c of clusters) {
    if (used.has(c.topic.toLowerCase()) && c.topic !== '') {
      for (const w of c.otherWords.slice(0, RENAME_TRIES)) {
        const renamed = qualifiedName(c.docs, corpus, v, c.topicTerms, w);
        if (renamed && !used.has(renamed.toLowerCase())) {
          c.topic = renamed;
          break;
        }
      }
    }
    used.add(c.topic.toLowerCase());
  }
}
