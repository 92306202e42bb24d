/** Undirected weighted graph in CSR form, built from k-NN lists. */
import type { KnnLists } from './knn';

export interface Graph {
  n: number;
  ptr: Int32Array;
  adj: Int32Array;
  w: Float64Array;
}

export interface GraphOptions {
  /** Keep an edge only when each end lists the other (less chaining through hubs). */
  mutual: boolean;
  /**
   * Exponent applied to cosine: >1 sharpens the contrast between strong and weak
   * links, which lets modularity separate near topics without a finer resolution.
   */
  power: number;
}

export function knnGraph(lists: KnnLists, opt: GraphOptions): Graph {
  const { n, k } = lists;
  // Collect directed edges i→j, then symmetrise.
  const has = (i: number, j: number): boolean => {
    for (let t = 0; t < lists.count[i]!; t++) if (lists.nbr[i * k + t] === j) return true;
    return false;
  };
  const deg = new Int32Array(n);
  const keep = new Uint8Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < lists.count[i]!; t++) {
      const j = lists.nbr[i * k + t]!;
      const back = has(j, i);
      if (opt.mutual && !back) continue;
      // A mutual pair is seen from both ends: add it once, from the lower id.
      if (back && j < i) continue;
      keep[i * k + t] = 1;
      deg[i]!++;
      deg[j]!++;
    }
  }
  const ptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) ptr[i + 1] = ptr[i]! + deg[i]!;
  const fill = ptr.slice(0, n);
  const adj = new Int32Array(ptr[n]!);
  const w = new Float64Array(ptr[n]!);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < lists.count[i]!; t++) {
      if (!keep[i * k + t]) continue;
      const j = lists.nbr[i * k + t]!;
      const s = Math.pow(Math.max(0, lists.sim[i * k + t]!), opt.power);
      adj[fill[i]!] = j;
      w[fill[i]!++] = s;
      adj[fill[j]!] = i;
      w[fill[j]!++] = s;
    }
  }
  return { n, ptr, adj, w };
}
