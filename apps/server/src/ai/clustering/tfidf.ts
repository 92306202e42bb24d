/**
 * Sparse TF-IDF vectors over stemmed words, adjacent-word bigrams and (optionally)
 * character 3–5-grams of each word. The word and character blocks are normalised
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
  const rowsIdx: Int32Array[] = [];
  const rowsTf: Float32Array[] = [];
  const heads = new Int32Array(norms.length).fill(-1);
  let nnz = 0;
  for (let d = 0; d < norms.length; d++) {
    const { words: ws, head } = tokenize(norms[d]!, tools);
    const list: number[] = [];
    let prev: WordInfo | undefined;
    for (let t = 0; t < ws.length; t++) {
      const info = wordInfo(ws[t]!);
      list.push(info.stem);
      if (t === head) heads[d] = info.stem;
      for (const g of info.grams) list.push(g);
      if (opt.bigrams && prev) list.push(feature(`b ${prev.stemText} ${info.stemText}`, Kind.Bigram, `${ws[t - 1]} ${ws[t]}`));
      prev = info;
    }
    const sorted = Int32Array.from(list).sort();
    const idx: number[] = [];
    const tf: number[] = [];
    for (let p = 0; p < sorted.length; p++) {
      if (p > 0 && sorted[p] === sorted[p - 1]) tf[tf.length - 1]!++;
      else {
        idx.push(sorted[p]!);
        tf.push(1);
      }
    }
    rowsIdx.push(Int32Array.from(idx));
    rowsTf.push(Float32Array.from(tf));
    nnz += idx.length;
    ptr[d + 1] = nnz;
  }

  const cols = kind.length;
  const df = new Int32Array(cols);
  for (const r of rowsIdx) for (let p = 0; p < r.length; p++) df[r[p]!]!++;
  const n = norms.length;
  // Smoothed idf (as scikit-learn): rare terms weigh more, no term weighs zero.
  const idf = Float32Array.from(df, (f) => Math.log((1 + n) / (1 + f)) + 1);
  const kinds = Uint8Array.from(kind);
  const idxAll = new Int32Array(nnz);
  const valAll = new Float32Array(nnz);
  const blockScale = [Math.sqrt(1 - (opt.charNgrams ? opt.charWeight : 0)), Math.sqrt(opt.charNgrams ? opt.charWeight : 0)];
  for (let d = 0; d < n; d++) {
    const idx = rowsIdx[d]!;
    const tf = rowsTf[d]!;
    const base = ptr[d]!;
    const norm2 = [0, 0];
    for (let p = 0; p < idx.length; p++) {
      // Sublinear tf: a repeated word is evidence, not proportionally more evidence.
      // The head noun weighs more: it names the thing searched for.
      const w = (1 + Math.log(tf[p]!)) * idf[idx[p]!]! * (idx[p] === heads[d] ? opt.headBoost : 1);
      valAll[base + p] = w;
      idxAll[base + p] = idx[p]!;
      norm2[kinds[idx[p]!] === Kind.Char ? 1 : 0]! += w * w;
    }
    // A keyword without char features (emoji, digits only) gives its whole weight to words.
    const hasBoth = norm2[0]! > 0 && norm2[1]! > 0;
    for (let p = 0; p < idx.length; p++) {
      const b = kinds[idx[p]!] === Kind.Char ? 1 : 0;
      const scale = hasBoth ? blockScale[b]! : 1;
      valAll[base + p] = (valAll[base + p]! * scale) / Math.sqrt(norm2[b]!);
    }
  }
  return { matrix: { rows: n, cols, ptr, idx: idxAll, val: valAll }, kind: kinds, label };
}

/** Character n-grams (3..5) of a word padded with boundary marks, so prefixes and suffixes are distinct features. */
function charGrams(word: string, min: number, max: number): string[] {
  const chars = Array.from(`<${word}>`);
  if (chars.length > 42) return [];
  const out = new Set<string>();
  for (let n = min; n <= max; n++) for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return [...out];
}
