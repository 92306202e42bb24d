/**
 * Bounded selection of the k best (id, score) pairs with a min-heap. Ties go to the
 * lower id so results never depend on insertion order.
 */
export class TopK {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.ids = new Int32Array(Math.max(1, k));
    this.scores = new Float64Array(Math.max(1, k));
  }

  clear(): void {
    this.size = 0;
  }

  get length(): number {
    return this.size;
  }

  /** true when (a) ranks below (b). */
  private worse(sa: number, ia: number, sb: number, ib: number): boolean {
    return sa < sb || (sa === sb && ia > ib);
  }

  push(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      let c = this.size++;
      this.ids[c] = id;
      this.scores[c] = score;
      // sift up
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!this.worse(this.scores[c]!, this.ids[c]!, this.scores[p]!, this.ids[p]!)) break;
        this.swap(c, p);
        c = p;
      }
      return;
    }
    // Fast path (most calls): not better than the current worst.
    const s0 = this.scores[0]!;
    if (score < s0 || (score === s0 && id > this.ids[0]!)) return;
    this.ids[0] = id;
    this.scores[0] = score;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      const r = l + 1;
      let m = c;
      if (l < this.size && this.worse(this.scores[l]!, this.ids[l]!, this.scores[m]!, this.ids[m]!)) m = l;
      if (r < this.size && this.worse(this.scores[r]!, this.ids[r]!, this.scores[m]!, this.ids[m]!)) m = r;
      if (m === c) break;
      this.swap(c, m);
      c = m;
    }
  }

  /** Visits held entries in heap (unspecified but deterministic) order. */
  forEach(fn: (id: number, score: number) => void): void {
    for (let t = 0; t < this.size; t++) fn(this.ids[t]!, this.scores[t]!);
  }

  /** Entries best first. */
  sorted(): { id: number; score: number }[] {
    const out: { id: number; score: number }[] = [];
    this.forEach((id, score) => out.push({ id, score }));
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private swap(a: number, b: number): void {
    const ti = this.ids[a]!;
    this.ids[a] = this.ids[b]!;
    this.ids[b] = ti;
    const ts = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = ts;
  }
}
