/**
 * Louvain modularity optimisation with a resolution parameter (higher → smaller
 * communities), followed by a split of each community into connected components,
 * which Louvain alone does not guarantee. Nodes are visited in index order and ties
 * keep the current community, so the result is deterministic.
 */
import type { Graph } from './graph';

const MAX_PASSES = 32;
const MAX_LEVELS = 16;

/** Community label per node of `g`, numbered 0.. by first appearance. */
export function louvain(g: Graph, resolution: number): Int32Array {
  let membership = Int32Array.from({ length: g.n }, (_, i) => i);
  let level = g;
  for (let l = 0; l < MAX_LEVELS; l++) {
    const local = moveNodes(level, resolution);
    const count = renumber(local);
    if (count === level.n) break;
    membership = Int32Array.from(membership, (c) => local[c]!);
    level = aggregate(level, local, count);
  }
  return splitDisconnected(g, membership);
}

function moveNodes(g: Graph, gamma: number): Int32Array {
  const { n, ptr, adj, w } = g;
  const k = new Float64Array(n);
  let twoM = 0;
  for (let i = 0; i < n; i++) {
    for (let p = ptr[i]!; p < ptr[i + 1]!; p++) k[i]! += w[p]!;
    twoM += k[i]!;
  }
  const comm = Int32Array.from({ length: n }, (_, i) => i);
  if (twoM === 0) return comm;
  const tot = Float64Array.from(k);
  const wc = new Float64Array(n);
  const seen = new Int32Array(n);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const ci = comm[i]!;
      let ns = 0;
      for (let p = ptr[i]!; p < ptr[i + 1]!; p++) {
        const j = adj[p]!;
        if (j === i) continue;
        const c = comm[j]!;
        if (wc[c] === 0) seen[ns++] = c;
        wc[c]! += w[p]!;
      }
      tot[ci]! -= k[i]!;
      const scale = (gamma * k[i]!) / twoM;
      let best = ci;
      let bestGain = wc[ci]! - scale * tot[ci]!;
      for (let t = 0; t < ns; t++) {
        const c = seen[t]!;
        const gain = wc[c]! - scale * tot[c]!;
        // Strictly better only: ties keep the current (or first-seen) community.
        if (gain > bestGain + 1e-12) {
          best = c;
          bestGain = gain;
        }
      }
      for (let t = 0; t < ns; t++) wc[seen[t]!] = 0;
      tot[best]! += k[i]!;
      if (best !== ci) {
        comm[i] = best;
        moved++;
      }
    }
    if (moved === 0) break;
  }
  return comm;
}

/** Relabels in place to 0..count-1 by first appearance; returns count. */
function renumber(labels: Int32Array): number {
  const map = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    let c = map.get(labels[i]!);
    if (c === undefined) map.set(labels[i]!, (c = map.size));
    labels[i] = c;
  }
  return map.size;
}

/** Graph whose nodes are the communities; internal weight becomes a self-loop. */
function aggregate(g: Graph, comm: Int32Array, count: number): Graph {
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < g.n; i++) members[comm[i]!]!.push(i);
  const acc = new Float64Array(count);
  const seen = new Int32Array(count);
  const ptr = new Int32Array(count + 1);
  const adjList: number[] = [];
  const wList: number[] = [];
  for (let c = 0; c < count; c++) {
    let ns = 0;
    for (const i of members[c]!) {
      for (let p = g.ptr[i]!; p < g.ptr[i + 1]!; p++) {
        const d = comm[g.adj[p]!]!;
        if (acc[d] === 0) seen[ns++] = d;
        acc[d]! += g.w[p]!;
      }
    }
    const ds = Array.from(seen.subarray(0, ns)).sort((a, b) => a - b);
    for (const d of ds) {
      adjList.push(d);
      wList.push(acc[d]!);
      acc[d] = 0;
    }
    ptr[c + 1] = adjList.length;
  }
  return { n: count, ptr, adj: Int32Array.from(adjList), w: Float64Array.from(wList) };
}

/** Splits every community into its connected components (breadth-first, index order). */
function splitDisconnected(g: Graph, comm: Int32Array): Int32Array {
  const out = new Int32Array(g.n).fill(-1);
  const queue = new Int32Array(g.n);
  let next = 0;
  for (let s = 0; s < g.n; s++) {
    if (out[s] !== -1) continue;
    const label = next++;
    out[s] = label;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const i = queue[head++]!;
      for (let p = g.ptr[i]!; p < g.ptr[i + 1]!; p++) {
        const j = g.adj[p]!;
        if (out[j] === -1 && comm[j] === comm[s]) {
          out[j] = label;
          queue[tail++] = j;
        }
      }
    }
  }
  return out;
}
