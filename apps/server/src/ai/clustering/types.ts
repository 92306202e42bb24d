/** Public types of the keyword-clustering engine. */

export interface KeywordInput {
  id: string;
  phrase: string;
  /** Monthly search volume; null/undefined when unknown. Used for naming only. */
  volume?: number | null;
}

export interface ClusterOptions {
  /**
   * 0..1: higher gives more, smaller, tighter clusters. The default (0.5) is tuned
   * once across all benchmark data sets; it is not data-set specific.
   */
  granularity?: number;
  /** ISO 639-1 code ('en', 'de', …) choosing stemmer and stop words; unknown codes fall back to no stemming. */
  language?: string;
  /** Clusters with fewer keywords than this go to `unclustered`. Default 2. */
  minClusterSize?: number;
  /**
   * Clusters with more keywords than this are split by facet (split.ts). Default from
   * granularity: 50 at 0.5, 200 at 0, 13 at 1.
   */
  maxClusterSize?: number;
  /** Mix character trigrams into the TF-IDF features (spelling variants, compounds). Default true. */
  charNgrams?: boolean;
  /**
   * Dense vectors (e.g. from an embeddings provider), one per input keyword in the
   * same order. When given, the neighbour graph blends their cosine with the words'
   * (TF-IDF) cosine: see VECTOR_DEFAULTS in partition.ts.
   */
  vectors?: ArrayLike<number>[];
  /** Share (0..1) of a link's similarity from `vectors`. Default 0.5; 1: vectors alone. */
  vectorWeight?: number;
  /**
   * Top search-result URLs per keyword, best first, in the same order as the keywords
   * (null or [] when unknown). Keywords sharing at least `serpMinShared` of their top 10
   * are linked, as SEO tools group by SERP overlap, and the overlap is blended with the
   * text (or vector) similarity: see serp.ts.
   */
  serp?: readonly (readonly string[] | null | undefined)[];
  /** Shared top-10 URLs that link two keywords. Default 3. */
  serpMinShared?: number;
  /** Share (0..1) of a link given to SERP overlap when both keywords have results. Default 0.5. */
  serpWeight?: number;
}

export interface Cluster {
  /** Stable id derived from the cluster's name phrase: same input → same key. */
  key: string;
  /** Phrase of the highest-volume keyword, else of the most central one. */
  name: string;
  /**
   * Short topic name from the words the cluster is about ("tomato blight", "french
   * press"), entity words before facets; unique within one result. '' only for a
   * cluster with no word at all (emoji-only keywords keep their pictograph as a word).
   */
  topic: string;
  /** Ordered by volume (desc), then phrase, then id. */
  keywordIds: string[];
  /** Keyword closest to the cluster centroid. */
  centralId: string;
  /** Most characteristic terms (surface words, not stems) for descriptions. */
  terms: string[];
}

export interface ClusterResult {
  /** Ordered by size (desc), then name. */
  clusters: Cluster[];
  /** Keyword ids that fit no cluster, in input-independent order (phrase, then id). */
  unclustered: string[];
}

export interface ExistingCluster {
  key: string;
  keywordPhrases: string[];
}

export interface AssignOptions {
  granularity?: number;
  language?: string;
  charNgrams?: boolean;
}

export interface AssignResult<K extends KeywordInput = KeywordInput> {
  /** keyword id → existing cluster key. */
  assigned: Map<string, string>;
  /** Keywords that fit no existing cluster (input order, same objects), to be clustered afresh. */
  rest: K[];
}
