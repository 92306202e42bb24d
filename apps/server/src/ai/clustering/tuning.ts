/**
 * Internal knobs of the engine. One default set, tuned once across all benchmark
 * data sets (WANDS, CLINC150, the labelled SEO dev set, synthetic SEO) — never per
 * data set. `granularity` is the only knob callers are meant to turn.
 *
 * What the sweeps showed (bench/README.md): k=10 beats 5 and 20; mutual k-NN and
 * cosine² edges lost ARI; trigrams alone beat 3–5-grams; char weight 0.3 beat 0.15
 * and 0.5; bigrams are essential for two-word topics; a cosine floor above 0.1
 * pushes too many keywords out; resolution 16 was best from 474 to 10k keywords.
 * Facets: boosting entities (up to 2×) raised dev-set purity without costing CLINC150;
 * also weighing facets down raised purity more but cost CLINC150 0.08 ARI.
 */
import { DEFAULT_CLUSTER_GRANULARITY } from '@igny8/contracts';

export interface Tuning {
  /** Neighbours per keyword in the k-NN graph. */
  k: number;
  /** Cosine below which two keywords are never linked. */
  minSim: number;
  /** Keep only mutual k-NN edges. */
  mutual: boolean;
  /** Edge weight = cosine^power. */
  power: number;
  /** Louvain resolution for lists of `smallList`..`largeList` distinct keywords; see resolutionFor. */
  resolution: number;
  /** The least resolution on a small list (1 is plain modularity at the default granularity). */
  minResolution: number;
  smallList: number;
  largeList: number;
  charNgrams: boolean;
  charWeight: number;
  charMin: number;
  charMax: number;
  bigrams: boolean;
  /** Weight multiplier of the head noun of English phrases. */
  headBoost: number;
  /**
   * Learned facet-vs-entity weighting (facets.ts, tfidf.ts): a word weighs
   * exp(-facetStrength · score) clamped to facetMin..facetMax; facetPrior shrinks the
   * score of words seen with few partners. 0 strength turns it off.
   */
  facetStrength: number;
  facetPrior: number;
  facetMin: number;
  facetMax: number;
  /** Posting-list cap and exact-rescoring candidates per keyword (see knn.ts). */
  maxPostings: number;
  candidates: number;
  workPerRow: number;
  /** Clusters with more keywords are split (split.ts); parts below minSplitPart rejoin a neighbour. */
  maxClusterSize: number;
  minSplitPart: number;
  /** A new keyword joins an existing cluster when its cosine to the centroid reaches this. */
  assignThreshold: number;
}

export const DEFAULT_GRANULARITY = DEFAULT_CLUSTER_GRANULARITY;

const BASE: Omit<Tuning, 'resolution' | 'minResolution' | 'minSim' | 'assignThreshold' | 'maxClusterSize'> = {
  k: 10,
  smallList: 500,
  largeList: 5000,
  mutual: false,
  power: 1,
  charNgrams: true,
  charWeight: 0.3,
  charMin: 3,
  charMax: 3,
  bigrams: true,
  headBoost: 1.3,
  facetStrength: 1,
  facetPrior: 8,
  facetMin: 1,
  facetMax: 2,
  maxPostings: 256,
  candidates: 24,
  workPerRow: 1024,
  minSplitPart: 5,
};

/**
 * Granularity 0..1 moves resolution geometrically (×4 either side of the default)
 * and the link threshold linearly, so 0 gives broad topics and 1 near-duplicates.
 */
export function tuningFor(granularity = DEFAULT_GRANULARITY, overrides: Partial<Tuning> = {}): Tuning {
  const g = Math.min(1, Math.max(0, Number.isFinite(granularity) ? granularity : DEFAULT_GRANULARITY));
  const centred = g - DEFAULT_GRANULARITY;
  return {
    ...BASE,
    resolution: 16 * Math.pow(4, centred * 2),
    minResolution: Math.pow(4, centred * 2),
    minSim: Math.max(0.02, 0.1 + centred * 0.4),
    assignThreshold: Math.max(0, 0.25 + centred * 0.5),
    maxClusterSize: Math.round(50 * Math.pow(4, -centred * 2)),
    ...overrides,
  };
}

/**
 * Modularity judges a community against the whole graph, so one resolution does not
 * mean the same cluster tightness at every list size. Below `smallList` keywords the
 * resolution shrinks in proportion to n (each keyword is a large share of a small
 * graph, and a fixed resolution would split everything), down to `minResolution`: below it
 * (lists under ~30 keywords) two topics linked by one keyword that names both ("cold brew
 * ratio machine descaling") merged into one cluster. Above `largeList` it grows with √n,
 * the rate at which modularity's resolution limit merges near topics.
 */
export function resolutionFor(t: Tuning, n: number): number {
  const small = Math.max(t.minResolution, t.resolution * Math.min(1, n / t.smallList));
  return small * Math.sqrt(Math.max(1, n / t.largeList));
}
