/** Compressed sparse row matrix: row i holds idx/val[ptr[i] .. ptr[i+1]), idx ascending. */
export interface SparseMatrix {
  rows: number;
  cols: number;
  ptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
}

export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/**
 * Returns a function computing the L2-normalised mean of a set of rows as a sparse
 * vector sorted by column. It reuses one dense scratch array across calls: describing
 * thousands of clusters must not allocate a map per cluster.
 */
export function centroidOf(m: SparseMatrix): (rows: ArrayLike<number>) => SparseVector {
  const acc = new Float64Array(m.cols);
  const seen = new Int32Array(m.cols);
  return (rows) => {
    let ns = 0;
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r]!;
      for (let p = m.ptr[i]!; p < m.ptr[i + 1]!; p++) {
        const f = m.idx[p]!;
        if (acc[f] === 0) seen[ns++] = f;
        acc[f]! += m.val[p]!;
      }
    }
    const idx = seen.slice(0, ns).sort();
    let norm = 0;
    for (let t = 0; t < ns; t++) norm += acc[idx[t]!]! ** 2;
    norm = Math.sqrt(norm) || 1;
    const val = new Float32Array(ns);
    for (let t = 0; t < ns; t++) {
      val[t] = acc[idx[t]!]! / norm;
      acc[idx[t]!] = 0;
    }
    return { idx, val };
  };
}

/** Dot product of a matrix row with a sparse vector sorted by column. */
export function rowDotVector(m: SparseMatrix, i: number, v: SparseVector): number {
  let p = m.ptr[i]!;
  const pe = m.ptr[i + 1]!;
  let q = 0;
  let s = 0;
  while (p < pe && q < v.idx.length) {
    const x = m.idx[p]!;
    const y = v.idx[q]!;
    if (x === y) s += m.val[p++]! * v.val[q++]!;
    else if (x < y) p++;
    else q++;
  }
  return s;
}

/** Dot product of rows i and j of a matrix. */
export function rowDotRow(m: SparseMatrix, i: number, j: number): number {
  const p = m.ptr[j]!;
  const q = m.ptr[j + 1]!;
  return rowDotVector(m, i, { idx: m.idx.subarray(p, q), val: m.val.subarray(p, q) });
}
