/**
 * k-nearest neighbours over dense vectors (embeddings) by brute force. O(n²·d) time
 * but O(n·(d+k)) memory: meant for the embedding path, where n is modest and
 * vectors are too dense for an inverted index.
 */
import type { KnnLists, KnnOptions } from './knn';
import { TopK } from './topk';

/** Copies rows into one L2-normalised Float32Array (zero vectors stay zero). */
export function normalizeRows(rows: readonly ArrayLike<number>[]): { data: Float32Array; dim: number } {
  const dim = rows.reduce((d, r) => Math.max(d, r.length), 0);
  const data = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    let norm = 0;
    for (let t = 0; t < r.length; t++) norm += r[t]! * r[t]!;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let t = 0; t < r.length; t++) data[i * dim + t] = r[t]! * inv;
  });
  return { data, dim };
}

export function denseKnn(data: Float32Array, n: number, dim: number, opt: Pick<KnnOptions, 'k' | 'minSim'>): KnnLists {
  const { k } = opt;
  const out: KnnLists = { n, k, nbr: new Int32Array(n * k), sim: new Float32Array(n * k), count: new Int32Array(n) };
  const best = new TopK(k);
  for (let i = 0; i < n; i++) {
    best.clear();
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let t = 0; t < dim; t++) s += data[i * dim + t]! * data[j * dim + t]!;
      if (s >= opt.minSim) best.push(j, s);
    }
    const sorted = best.sorted();
    out.count[i] = sorted.length;
    sorted.forEach((e, t) => {
      out.nbr[i * k + t] = e.id;
      out.sim[i * k + t] = e.score;
    });
  }
  return out;
}

/**
 * Neighbour lists over the union of several candidate lists (the words' neighbours, and the
 * embeddings' when computed), each pair scored again by `similarity`: the k best at or above minSim.
 */
export function mergedKnn(
  lists: readonly KnnLists[],
  similarity: (a: number, b: number) => number,
  opt: Pick<KnnOptions, 'k' | 'minSim'>,
): KnnLists {
  const n = lists[0]!.n;
  const { k } = opt;
  const out: KnnLists = { n, k, nbr: new Int32Array(n * k), sim: new Float32Array(n * k), count: new Int32Array(n) };
  const best = new TopK(k);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    best.clear();
    seen.clear();
    for (const l of lists) {
      for (let t = 0; t < l.count[i]!; t++) {
        const j = l.nbr[i * l.k + t]!;
        if (seen.has(j)) continue;
        seen.add(j);
        const s = similarity(i, j);
        if (s >= opt.minSim) best.push(j, s);
      }
    }
    const sorted = best.sorted();
    out.count[i] = sorted.length;
    sorted.forEach((e, t) => {
      out.nbr[i * k + t] = e.id;
      out.sim[i * k + t] = e.score;
    });
  }
  return out;
}
