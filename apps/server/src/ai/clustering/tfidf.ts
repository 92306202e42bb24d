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
import { tokenize } from './text';

export const Kind = { Word: 0, Bigram: 1, Char: 2 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface FeatureOptions {
  charNgrams: boolean;
  /** Share of the cosine given to character n-grams (0..1). */
  charWeight: number;
  bigrams: boolean;
  /** Weight multiplier of the head noun (1 = none). */
  headBoost: number;
  /** Character n-gram lengths, inclusive. */
  charMin: number;
  charMax: number;
}

export interface Vectors {
  matrix: SparseMatrix;
  kind: Uint8Array;
  /** Word features: a readable surface word; others: the raw feature text. */
  label: string[];
}

interface WordInfo {
  stem: number;
  stemText: string;
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
  const words = new Map<string, WordInfo>();
  const wordInfo = (w: string): WordInfo => {
    let info = words.get(w);
    if (!info) {
      const stem = tools.stem(w);
      const stemId = feature(`w ${stem}`, Kind.Word, w);
      // Prefer the shortest (then alphabetically first) surface form as the label.
      const cur = label[stemId]!;
      if (w.length < cur.length || (w.length === cur.length && w < cur)) label[stemId] = w;
      info = { stem: stemId, stemText: stem, grams: opt.charNgrams ? charGrams(w, opt.charMin, opt.charMax).map((g) => feature(`c ${g}`, Kind.Char, g)) : [] };
      words.set(w, info);
    }
    return info;
  };

  const ptr = new Int32Array(norms.length + 1);
  const heads = new Int32Array(norms.length).fill(-1);
  // Feature rowIds and term counts of all rows, in growable typed arrays (no per-row
  // allocations: 100k keywords would otherwise keep the GC busy).
  let rowIds = new Int32Array(1024);
  let rowTf = new Float32Array(1024);
  let buf = new Int32Array(256);
  let nnz = 0;
  for (let d = 0; d < norms.length; d++) {
    const { words: ws, head } = tokenize(norms[d]!, tools);
    let len = 0;
    const add = (f: number): void => {
      if (len === buf.length) buf = growInt(buf, len * 2);
      buf[len++] = f;
    };
    let prev: WordInfo | undefined;
    for (let t = 0; t < ws.length; t++) {
      const info = wordInfo(ws[t]!);
      add(info.stem);
      if (t === head) heads[d] = info.stem;
      for (const g of info.grams) add(g);
      if (opt.bigrams && prev) add(feature(`b ${prev.stemText} ${info.stemText}`, Kind.Bigram, `${ws[t - 1]} ${ws[t]}`));
      prev = info;
    }
    const sorted = buf.subarray(0, len).sort();
    if (nnz + len > rowIds.length) {
      rowIds = growInt(rowIds, Math.max(rowIds.length * 2, nnz + len));
      rowTf = growFloat(rowTf, rowIds.length);
    }
    for (let p = 0; p < len; p++) {
      if (p > 0 && sorted[p] === sorted[p - 1]) rowTf[nnz - 1]!++;
      else {
        rowIds[nnz] = sorted[p]!;
        rowTf[nnz++] = 1;
      }
    }
    ptr[d + 1] = nnz;
  }

  const cols = kind.length;
  const n = norms.length;
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
      // Sublinear tf: a repeated word is evidence, not proportionally more evidence.
      // The head noun weighs more: it names the thing searched for.
      const w = (1 + Math.log(rowTf[p]!)) * idf[f]! * (f === heads[d] ? opt.headBoost : 1);
      valAll[p] = w;
      if (kinds[f] === Kind.Char) normChar += w * w;
      else normWord += w * w;
    }
    // A keyword without features of one block (emoji, digits) gives all weight to the other.
    const both = normWord > 0 && normChar > 0;
    const fWord = (both ? scaleWord : 1) / Math.sqrt(normWord || 1);
    const fChar = (both ? scaleChar : 1) / Math.sqrt(normChar || 1);
    for (let p = ptr[d]!; p < ptr[d + 1]!; p++) valAll[p] = valAll[p]! * (kinds[rowIds[p]!] === Kind.Char ? fChar : fWord);
  }
  return { matrix: { rows: n, cols, ptr, idx: idxAll, val: valAll }, kind: kinds, label };
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
