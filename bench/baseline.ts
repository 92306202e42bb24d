/**
 * The naive reference the engine is measured against: the same TF-IDF vectors and
 * the same graph clustering, but every pair's similarity computed and held in a
 * dense n×n matrix (O(n²) time and memory) instead of the inverted index.
 */
import { buildCorpus } from '../apps/server/src/ai/clustering/corpus';
import { knnGraph } from '../apps/server/src/ai/clustering/graph';
import type { KnnLists } from '../apps/server/src/ai/clustering/knn';
import { languageTools } from '../apps/server/src/ai/clustering/language';
import { louvain } from '../apps/server/src/ai/clustering/louvain';
import { splitOversized } from '../apps/server/src/ai/clustering/split';
import { vectorize } from '../apps/server/src/ai/clustering/tfidf';
import { TopK } from '../apps/server/src/ai/clustering/topk';
import { resolutionFor, type Tuning } from '../apps/server/src/ai/clustering/tuning';
import type { KeywordInput } from '../apps/server/src/ai/clustering/types';

/** Cluster label per keyword (`u:<id>` for keywords left alone), as the engine is scored. */
export function naiveLabels(keywords: readonly KeywordInput[], tuning: Tuning, language = 'en'): string[] {
  const corpus = buildCorpus(keywords);
  const { matrix: m } = vectorize(corpus.norms, languageTools(language), tuning);
  const n = m.rows;
  const sim = new Float32Array(n * n);
  const dense = new Float32Array(m.cols);
  for (let i = 0; i < n; i++) {
    for (let p = m.ptr[i]!; p < m.ptr[i + 1]!; p++) dense[m.idx[p]!] = m.val[p]!;
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let p = m.ptr[j]!; p < m.ptr[j + 1]!; p++) s += dense[m.idx[p]!]! * m.val[p]!;
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
    for (let p = m.ptr[i]!; p < m.ptr[i + 1]!; p++) dense[m.idx[p]!] = 0;
  }
  const { k } = tuning;
  const lists: KnnLists = { n, k, nbr: new Int32Array(n * k), sim: new Float32Array(n * k), count: new Int32Array(n) };
  const top = new TopK(k);
  for (let i = 0; i < n; i++) {
    top.clear();
    for (let j = 0; j < n; j++) if (j !== i && sim[i * n + j]! >= tuning.minSim) top.push(j, sim[i * n + j]!);
    const sorted = top.sorted();
    lists.count[i] = sorted.length;
    sorted.forEach((e, t) => {
      lists.nbr[i * k + t] = e.id;
      lists.sim[i * k + t] = e.score;
    });
  }
  const graph = knnGraph(lists, tuning);
  // The same split of oversized clusters as the engine (it works on the graph alone).
  const weight = corpus.members.map((m) => m.length);
  const labels = splitOversized(graph, louvain(graph, resolutionFor(tuning, n)), weight, {
    maxSize: tuning.maxClusterSize,
    minSize: tuning.minSplitPart,
  });
  const size = new Map<number, number>();
  labels.forEach((c, d) => size.set(c, (size.get(c) ?? 0) + corpus.members[d]!.length));
  const out: string[] = new Array<string>(keywords.length);
  corpus.members.forEach((ms, d) => {
    for (const i of ms) out[i] = size.get(labels[d]!)! >= 2 ? `c${labels[d]}` : `u:${keywords[i]!.id}`;
  });
  return out;
}
