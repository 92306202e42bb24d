/**
 * Collapses keywords to distinct normalised phrases ("documents"). Exact duplicates
 * become one document, so they cannot be separated by any later step, and the
 * documents are sorted so the result does not depend on input order.
 */
import type { KeywordInput } from './types';
import { normalizePhrase } from './text';

export interface Corpus {
  /** Distinct normalised phrases, sorted by code unit. */
  norms: string[];
  /** Keyword indices (into the input) of each document, sorted by keyword id. */
  members: number[][];
}

export function buildCorpus(keywords: readonly KeywordInput[]): Corpus {
  const byNorm = new Map<string, number[]>();
  keywords.forEach((kw, i) => {
    const norm = normalizePhrase(kw.phrase ?? '');
    const list = byNorm.get(norm);
    if (list) list.push(i);
    else byNorm.set(norm, [i]);
  });
  // The default sort compares strings by UTF-16 code unit, as compareCodeUnits does, only faster.
  const norms = [...byNorm.keys()].sort();
  const members = norms.map((n) =>
    byNorm.get(n)!.sort((a, b) => compareCodeUnits(keywords[a]!.id, keywords[b]!.id) || a - b),
  );
  return { norms, members };
}

/** Locale-independent ordering (localeCompare would vary with the host's ICU data). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Volume as a comparable number: unknown, negative or non-finite → -1. */
export function volumeOf(kw: KeywordInput): number {
  const v = kw.volume;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : -1;
}
