/**
 * assignToClusters: fit new keywords into existing clusters (so re-running
 * auto-cluster extends clusters instead of duplicating them). Existing phrases and
 * new keywords share one TF-IDF space; a keyword joins the cluster whose members it
 * resembles most, if that resemblance clears a threshold set by granularity.
 */
import { buildCorpus, compareCodeUnits } from './corpus';
import { sparseKnn } from './knn';
import { languageTools } from './language';
import { centroidOf, rowDotVector } from './sparse';
import { normalizePhrase } from './text';
import { vectorize } from './tfidf';
import { tuningFor, type Tuning } from './tuning';
import type { AssignOptions, AssignResult, ExistingCluster, KeywordInput } from './types';

export function assignToClusters<K extends KeywordInput>(
  newKeywords: readonly K[],
  existingClusters: readonly ExistingCluster[],
  opts: AssignOptions = {},
): AssignResult<K> {
  return assignWithTuning(newKeywords, existingClusters, opts, tuningFor(opts.granularity));
}

export function assignWithTuning<K extends KeywordInput>(
  newKeywords: readonly K[],
  existingClusters: readonly ExistingCluster[],
  opts: AssignOptions,
  tuning: Tuning,
): AssignResult<K> {
  // Documents: existing phrases (tagged with their clusters) and new keywords.
  const clusters = [...existingClusters].sort((a, b) => compareCodeUnits(a.key, b.key));
  const pseudo: KeywordInput[] = [];
  clusters.forEach((c, ci) => c.keywordPhrases.forEach((phrase) => pseudo.push({ id: `${ci}`, phrase })));
  const existingCount = pseudo.length;
  newKeywords.forEach((kw, i) => pseudo.push({ id: `n${i}`, phrase: kw.phrase }));
  const corpus = buildCorpus(pseudo);
  const n = corpus.norms.length;

  // Per document: how often each existing cluster holds it (exact-duplicate rule).
  const owners: Map<number, number>[] = corpus.members.map((ms) => {
    const m = new Map<number, number>();
    for (const i of ms) if (i < existingCount) m.set(Number(pseudo[i]!.id), (m.get(Number(pseudo[i]!.id)) ?? 0) + 1);
    return m;
  });
  const indexed = Uint8Array.from(owners, (o) => (o.size > 0 ? 1 : 0));
  const queried = Uint8Array.from(corpus.members, (ms) => (ms.some((i) => i >= existingCount) ? 1 : 0));

  const vectors = vectorize(corpus.norms, languageTools(opts.language), {
    ...tuning,
    charNgrams: opts.charNgrams ?? tuning.charNgrams,
  });
  const lists = sparseKnn(vectors.matrix, tuning, { indexed, queried });
  const centroid = centroidOf(vectors.matrix);
  const membersOf: number[][] = clusters.map(() => []);
  owners.forEach((o, d) => o.forEach((_, ci) => membersOf[ci]!.push(d)));
  const centroids = new Map<number, ReturnType<typeof centroid>>();

  const decision = new Int32Array(n).fill(-1);
  for (let d = 0; d < n; d++) {
    if (!queried[d]) continue;
    if (owners[d]!.size > 0) {
      // Exact duplicate of an existing keyword: its cluster (most copies, then key order).
      decision[d] = [...owners[d]!].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
      continue;
    }
    // Score each cluster among the neighbours' by the mean of its nearest member
    // similarity and the similarity to its centroid: the first rewards a close match,
    // the second that the keyword fits the cluster as a whole.
    const nearest = new Map<number, number>();
    for (let t = 0; t < lists.count[d]!; t++) {
      const j = lists.nbr[d * lists.k + t]!;
      const s = lists.sim[d * lists.k + t]!;
      for (const ci of owners[j]!.keys()) if (s > (nearest.get(ci) ?? -1)) nearest.set(ci, s);
    }
    let best = -1;
    let bestScore = tuning.assignThreshold;
    for (const [ci, s] of [...nearest].sort((a, b) => a[0] - b[0])) {
      let c = centroids.get(ci);
      if (!c) centroids.set(ci, (c = centroid(membersOf[ci]!)));
      const score = (s + rowDotVector(vectors.matrix, d, c)) / 2;
      if (score >= bestScore && (best < 0 || score > bestScore)) {
        best = ci;
        bestScore = score;
      }
    }
    decision[d] = best;
  }

  const docOf = new Int32Array(pseudo.length);
  corpus.members.forEach((ms, d) => ms.forEach((i) => (docOf[i] = d)));
  const assigned = new Map<string, string>();
  const rest: K[] = [];
  newKeywords.forEach((kw, i) => {
    const ci = decision[docOf[existingCount + i]!]!;
    // A keyword with no words at all never joins a cluster by similarity.
    if (ci >= 0 && normalizePhrase(kw.phrase ?? '') !== '') assigned.set(kw.id, clusters[ci]!.key);
    else rest.push(kw);
  });
  return { assigned, rest };
}
