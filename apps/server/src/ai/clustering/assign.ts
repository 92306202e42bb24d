/**
 * assignToClusters: fit new keywords into existing clusters, so re-running
 * auto-cluster extends clusters instead of duplicating them. Existing phrases and
 * new keywords are clustered together, with the same engine and granularity as
 * clusterKeywords; a new keyword joins an existing cluster when it lands in a
 * community led by that cluster's phrases and resembles that cluster's centroid.
 * Exact duplicates of an existing phrase always join its cluster.
 */
import { compareCodeUnits } from './corpus';
import { groupsOf, partition } from './partition';
import { rowDotVector } from './sparse';
import { tuningFor } from './tuning';
import type { AssignOptions, AssignResult, ExistingCluster, KeywordInput } from './types';

export function assignToClusters<K extends KeywordInput>(
  newKeywords: readonly K[],
  existingClusters: readonly ExistingCluster[],
  opts: AssignOptions = {},
): AssignResult<K> {
  const tuning = tuningFor(opts.granularity);
  const clusters = [...existingClusters].sort((a, b) => compareCodeUnits(a.key, b.key));
  const pseudo: KeywordInput[] = [];
  const ownerOf: number[] = []; // pseudo keyword → existing cluster index, -1 for new
  clusters.forEach((c, ci) =>
    c.keywordPhrases.forEach((phrase, j) => {
      pseudo.push({ id: `e${ci}:${j}`, phrase });
      ownerOf.push(ci);
    }),
  );
  const existingCount = pseudo.length;
  newKeywords.forEach((kw, i) => {
    pseudo.push({ id: `n${i}`, phrase: kw.phrase });
    ownerOf.push(-1);
  });
  const { corpus, space, labels } = partition(pseudo, opts, tuning);
  const n = corpus.norms.length;
  const { ptr } = space.vectors.matrix;

  // Existing cluster holding each document most often (-1: none).
  const docOwner = Int32Array.from(corpus.members, (ms) => plurality(ms.map((i) => ownerOf[i]!)));
  const decision = Int32Array.from(docOwner);
  const centroids = new Map<number, ReturnType<typeof space.centroid>>();
  for (const docs of groupsOf(labels)) {
    const lead = plurality(docs.map((d) => docOwner[d]!));
    if (lead < 0) continue;
    const led = docs.filter((d) => docOwner[d] === lead).length;
    const owned = docs.filter((d) => docOwner[d]! >= 0).length;
    // A community mixing several existing clusters assigns only when one clearly leads.
    if (led * 2 < owned) continue;
    let c = centroids.get(lead);
    if (!c) {
      const members = [];
      for (let d = 0; d < n; d++) if (docOwner[d] === lead) members.push(d);
      centroids.set(lead, (c = space.centroid(members)));
    }
    for (const d of docs) {
      if (docOwner[d]! >= 0 || ptr[d + 1] === ptr[d]) continue;
      // Same community is necessary, not sufficient: the keyword must also resemble
      // the cluster as a whole, not just a stray member pulled into the community.
      if (rowDotVector(space.vectors.matrix, d, c) >= tuning.assignThreshold) decision[d] = lead;
    }
  }

  const docOf = new Int32Array(pseudo.length);
  corpus.members.forEach((ms, d) => ms.forEach((i) => (docOf[i] = d)));
  const assigned = new Map<string, string>();
  const rest: K[] = [];
  newKeywords.forEach((kw, i) => {
    const ci = decision[docOf[existingCount + i]!]!;
    if (ci >= 0) assigned.set(kw.id, clusters[ci]!.key);
    else rest.push(kw);
  });
  return { assigned, rest };
}

/** Most frequent non-negative value (ties: the smaller); -1 when there is none. */
function plurality(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) if (v >= 0) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = -1;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v < best)) [best, bestCount] = [v, c];
  return best;
}
