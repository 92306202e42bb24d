/** Normalisation and tokenisation of keyword phrases. */
import type { LanguageTools } from './language';

/** Keyword phrases are short; capping tokens bounds the cost of pathological inputs. */
export const MAX_TOKENS = 64;

/** Canonical form for duplicate detection: the same one keywords are deduplicated with in the database. */
export { normalizePhrase } from '@igny8/contracts';

// Letters/digits (with combining marks, inner apostrophes), or a single pictograph
// so that emoji-only keywords still have features.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*|\p{Extended_Pictographic}/gu;

export interface Tokens {
  /** Tokens with stop words removed (stemming is left to the caller, who caches it). */
  words: string[];
  /** Index in `words` of the phrase's head noun, or -1 when unknown. */
  head: number;
}

/** Tokens of a normalised phrase. */
export function tokenize(norm: string, tools: LanguageTools): Tokens {
  const raw = norm.match(TOKEN) ?? [];
  const tokens = raw.length > MAX_TOKENS ? raw.slice(0, MAX_TOKENS) : raw;
  const words: string[] = [];
  let head = -1;
  let headDone = false;
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    // Search phrases are noun phrases whose head ends the first chunk: "best running
    // SHOES for women", "espresso MACHINE under 200". Languages without a
    // preposition list get no head.
    if (tools.prepositions.has(tok) && t > 0) headDone = true;
    if (tools.isStopWord(tok)) continue;
    if (!headDone && tools.prepositions.size > 0) head = words.length;
    words.push(stripApostrophes(tok));
  }
  // A phrase made only of stop words ("how to", "the who") keeps them: better a weak
  // feature than none.
  if (words.length === 0) return { words: tokens.map(stripApostrophes), head: -1 };
  return { words, head: words.length > 1 ? head : -1 };
}

/** Every token of a normalised phrase, stop words included, as tokenize spells them (for names). */
export function surfaceTokens(norm: string): string[] {
  const raw = norm.match(TOKEN) ?? [];
  return (raw.length > MAX_TOKENS ? raw.slice(0, MAX_TOKENS) : raw).map(stripApostrophes);
}

/** "men's" → "men", "don't" → "dont": possessives and contractions vary in real queries. */
function stripApostrophes(token: string): string {
  if (!token.includes("'") && !token.includes('’')) return token;
  return token.replace(/['’]s$/u, '').replace(/['’]/gu, '');
}
