/**
 * Facet vs entity, learned from the keyword list itself (no word list, any language).
 *
 * An SEO list is close to a grid of entities × facets: "tomato blight treatment",
 * "watering tomatoes", "rose leaves turning yellow", "lawn care". An entity (tomato)
 * comes with many facets, most of them used with that entity only (hornworm, cages,
 * suckers): the words next to it are, on average, rare in the list. A facet
 * (treatment, turning, care, best) comes with many entities, and each entity is
 * frequent in the list: the words next to it are, on average, frequent. IDF alone
 * gets this backwards, since an entity is in more keywords than any one facet.
 *
 * The score of a word is the mean log document frequency of the words it shares a
 * keyword with, minus the same mean over all words: > 0 leans facet, < 0 entity.
 * It is shrunk towards 0 for words seen with few partners, whose mean is noise.
 */

export interface FacetOptions {
  /** Partner occurrences at which a word's score counts half (shrinkage prior). */
  facetPrior: number;
}

/**
 * Scores per word id. `ptr`/`words` list each keyword's distinct word ids
 * (keyword d: words[ptr[d] .. ptr[d+1])); `vocab` is the number of word ids.
 */
export function facetScores(ptr: Int32Array, words: Int32Array, vocab: number, opt: FacetOptions): Float32Array {
  const rows = ptr.length - 1;
  const df = new Int32Array(vocab);
  for (let p = 0; p < ptr[rows]!; p++) df[words[p]!]!++;
  const logDf = Float64Array.from(df, (f) => (f > 0 ? Math.log(f) : 0));
  // Σ over a word's partners of log df, and how many partners: one pass per keyword
  // (Σ over the keyword minus the word's own term), so the cost is linear.
  const sum = new Float64Array(vocab);
  const count = new Float64Array(vocab);
  let allSum = 0;
  let allCount = 0;
  for (let d = 0; d < rows; d++) {
    const p0 = ptr[d]!;
    const len = ptr[d + 1]! - p0;
    if (len < 2) continue;
    let rowSum = 0;
    for (let p = p0; p < p0 + len; p++) rowSum += logDf[words[p]!]!;
    for (let p = p0; p < p0 + len; p++) {
      const w = words[p]!;
      sum[w]! += rowSum - logDf[w]!;
      count[w]! += len - 1;
    }
    allSum += rowSum * (len - 1);
    allCount += len * (len - 1);
  }
  const mean = allCount > 0 ? allSum / allCount : 0;
  const out = new Float32Array(vocab);
  for (let w = 0; w < vocab; w++) {
    const c = count[w]!;
    if (c === 0) continue;
    out[w] = (sum[w]! / c - mean) * (c / (c + opt.facetPrior));
  }
  return out;
}
