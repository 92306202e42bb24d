/**
 * External clustering metrics: Adjusted Rand Index (Hubert & Arabie) and Normalised
 * Mutual Information (arithmetic-mean normalisation, scikit-learn's default).
 * Both take one label per item; every distinct value is one cluster.
 */
type Label = string | number;

interface Table {
  n: number;
  truth: Map<Label, number>;
  pred: Map<Label, number>;
  /** Joint counts with the marginals of their row and column. */
  cells: { c: number; a: Label; b: Label }[];
}

function table(truth: readonly Label[], pred: readonly Label[]): Table {
  if (truth.length !== pred.length) throw new RangeError('label arrays differ in length');
  const t = new Map<Label, number>();
  const p = new Map<Label, number>();
  const cells = new Map<string, { c: number; a: Label; b: Label }>();
  for (let i = 0; i < truth.length; i++) {
    const a = truth[i]!;
    const b = pred[i]!;
    t.set(a, (t.get(a) ?? 0) + 1);
    p.set(b, (p.get(b) ?? 0) + 1);
    // Labels may be numbers or strings: tag the type so 1 and "1" stay distinct.
    const key = `${typeof a}:${String(a)}\u0000${typeof b}:${String(b)}`;
    const cell = cells.get(key);
    if (cell) cell.c++;
    else cells.set(key, { c: 1, a, b });
  }
  return { n: truth.length, truth: t, pred: p, cells: [...cells.values()] };
}

const pairs = (x: number): number => (x * (x - 1)) / 2;
const sumPairs = (m: Map<Label, number>): number => [...m.values()].reduce((s, c) => s + pairs(c), 0);

export function adjustedRandIndex(truth: readonly Label[], pred: readonly Label[]): number {
  const t = table(truth, pred);
  if (t.n < 2) return 1;
  const index = t.cells.reduce((s, cell) => s + pairs(cell.c), 0);
  const sa = sumPairs(t.truth);
  const sb = sumPairs(t.pred);
  const expected = (sa * sb) / pairs(t.n);
  const max = (sa + sb) / 2;
  // Both partitions trivial (all singletons, or one block each): equal by convention.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

export function normalizedMutualInfo(truth: readonly Label[], pred: readonly Label[]): number {
  const t = table(truth, pred);
  const { n } = t;
  if (n === 0) return 1;
  const entropy = (m: Map<Label, number>): number =>
    -[...m.values()].reduce((s, c) => s + (c / n) * Math.log(c / n), 0);
  const ha = entropy(t.truth);
  const hb = entropy(t.pred);
  if (ha === 0 && hb === 0) return 1;
  let mi = 0;
  for (const { c, a, b } of t.cells) mi += (c / n) * Math.log((n * c) / (t.truth.get(a)! * t.pred.get(b)!));
  const mean = (ha + hb) / 2;
  return mean === 0 ? 0 : Math.max(0, mi / mean);
}

export interface ClusterQuality {
  /** Share of clustered keywords that belong to their cluster's majority label (1 = every cluster one topic). */
  purity: number;
  /** Clusters in which no label covers 60 % of the keywords (the count of mixed clusters). */
  mixed: number;
  /** Keywords in the largest cluster. */
  largest: number;
}

/**
 * Purity of the clusters a user sees: keywords left unclustered (`isUnclustered`) are
 * not clusters and are left out, so they neither help nor hurt; report them beside it.
 */
export function clusterQuality(
  truth: readonly Label[],
  pred: readonly Label[],
  isUnclustered: (p: Label) => boolean,
): ClusterQuality {
  if (truth.length !== pred.length) throw new RangeError('label arrays differ in length');
  const byCluster = new Map<Label, Map<Label, number>>();
  for (let i = 0; i < pred.length; i++) {
    if (isUnclustered(pred[i]!)) continue;
    let counts = byCluster.get(pred[i]!);
    if (!counts) byCluster.set(pred[i]!, (counts = new Map()));
    counts.set(truth[i]!, (counts.get(truth[i]!) ?? 0) + 1);
  }
  let clustered = 0;
  let majority = 0;
  let mixed = 0;
  let largest = 0;
  for (const counts of byCluster.values()) {
    const size = [...counts.values()].reduce((s, c) => s + c, 0);
    const top = Math.max(...counts.values());
    clustered += size;
    majority += top;
    if (top < 0.6 * size) mixed++;
    largest = Math.max(largest, size);
  }
  return { purity: clustered === 0 ? 1 : majority / clustered, mixed, largest };
}
