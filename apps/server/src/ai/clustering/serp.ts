/**
 * SERP overlap: two keywords whose top search results share several URLs are served by
 * the same pages, so one article can rank for both — the grouping SEO tools such as
 * Keyword Insights use (≥ 3 shared URLs of the top 10). Pure: the caller brings the
 * result URLs (a CSV import, a SERP provider); nothing here fetches anything.
 */
import type { Graph } from './graph';

export interface SerpOverlapOptions {
  /** Shared result URLs for two keywords to be linked. Default 3. */
  minShared?: number;
  /** Results per keyword that count (the first N, after removing repeats). Default 10. */
  topN?: number;
  /** Partners kept per keyword, most shared URLs first; bounds the output on lists that all share a few URLs. Default 20. */
  maxPartners?: number;
}

export interface SerpPair {
  /** Indices into the input, a < b. */
  a: number;
  b: number;
  /** Result URLs the two have in common (of their top N). */
  shared: number;
}

/** Defaults; `weight` is the share of a link given to SERP overlap when both keywords have results. */
export const SERP_DEFAULTS = { minShared: 3, topN: 10, maxPartners: 20, weight: 0.5 } as const;

/** URL parameters that only track the click, never change the page. */
const TRACKING = /^(utm_[a-z]+|gclid|fbclid|msclkid)$/i;

/**
 * One spelling per result page: scheme, "www.", default port, fragment, tracking
 * parameters and a trailing slash dropped; host lower-cased, path kept as is.
 */
export function normalizeResultUrl(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return text.toLowerCase();
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const params = [...url.searchParams].filter(([k]) => !TRACKING.test(k));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  return `${host}${port}${path}${query}`;
}

/**
 * Pairs of keywords sharing at least `minShared` of their top `topN` result URLs.
 * `serps[i]` lists keyword i's result URLs best first (null/empty: unknown). Each
 * keyword keeps its `maxPartners` best partners; a pair is kept if either keeps it.
 * Sorted by a, then b.
 */
export function serpOverlapPairs(
  serps: readonly (readonly string[] | null | undefined)[],
  opts: SerpOverlapOptions = {},
): SerpPair[] {
  const minShared = Math.max(1, Math.floor(opts.minShared ?? SERP_DEFAULTS.minShared));
  const topN = Math.max(1, Math.floor(opts.topN ?? SERP_DEFAULTS.topN));
  const maxPartners = Math.max(1, Math.floor(opts.maxPartners ?? SERP_DEFAULTS.maxPartners));
  const n = serps.length;
  // URL → id, and each keyword's distinct URL ids.
  const ids = new Map<string, number>();
  const lists: number[][] = serps.map((urls) => {
    const own = new Set<number>();
    for (const u of urls ?? []) {
      if (own.size >= topN) break;
      if (typeof u !== 'string' || u.trim() === '') continue;
      const key = normalizeResultUrl(u);
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      own.add(id);
    }
    return [...own];
  });
  const postings: number[][] = Array.from({ length: ids.size }, () => []);
  lists.forEach((own, i) => own.forEach((u) => postings[u]!.push(i)));

  const count = new Int32Array(n);
  const touched = new Int32Array(n);
  const keep = new Map<number, SerpPair>();
  for (let i = 0; i < n; i++) {
    let nt = 0;
    for (const u of lists[i]!) {
      for (const j of postings[u]!) {
        if (j === i) continue;
        if (count[j] === 0) touched[nt++] = j;
        count[j]!++;
      }
    }
    const partners: { j: number; shared: number }[] = [];
    for (let t = 0; t < nt; t++) {
      const j = touched[t]!;
      if (count[j]! >= minShared) partners.push({ j, shared: count[j]! });
      count[j] = 0;
    }
    partners.sort((x, y) => y.shared - x.shared || x.j - y.j);
    for (const { j, shared } of partners.slice(0, maxPartners)) {
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      keep.set(a * n + b, { a, b, shared });
    }
  }
  return [...keep.values()].sort((x, y) => x.a - y.a || x.b - y.b);
}

export interface SerpBlend {
  /** Which nodes have results at all (a missing SERP is no evidence either way). */
  has: Uint8Array;
  pairs: readonly SerpPair[];
  topN: number;
  /** Share of an edge's weight taken by SERP overlap when both ends have results. */
  weight: number;
  /** Text (or embedding) similarity of two nodes, for SERP pairs the graph lacks. */
  similarity: (a: number, b: number) => number;
}

/**
 * The graph with SERP overlap blended in. Where both ends have results, an edge weighs
 * (1 − weight)·similarity + weight·shared/topN: text links without shared results
 * weaken, and SERP pairs the text missed (synonyms, brand names) are added. Edges with
 * an end lacking results keep their weight.
 */
export function blendSerp(g: Graph, blend: SerpBlend): Graph {
  const n = g.n;
  const w = Math.min(1, Math.max(0, blend.weight));
  const overlap = new Map<number, number>();
  for (const p of blend.pairs) overlap.set(p.a * n + p.b, p.shared / blend.topN);
  const edges = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    for (let p = g.ptr[i]!; p < g.ptr[i + 1]!; p++) {
      const j = g.adj[p]!;
      if (j <= i) continue;
      const both = blend.has[i] && blend.has[j];
      edges.set(i * n + j, both ? (1 - w) * g.w[p]! + w * (overlap.get(i * n + j) ?? 0) : g.w[p]!);
    }
  }
  for (const [key, share] of overlap) {
    if (edges.has(key)) continue;
    const a = Math.floor(key / n);
    const b = key - a * n;
    edges.set(key, (1 - w) * Math.max(0, blend.similarity(a, b)) + w * share);
  }
  const deg = new Int32Array(n);
  for (const [key, x] of edges) {
    if (x <= 0) continue;
    const a = Math.floor(key / n);
    deg[a]!++;
    deg[key - a * n]!++;
  }
  const ptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) ptr[i + 1] = ptr[i]! + deg[i]!;
  const fill = ptr.slice(0, n);
  const adj = new Int32Array(ptr[n]!);
  const wt = new Float64Array(ptr[n]!);
  // Keys ascend by (a, b), so every node's neighbours come out in a fixed order.
  for (const key of [...edges.keys()].sort((x, y) => x - y)) {
    const x = edges.get(key)!;
    if (x <= 0) continue;
    const a = Math.floor(key / n);
    const b = key - a * n;
    adj[fill[a]!] = b;
    wt[fill[a]!++] = x;
    adj[fill[b]!] = a;
    wt[fill[b]!++] = x;
  }
  return { n, ptr, adj, w: wt };
}
