/**
 * k-nearest-neighbour lists by cosine, built through an inverted index so the cost
 * is linear in n (never n²):
 * - each posting list is capped to the rows where the feature weighs most, so a
 *   popular topic's head keywords stand in for all of its rows as candidates;
 * - a row walks its features heaviest first and stops after `workPerRow` postings,
 *   so light, common features ("best", "-ing") cost nothing once the distinctive
 *   ones have found the candidates;
 * - the best candidates are then rescored exactly against the full rows.
 */
import { kthLargest } from './select';
import type { SparseMatrix } from './sparse';
import { TopK } from './topk';

export interface KnnLists {
  n: number;
  k: number;
  /** Row i's neighbours are nbr[i*k .. i*k+count[i]), best first. */
  nbr: Int32Array;
  sim: Float32Array;
  count: Int32Array;
}

export interface KnnOptions {
  k: number;
  /** Neighbours below this cosine are not kept. */
  minSim: number;
  /** Longest posting list kept per feature. */
  maxPostings: number;
  /** Candidates (by partial score) rescored exactly per row. */
  candidates: number;
  /** Postings visited per row at most. */
  workPerRow: number;
}

/** Positions per row representable in the packed sort keys (rows are capped well below). */
const ORDER_SLOTS = 1 << 16;

function maxRowLength(m: SparseMatrix): number {
  let max = 0;
  for (let i = 0; i < m.rows; i++) max = Math.max(max, m.ptr[i + 1]! - m.ptr[i]!);
  if (max > ORDER_SLOTS) throw new RangeError('row too long');
  return max;
}

/** Rows to search among and rows to find neighbours for (default: all, each excluding itself). */
export interface KnnScope {
  indexed: Uint8Array;
  queried: Uint8Array;
}

export function sparseKnn(m: SparseMatrix, opt: KnnOptions, scope?: KnnScope): KnnLists {
  const n = m.rows;
  const { k } = opt;
  // Self-join: a feature in one row links nothing. Query mode: one indexed row is enough.
  // Rows are visited, and numbered in the index, in locality order (see below);
  // `rank` maps a row to that number, `perm` back.
  const perm = localityOrder(m);
  const rank = new Int32Array(n);
  perm.forEach((i, r) => (rank[i] = r));
  const post = buildPostings(m, opt.maxPostings, scope?.indexed, scope ? 1 : 2, rank);
  const out: KnnLists = { n, k, nbr: new Int32Array(n * k), sim: new Float32Array(n * k), count: new Int32Array(n) };
  const acc = new Float32Array(n);
  const scratch = new Float32Array(m.cols);
  const touched = new Int32Array(n);
  const nCand = Math.max(k, opt.candidates);
  const partial = new Float64Array(n);
  const best = new TopK(k);
  // Hot loops: locals rather than property reads.
  const { ptr, idx, val } = m;
  const { ptr: pPtr, row: pRow, val: pVal } = post;
  const order = new Float64Array(maxRowLength(m));
  for (let r = 0; r < n; r++) {
    const i = perm[r]!;
    if (scope && !scope.queried[i]) continue;
    let nt = 0;
    const p0 = ptr[i]!;
    const len = ptr[i + 1]! - p0;
    // Heaviest features first. Sort keys pack (1 - weight) above the position so a
    // plain numeric sort (no comparator) gives weight desc, then position asc.
    for (let t = 0; t < len; t++) {
      scratch[idx[p0 + t]!] = val[p0 + t]!;
      order[t] = Math.round((1 - val[p0 + t]!) * 2 ** 24) * ORDER_SLOTS + t;
    }
    const sortedOrder = order.subarray(0, len).sort();
    let budget = opt.workPerRow;
    for (let o = 0; o < len && budget > 0; o++) {
      const p = p0 + (sortedOrder[o]! % ORDER_SLOTS);
      const f = idx[p]!;
      const w = val[p]!;
      const qs = pPtr[f]!;
      const qe = Math.min(pPtr[f + 1]!, qs + budget);
      budget -= qe - qs;
      for (let q = qs; q < qe; q++) {
        const j = pRow[q]!;
        if (acc[j] === 0) touched[nt++] = j;
        acc[j]! += w * pVal[q]!;
      }
    }
    acc[r] = 0; // never its own neighbour
    // Candidates: rows whose partial score reaches the C-th largest (ties: first
    // touched). A linear-time selection: heaps cost too much at thousands per row.
    let threshold = 0;
    if (nt > nCand) {
      // Scores are heavily skewed (most touched rows share one light feature), so
      // select among those above the mean when there are enough of them.
      let sum = 0;
      for (let t = 0; t < nt; t++) sum += acc[touched[t]!]!;
      const mean = sum / nt;
      let np = 0;
      for (let t = 0; t < nt; t++) if (acc[touched[t]!]! > mean) partial[np++] = acc[touched[t]!]!;
      if (np < nCand) {
        np = 0;
        for (let t = 0; t < nt; t++) partial[np++] = acc[touched[t]!]!;
      }
      threshold = kthLargest(partial, np, nCand);
    }
    let ties = nCand;
    for (let t = 0; t < nt; t++) if (acc[touched[t]!]! > threshold) ties--;
    // Capped lists under-count shared common features: rescore against the full row
    // (scattered into `scratch` above), one pass over each candidate's features.
    best.clear();
    for (let t = 0; t < nt; t++) {
      const a = acc[touched[t]!]!;
      acc[touched[t]!] = 0;
      if (a === 0 || a < threshold || (a === threshold && ties-- <= 0)) continue;
      const j = perm[touched[t]!]!;
      let s = 0;
      for (let p = ptr[j]!, pe = ptr[j + 1]!; p < pe; p++) s += scratch[idx[p]!]! * val[p]!;
      if (s >= opt.minSim) best.push(j, s);
    }
    for (let p = ptr[i]!, pe = ptr[i + 1]!; p < pe; p++) scratch[idx[p]!] = 0;
    const sorted = best.sorted();
    out.count[i] = sorted.length;
    for (let t = 0; t < sorted.length; t++) {
      out.nbr[i * k + t] = sorted[t]!.id;
      out.sim[i * k + t] = sorted[t]!.score;
    }
  }
  return out;
}

/**
 * Rows ordered by their heaviest feature (then index). Rows about the same thing
 * become neighbours in memory, so the score accumulator and posting lists stay in
 * cache as consecutive rows touch the same candidates: at 100k keywords this is
 * worth a factor of about two over lexicographic order.
 */
function localityOrder(m: SparseMatrix): Int32Array {
  const keys = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let bestF = 0;
    let bestW = -1;
    for (let p = m.ptr[i]!; p < m.ptr[i + 1]!; p++) {
      if (m.val[p]! > bestW) [bestF, bestW] = [m.idx[p]!, m.val[p]!];
    }
    keys[i] = bestF * 2 ** 24 + i;
  }
  keys.sort();
  return Int32Array.from(keys, (key) => key % 2 ** 24);
}

/**
 * Feature → rows (of those indexed), keeping at most `cap` rows per feature: those
 * with the highest weight (ties: lower row). Lists shorter than `minLen` are dropped.
 */
function buildPostings(
  m: SparseMatrix,
  cap: number,
  indexed: Uint8Array | undefined,
  minLen: number,
  rank: Int32Array,
): { ptr: Int32Array; row: Int32Array; val: Float32Array } {
  const df = new Int32Array(m.cols + 1);
  const nnz = m.ptr[m.rows]!;
  for (let i = 0; i < m.rows; i++) {
    if (indexed && !indexed[i]) continue;
    for (let p = m.ptr[i]!; p < m.ptr[i + 1]!; p++) df[m.idx[p]! + 1]!++;
  }
  const full = new Int32Array(m.cols + 1);
  for (let f = 0; f < m.cols; f++) full[f + 1] = full[f]! + df[f + 1]!;
  const fill = full.slice(0, m.cols);
  const allRow = new Int32Array(nnz);
  const allVal = new Float32Array(nnz);
  for (let i = 0; i < m.rows; i++) {
    if (indexed && !indexed[i]) continue;
    for (let p = m.ptr[i]!; p < m.ptr[i + 1]!; p++) {
      const at = fill[m.idx[p]!]!++;
      allRow[at] = rank[i]!;
      allVal[at] = m.val[p]!;
    }
  }
  const ptr = new Int32Array(m.cols + 1);
  for (let f = 0; f < m.cols; f++) {
    const len = full[f + 1]! - full[f]!;
    ptr[f + 1] = ptr[f]! + (len < minLen ? 0 : Math.min(cap, len));
  }
  const row = new Int32Array(ptr[m.cols]!);
  const val = new Float32Array(ptr[m.cols]!);
  const top = new TopK(cap);
  for (let f = 0; f < m.cols; f++) {
    const start = full[f]!;
    const len = full[f + 1]! - start;
    if (len < minLen) continue;
    if (len <= cap) {
      row.set(allRow.subarray(start, start + len), ptr[f]!);
      val.set(allVal.subarray(start, start + len), ptr[f]!);
      continue;
    }
    // Heaviest first, so a row whose budget runs out mid-list has seen the best.
    top.clear();
    for (let at = start; at < start + len; at++) top.push(at, allVal[at]!);
    top.sorted().forEach((e, t) => {
      row[ptr[f]! + t] = allRow[e.id]!;
      val[ptr[f]! + t] = allVal[e.id]!;
    });
  }
  return { ptr, row, val };
}
