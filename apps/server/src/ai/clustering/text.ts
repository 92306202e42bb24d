/** Normalisation and tokenisation of keyword phrases. */
import type { LanguageTools } from './language';

/** Keyword phrases are short; capping tokens bounds the cost of pathological inputs. */
export const MAX_TOKENS = 64;

/**
 * Canonical form used for duplicate detection: NFKC (full-width → ASCII, composed
 * accents), lower case, single spaces.
 */
export function normalizePhrase(phrase: string): string {
  return phrase.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

// Letters/digits (with combining marks, inner apostrophes), or a single pictograph
// so that emoji-only keywords still have features.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*|\p{Extended_Pictographic}/gu;

/** Tokens of a normalised phrase with stop words removed (stemming is left to the caller, who caches it). */
export function tokenize(norm: string, tools: LanguageTools): string[] {
  const raw = norm.match(TOKEN) ?? [];
  const tokens = raw.length > MAX_TOKENS ? raw.slice(0, MAX_TOKENS) : raw;
  const kept = tokens.filter((t) => !tools.isStopWord(t));
  // A phrase made only of stop words ("how to", "the who") keeps them: better a weak
  // feature than none.
  return (kept.length > 0 ? kept : tokens).map(stripApostrophes);
}

/** "men's" → "men", "don't" → "dont": possessives and contractions vary in real queries. */
function stripApostrophes(token: string): string {
  if (!token.includes("'") && !token.includes('’')) return token;
  return token.replace(/['’]s$/u, '').replace(/['’]/gu, '');
}
