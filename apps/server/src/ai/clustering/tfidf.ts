/**
 * Sparse TF-IDF vectors over stemmed words, adjacent-word bigrams and (optionally)
 * character n-grams of each word (trigrams by default: on the benchmarks longer
 * n-grams added cost, not accuracy). The word and character blocks are normalised
 * separately and mixed, so cosine = (1-c)·cos_words + c·cos_chars: char n-grams
 * catch spelling variants, compounds and morphology the stemmer misses without
 * letting shared suffixes ("-ing") dominate.
 */
import type { LanguageTools } from './language';
import type { SparseMatrix } from './sparse';
import { facetScores, type FacetOptions } from './facets';
import { tokenize } from './text';

export const Kind = { Word: 0, Bigram: 1, Char: 2 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface FeatureOptions extends FacetOptions {
  charNgrams: boolean;
  /** Share of the cosine given to character n-grams (0..1). */
  charWeight: number;
  bigrams: boolean;
  /** Weight multiplier of the head noun (1 = none). */
  headBoost: number;
  /** How strongly the learned facet score (facets.ts) moves a word's weight: exp(-strength·score). 0 = off. */
  facetStrength: number;
  /** Bounds of that multiplier. */
  facetMin: number;
  facetMax: number;
  /** Character n-gram lengths, inclusive. */
  charMin: number;
  charMax: number;
}

export interface Vectors {
  matrix: SparseMatrix;
  kind: Uint8Array;
  /** Word features: a readable surface word; others: the raw feature text. */
  label: string[];
  /** Learned facet score of each word feature (facets.ts: > 0 facet, < 0 entity); 0 for other kinds. */
  facet: Float32Array;
  /** Word feature (stem) of a surface word seen in the list, -1 for any other (stop words, unseen). */
  stemFeature: (surface: string) => number;
}

interface WordInfo {
  /** Feature id of the stem. */
  stem: number;
  stemText: string;
  /** Index of the stem among word stems (for per-stem facet weights). */
  stemIndex: number;
  grams: number[];
}

export function vectorize(norms: readonly string[], tools: LanguageTools, opt: FeatureOptions): Vectors {
  const ids = new Map<string, number>();
  const kind: number[] = [];
  const label: string[] = [];
  const feature = (key: string, k: Kind, text: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = kind.length;
      ids.set(key, id);
      kind.push(k);
      label.push(text);
    }
    return id;
  };
  // Words repeat across keywords far more than they vary, so stem and n-grams are
  // computed once per distinct surface word.
  const words = new Map<string, number>();
  const infos: WordInfo[] = [];
  const surface: string[] = [];
  const stemIndexOf = new Map<number, number>();
  const wordId = (w: string): number => {
    let id = words.get(w);
    if (id === undefined) {
      const stem = tools.stem(w);
      const stemId = feature(`w ${stem}`, Kind.Word, w);
      // Prefer the shortest (then alphabetically first) surface form as the label.
      const cur = label[stemId]!;
      if (w.length < cur.length || (w.length === cur.length && w < cur)) label[stemId] = w;
      let stemIndex = stemIndexOf.get(stemId);
      if (stemIndex === undefined) stemIndexOf.set(stemId, (stemIndex = stemIndexOf.size));
      const grams = opt.charNgrams
        ? charGrams(w, opt.charMin, opt.charMax).map((g) => feature(`c ${g}`, Kind.Char, g))
        : [];
      id = infos.length;
      infos.push({ stem: stemId, stemText: stem, stemIndex, grams });
      surface.push(w);
      words.set(w, id);
    }
    return id;
  };

  // Pass 1: every keyword as word ids, so the facet weights can be learned from the
  // whole list before any vector is built.
  const n = norms.length;
  const tokPtr = new Int32Array(n + 1);
  const heads = new Int32Array(n).fill(-1);
  let tok = new Int32Array(Math.max(16, n * 4));
  let nTok = 0;
  for (let d = 0; d < n; d++) {
    const { words: ws, head } = tokenize(norms[d]!, tools);
    if (nTok + ws.length > tok.length) tok = growInt(tok, Math.max(tok.length * 2, nTok + ws.length));
    for (let t = 0; t < ws.length; t++) {
      if (t === head) heads[d] = nTok;
      tok[nTok++] = wordId(ws[t]!);
    }
    tokPtr[d + 1] = nTok;
  }
  const stemScore = stemFacetScores(tokPtr, tok, infos, stemIndexOf.size, opt);
  // Known facets are never entities, whatever their partners (the learned score decides the rest).
  for (const w of tools.facets) {
    const id = words.get(w);
    if (id !== undefined) stemScore[infos[id]!.stemIndex] = Math.max(0, stemScore[infos[id]!.stemIndex]!);
  }
  const weightOf = Float32Array.from(stemScore, (sc) =>
    Math.min(opt.facetMax, Math.max(opt.facetMin, Math.exp(-opt.facetStrength * sc))),
  );

  const ptr = new Int32Array(n + 1);
  // Feature ids and term weights of all rows, in growable typed arrays (no per-row
  // allocations: 100k keywords would otherwise keep the GC busy).
  let rowIds = new Int32Array(1024);
  let rowTf = new Float32Array(1024);
  let buf = new Int32Array(256);
  let bufMass = new Float32Array(256);
  let rowMass = new Float32Array(256);
  let nnz = 0;
  for (let d = 0; d < n; d++) {
    let len = 0;
    const add = (f: number, m: number): void => {
      if (len === buf.length) {
        buf = growInt(buf, len * 2);
        bufMass = growFloat(bufMass, len * 2);
        rowMass = new Float32Array(len * 2);
      }
      buf[len] = f;
      bufMass[len++] = m;
    };
    for (let p = tokPtr[d]!; p < tokPtr[d + 1]!; p++) {
      const info = infos[tok[p]!]!;
      const w = weightOf[info.stemIndex]!;
      // The head noun weighs more: it names the thing searched for.
      add(info.stem, p === heads[d] ? w * opt.headBoost : w);
      for (const g of info.grams) add(g, w);
      if (opt.bigrams && p > tokPtr[d]!) {
        const prev = infos[tok[p - 1]!]!;
        add(
          feature(`b ${prev.stemText} ${info.stemText}`, Kind.Bigram, `${surface[tok[p - 1]!]} ${surface[tok[p]!]}`),
          Math.sqrt(weightOf[prev.stemIndex]! * w),
        );
      }
    }
    sortPairs(buf, bufMass, len);
    if (nnz + len > rowIds.length) {
      const size = Math.max(rowIds.length * 2, nnz + len);
      rowIds = growInt(rowIds, size);
      rowTf = growFloat(rowTf, size);
    }
    const start = nnz;
    for (let p = 0; p < len; p++) {
      if (p > 0 && buf[p] === buf[p - 1]) {
        rowTf[nnz - 1]!++;
        rowMass[nnz - 1 - start]! += bufMass[p]!;
      } else {
        rowIds[nnz] = buf[p]!;
        rowTf[nnz] = 1;
        rowMass[nnz++ - start] = bufMass[p]!;
      }
    }
    // Sublinear tf: a repeated word is evidence, not proportionally more evidence;
    // scaled by the mean weight (facet, head) of its occurrences.
    for (let p = start; p < nnz; p++) rowTf[p] = (1 + Math.log(rowTf[p]!)) * (rowMass[p - start]! / rowTf[p]!);
    ptr[d + 1] = nnz;
  }

  const cols = kind.length;
  const df = new Int32Array(cols);
  for (let p = 0; p < nnz; p++) df[rowIds[p]!]!++;
  // Smoothed idf (as scikit-learn): rare terms weigh more, no term weighs zero.
  const idf = Float32Array.from(df, (f) => Math.log((1 + n) / (1 + f)) + 1);
  const kinds = Uint8Array.from(kind);
  const idxAll = rowIds.slice(0, nnz);
  const valAll = new Float32Array(nnz);
  const charShare = opt.charNgrams ? opt.charWeight : 0;
  const scaleWord = Math.sqrt(1 - charShare);
  const scaleChar = Math.sqrt(charShare);
  for (let d = 0; d < n; d++) {
    let normWord = 0;
    let normChar = 0;
    for (let p = ptr[d]!; p < ptr[d + 1]!; p++) {
      const f = rowIds[p]!;
      const w = rowTf[p]! * idf[f]!;
      valAll[p] = w;
      if (kinds[f] === Kind.Char) normChar += w * w;
      else normWord += w * w;
    }
    // A keyword without features of one block (emoji, digits) gives all weight to the other.
    const both = normWord > 0 && normChar > 0;
    const fWord = (both ? scaleWord : 1) / Math.sqrt(normWord || 1);
    const fChar = (both ? scaleChar : 1) / Math.sqrt(normChar || 1);
    for (let p = ptr[d]!; p < ptr[d + 1]!; p++)
      valAll[p] = valAll[p]! * (kinds[rowIds[p]!] === Kind.Char ? fChar : fWord);
  }
  const facet = new Float32Array(cols);
  for (const info of infos) facet[info.stem] = stemScore[info.stemIndex]!;
  const stemFeature = (w: string): number => {
    const id = words.get(w);
    return id === undefined ? -1 : infos[id]!.stem;
  };
  return { matrix: { rows: n, cols, ptr, idx: idxAll, val: valAll }, kind: kinds, label, facet, stemFeature };
}

/** Facet score per stem (facets.ts) over the distinct stems of each keyword. */
function stemFacetScores(
  tokPtr: Int32Array,
  tok: Int32Array,
  infos: readonly WordInfo[],
  stems: number,
  opt: FeatureOptions,
): Float32Array {
  if (opt.facetStrength === 0) return new Float32Array(stems);
  const n = tokPtr.length - 1;
  const ptr = new Int32Array(n + 1);
  const ids = new Int32Array(tokPtr[n]!);
  const mark = new Int32Array(stems).fill(-1);
  let len = 0;
  for (let d = 0; d < n; d++) {
    for (let p = tokPtr[d]!; p < tokPtr[d + 1]!; p++) {
      const s = infos[tok[p]!]!.stemIndex;
      if (mark[s] === d) continue;
      mark[s] = d;
      ids[len++] = s;
    }
    ptr[d + 1] = len;
  }
  return facetScores(ptr, ids, stems, opt);
}

/** Sorts ids[0..len) ascending with their masses (rows are short: insertion sort). */
function sortPairs(ids: Int32Array, mass: Float32Array, len: number): void {
  for (let i = 1; i < len; i++) {
    const id = ids[i]!;
    const m = mass[i]!;
    let j = i - 1;
    while (j >= 0 && ids[j]! > id) {
      ids[j + 1] = ids[j]!;
      mass[j + 1] = mass[j]!;
      j--;
    }
    ids[j + 1] = id;
    mass[j + 1] = m;
  }
}

function growInt(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function growFloat(a: Float32Array, size: number): Float32Array<ArrayBuffer> {
  const b = new Float32Array(size);
  b.set(a);
  return b;
}

/** Character n-grams (3..5) of a word padded with boundary marks, so prefixes and suffixes are distinct features. */
function charGrams(word: string, min: number, max: number): string[] {
  const chars = Array.from(`<${word}>`);
  if (chars.length > 42) return [];
  const out = new Set<string>();
  for (let n = min; n <= max; n++) for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return [...out];
}
