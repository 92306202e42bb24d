/** Turns groups of documents into named clusters: name, central keyword, terms, key. */
import { compareCodeUnits, volumeOf, type Corpus } from './corpus';
import { centroidOf, rowDotVector, type SparseVector } from './sparse';
import { topicName } from './name';
import { Kind, type Vectors } from './tfidf';
import type { Cluster, KeywordInput } from './types';

/** Similarity of each given document to the centroid of the group, in the space the graph used. */
export type Centrality = (docs: readonly number[]) => Float64Array;

/** TF-IDF vectors with a centroid function bound to them. */
export interface TermSpace {
  vectors: Vectors;
  centroid: (docs: readonly number[]) => SparseVector;
}

export function termSpace(vectors: Vectors): TermSpace {
  return { vectors, centroid: centroidOf(vectors.matrix) };
}

const TERMS = 5;

/** A described cluster before its key, with what naming needs to tell equal topics apart. */
export interface Described extends Omit<Cluster, 'key'> {
  docs: readonly number[];
  /** Words the topic name is made of, and the group's other words, most characteristic first. */
  topicTerms: readonly number[];
  otherWords: readonly number[];
}

export function sparseCentrality(space: TermSpace): Centrality {
  return (docs) => {
    const c = space.centroid(docs);
    return Float64Array.from(docs, (d) => rowDotVector(space.vectors.matrix, d, c));
  };
}

interface Entry {
  kw: number;
  doc: number;
  score: number;
  volume: number;
  id: string;
}

export function describe(
  docs: readonly number[],
  corpus: Corpus,
  keywords: readonly KeywordInput[],
  space: TermSpace,
  centrality: Centrality,
): Described {
  const score = centrality(docs);
  const entries: Entry[] = [];
  docs.forEach((d, t) => {
    for (const kw of corpus.members[d]!)
      entries.push({ kw, doc: d, score: score[t]!, volume: volumeOf(keywords[kw]!), id: keywords[kw]!.id });
  });
  // First in the order `cmp` sorts by (ties: earlier entry), without sorting.
  const first = (cmp: (a: Entry, b: Entry) => number): Entry => entries.reduce((x, e) => (cmp(e, x) < 0 ? e : x));

  // Naming: the field's convention is the highest-volume keyword; equal (or no)
  // volumes fall back to the keyword nearest the centroid.
  const byName = first((a, b) => b.volume - a.volume || b.score - a.score || compareCodeUnits(a.id, b.id));
  const byCentral = first((a, b) => b.score - a.score || b.volume - a.volume || compareCodeUnits(a.id, b.id));
  const listed = entries.sort(
    (a, b) =>
      b.volume - a.volume ||
      compareCodeUnits(corpus.norms[a.doc]!, corpus.norms[b.doc]!) ||
      compareCodeUnits(a.id, b.id),
  );
  const topic = topicName(docs, corpus, space.vectors);
  return {
    name: keywords[byName.kw]!.phrase.trim().replace(/\s+/gu, ' '),
    topic: topic.name,
    otherWords: topic.words,
    topicTerms: topic.terms,
    docs,
    keywordIds: listed.map((e) => e.id),
    centralId: byCentral.id,
    terms: topTerms(docs, space),
  };
}

/** Highest-weight word features of the group's centroid, as readable words. */
function topTerms(docs: readonly number[], space: TermSpace): string[] {
  const v = space.vectors;
  const c = space.centroid(docs);
  const order = Array.from(c.idx.keys())
    .filter((p) => v.kind[c.idx[p]!] === Kind.Word)
    .sort((a, b) => c.val[b]! - c.val[a]! || c.idx[a]! - c.idx[b]!);
  return order.slice(0, TERMS).map((p) => v.label[c.idx[p]!]!);
}

/** Stable cluster key from the name, so re-runs that keep the name keep the key. */
export function clusterKey(name: string, taken: Set<string>): string {
  let h = 0x811c9dc5;
  const s = name.normalize('NFKC').toLowerCase();
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const base = `kc-${(h >>> 0).toString(16).padStart(8, '0')}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}
