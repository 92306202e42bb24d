/**
 * Splits oversized clusters. A cluster of hundreds of keywords is one topic seen from
 * too far: its keywords share the entity and differ by facet ("compact bike helmet"
 * reviews, prices, replacement parts, how-tos). Seen alone — the neighbour graph
 * restricted to the cluster, at modularity resolution 1 — its sub-communities are
 * those facets. Parts still too big are split again; parts too small to stand alone
 * rejoin the part they link to most, so a split never turns keywords into leftovers.
 */
import type { Graph } from './graph';
import { louvain } from './louvain';

/** Recursion depth at most (each level splits a part or stops). */
const MAX_DEPTH = 8;
/** Finest modularity resolution tried on a group that will not split. */
const MAX_RESOLUTION = 16;

export interface SplitOptions {
  /** Keywords per cluster above which it is split. */
  maxSize: number;
  /** Parts with fewer keywords rejoin a neighbouring part. */
  minSize: number;
}

/**
 * New labels with every group of more than `maxSize` keywords split. `weight[d]` is
 * the number of keywords node d stands for (duplicates share a node).
 */
export function splitOversized(g: Graph, labels: Int32Array, weight: ArrayLike<number>, opt: SplitOptions): Int32Array {
  const groups = new Map<number, number[]>();
  labels.forEach((c, d) => {
    const grp = groups.get(c);
    if (grp) grp.push(d);
    else groups.set(c, [d]);
  });
  const out = Int32Array.from(labels);
  let next = 0;
  for (const c of groups.keys()) next = Math.max(next, c + 1);
  const sizeOf = (docs: readonly number[]): number => docs.reduce((s, d) => s + weight[d]!, 0);
  const at = new Int32Array(g.n).fill(-1);

  const splitGroup = (docs: number[], depth: number): number[][] => {
    if (depth >= MAX_DEPTH || docs.length < 2) return [docs];
    const sub = subgraph(g, docs, at);
    // A group too even to split at resolution 1 is tried at finer ones before giving up.
    let parts: number[][] = [docs];
    for (let r = 1; parts.length < 2 && r <= MAX_RESOLUTION; r *= 2) {
      parts = absorbSmall(sub, louvain(sub, r), docs, weight, opt.minSize);
      // Parts that stay too small (every community tiny) are no split at all.
      if (parts.some((p) => sizeOf(p) < opt.minSize)) parts = [docs];
    }
    if (parts.length < 2) return [docs];
    return parts.flatMap((p) => (sizeOf(p) > opt.maxSize ? splitGroup(p, depth + 1) : [p]));
  };
  for (const docs of groups.values()) {
    if (sizeOf(docs) <= opt.maxSize) continue;
    // The largest part keeps the label; the others get new ones.
    for (const part of splitGroup(docs, 0).slice(1)) {
      for (const d of part) out[d] = next;
      next++;
    }
  }
  return out;
}

/** The subgraph induced by `docs`, renumbered 0..docs.length-1 (`at`: scratch of -1s, restored). */
export function subgraph(g: Graph, docs: readonly number[], at: Int32Array): Graph {
  docs.forEach((d, i) => (at[d] = i));
  const ptr = new Int32Array(docs.length + 1);
  let m = 0;
  for (const d of docs) for (let p = g.ptr[d]!; p < g.ptr[d + 1]!; p++) if (at[g.adj[p]!]! >= 0) m++;
  const adj = new Int32Array(m);
  const w = new Float64Array(m);
  let e = 0;
  docs.forEach((d, i) => {
    for (let p = g.ptr[d]!; p < g.ptr[d + 1]!; p++) {
      const j = at[g.adj[p]!]!;
      if (j < 0) continue;
      adj[e] = j;
      w[e++] = g.w[p]!;
    }
    ptr[i + 1] = e;
  });
  for (const d of docs) at[d] = -1;
  return { n: docs.length, ptr, adj, w };
}

/**
 * Groups of `docs` by local label, largest first; groups below `minSize` keywords
 * join the group they have the most edge weight to (else the largest).
 */
function absorbSmall(
  g: Graph,
  local: Int32Array,
  docs: readonly number[],
  weight: ArrayLike<number>,
  minSize: number,
): number[][] {
  const label = Int32Array.from(local);
  const size = new Map<number, number>();
  label.forEach((c, i) => size.set(c, (size.get(c) ?? 0) + weight[docs[i]!]!));
  const bySize = (a: [number, number], b: [number, number]): number => b[1] - a[1] || a[0] - b[0];
  const largest = [...size].sort(bySize)[0]![0];
  // Smallest first, so a tiny group can join a small one that then grows past minSize.
  const small = [...size].filter(([c, s]) => s < minSize && c !== largest).sort((a, b) => -bySize(a, b));
  for (const [c] of small) {
    if (!size.has(c) || size.get(c)! >= minSize) continue;
    const links = new Map<number, number>();
    for (let i = 0; i < g.n; i++) {
      if (label[i] !== c) continue;
      for (let p = g.ptr[i]!; p < g.ptr[i + 1]!; p++) {
        const o = label[g.adj[p]!]!;
        if (o !== c) links.set(o, (links.get(o) ?? 0) + g.w[p]!);
      }
    }
    const target = [...links].sort(bySize)[0]?.[0] ?? largest;
    for (let i = 0; i < label.length; i++) if (label[i] === c) label[i] = target;
    size.set(target, size.get(target)! + size.get(c)!);
    size.delete(c);
  }
  const parts = new Map<number, number[]>();
  label.forEach((c, i) => {
    const p = parts.get(c);
    if (p) p.push(docs[i]!);
    else parts.set(c, [docs[i]!]);
  });
  const total = (p: readonly number[]): number => p.reduce((s, d) => s + weight[d]!, 0);
  return [...parts.values()].sort((a, b) => total(b) - total(a) || a[0]! - b[0]!);
}
