/**
 * Offline topic names: a short phrase made of the words the cluster is about, not its
 * highest-volume keyword. The words that most of the cluster shares — an entity
 * (tomato, french press) with a lower bar than a facet (best, care), using the facet
 * score learned from the list — are found, then spelled as the keywords spell them:
 * the most frequent shortest stretch of a keyword that covers them all, stop words
 * inside included ("fertilizer for roses", "compact bike helmet review").
 */
import { compareCodeUnits, type Corpus } from './corpus';
import { surfaceTokens } from './text';
import { Kind, type Vectors } from './tfidf';

/** Share of the cluster's keywords a word needs to be in the name: entity-leaning / facet-leaning words. */
const ENTITY_SHARE = 0.5;
const FACET_SHARE = 0.8;
/** Words chosen for a name at most, and tokens in a name at most (stop words included). */
const MAX_WORDS = 4;
const MAX_TOKENS = 5;
/** A neighbouring token joins the name when this share of the keywords that spell it has it. */
const WIDEN_SHARE = 0.6;
/** A set of words goes in the name only if this share of the keywords has all of them. */
const TOGETHER_SHARE = 0.3;

export interface TopicName {
  name: string;
  /** The words (features) the name was made of. */
  terms: number[];
  /** The group's other words, most characteristic first: candidates to tell two equal names apart. */
  words: number[];
}

interface Doc {
  tokens: string[];
  /** Word feature per token (-1: stop word). */
  features: number[];
  weight: number;
}

/** Topic name of a group of documents; '' when the group has no word at all. */
export function topicName(docs: readonly number[], corpus: Corpus, v: Vectors): TopicName {
  const parsed = parse(docs, corpus, v);
  const size = parsed.reduce((s, p) => s + p.weight, 0);
  const cover = new Map<number, number>();
  for (const p of parsed) {
    const fs = p.features;
    for (let i = 0; i < fs.length; i++) {
      const f = fs[i]!;
      // Once per keyword: skip a feature already seen earlier in it.
      if (f >= 0 && v.kind[f] === Kind.Word && fs.indexOf(f) === i) cover.set(f, (cover.get(f) ?? 0) + p.weight);
    }
  }
  if (cover.size === 0) return { name: '', terms: [], words: [] };
  // Entity-leaning words first, then by coverage; ties by feature id (deterministic).
  const ranked = [...cover].map(([f, c]) => ({ f, r: (c / size) * Math.exp(-Math.max(-1, Math.min(1, v.facet[f]!))) }));
  const ordered = ranked.sort((a, b) => b.r - a.r || a.f - b.f).map((x) => x.f);
  const wanted = ordered.filter((f) => cover.get(f)! >= size * (v.facet[f]! > 0 ? FACET_SHARE : ENTITY_SHARE));
  const terms = (wanted.length > 0 ? wanted : ordered.slice(0, 1)).slice(0, MAX_WORDS);
  // Drop the weakest words until enough keywords hold them all.
  for (let n = terms.length; n >= 1; n--) {
    const used = terms.slice(0, n);
    const name = commonWindow(parsed, used, Math.max(1, size * TOGETHER_SHARE), (t) => v.stemFeature(t) < 0);
    if (name) return { name, terms: used, words: ordered.filter((f) => !used.includes(f)) };
  }
  return { name: v.label[ordered[0]!]!, terms: ordered.slice(0, 1), words: ordered.slice(1) };
}

/**
 * The name spelled with one more word (`extra`) beside `terms`, as some keyword of
 * the group has them all; '' when none does. Tells apart two clusters named alike.
 */
export function qualifiedName(
  docs: readonly number[],
  corpus: Corpus,
  v: Vectors,
  terms: readonly number[],
  extra: number,
): string {
  return commonWindow(parse(docs, corpus, v), [...terms, extra], 1, (t) => v.stemFeature(t) < 0);
}

function parse(docs: readonly number[], corpus: Corpus, v: Vectors): Doc[] {
  return docs.map((d) => {
    const tokens = surfaceTokens(corpus.norms[d]!);
    return { tokens, features: tokens.map((t) => v.stemFeature(t)), weight: corpus.members[d]!.length };
  });
}

/**
 * The most frequent shortest stretch of a keyword holding every feature of `set`,
 * counted over keywords that hold them all, then widened by a neighbouring token
 * that most of those keywords share ("pour" → "pour over", "worm" → "worm bin");
 * '' when fewer than `min` keywords hold the set.
 */
function commonWindow(
  docs: readonly Doc[],
  set: readonly number[],
  min: number,
  isStop: (token: string) => boolean,
): string {
  const found: { doc: Doc; start: number; end: number; text: string }[] = [];
  const counts = new Map<string, number>();
  let holders = 0;
  for (const doc of docs) {
    const w = shortestWindow(doc.features, set);
    if (!w) continue;
    holders += doc.weight;
    const text = doc.tokens.slice(w[0], w[1] + 1).join(' ');
    found.push({ doc, start: w[0], end: w[1], text });
    counts.set(text, (counts.get(text) ?? 0) + doc.weight);
  }
  if (holders < min) return '';
  const text = [...counts].sort(
    (a, b) => b[1] - a[1] || a[0].length - b[0].length || compareCodeUnits(a[0], b[0]),
  )[0]![0];
  const spans = found.filter((f) => f.text === text);
  const total = counts.get(text)!;
  const words = text.split(' ');
  for (let grown = true; grown && words.length < MAX_TOKENS;) {
    grown = false;
    for (const side of [1, -1] as const) {
      const next = new Map<string, number>();
      for (const f of spans) {
        const t = f.doc.tokens[side > 0 ? f.end + 1 : f.start - 1];
        if (t !== undefined) next.set(t, (next.get(t) ?? 0) + f.doc.weight);
      }
      const top = [...next].sort((a, b) => b[1] - a[1] || compareCodeUnits(a[0], b[0]))[0];
      if (!top || top[1] < total * WIDEN_SHARE || words.length >= MAX_TOKENS) continue;
      if (side > 0) words.push(top[0]);
      else words.unshift(top[0]);
      for (const f of spans) {
        if (f.doc.tokens[side > 0 ? f.end + 1 : f.start - 1] !== top[0]) continue;
        if (side > 0) f.end++;
        else f.start--;
      }
      grown = true;
    }
  }
  // "best fertilizer for" reads as cut off; a lone word keeps its particle ("pour over").
  // One-letter tokens ("a" is missing from some stop lists) count as stop words here.
  const edge = (t: string): boolean => isStop(t) || [...t].length === 1;
  while (words.length > 2 && edge(words[words.length - 1]!)) words.pop();
  while (words.length > 2 && edge(words[0]!)) words.shift();
  return words.join(' ');
}

/** [start, end] of the shortest token range containing every feature of `set`, or null. */
function shortestWindow(features: readonly number[], set: readonly number[]): [number, number] | null {
  if (set.length === 1) {
    const at = features.indexOf(set[0]!);
    return at < 0 ? null : [at, at];
  }
  // Keywords are a few tokens long: try every start, extend until all are seen.
  let best: [number, number] | null = null;
  for (let start = 0; start < features.length; start++) {
    if (!set.includes(features[start]!)) continue;
    let seen = 0;
    let mask = 0;
    for (let end = start; end < features.length && (!best || end - start < best[1] - best[0]); end++) {
      const k = set.indexOf(features[end]!);
      if (k < 0 || mask & (1 << k)) continue;
      mask |= 1 << k;
      if (++seen === set.length) {
        best = [start, end];
        break;
      }
    }
  }
  return best;
}
