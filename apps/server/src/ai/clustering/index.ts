/**
 * Keyword-clustering engine: pure and synchronous (no I/O, no environment).
 * clusterKeywords groups keywords (entity words outweigh facets, oversized clusters
 * split, each cluster named by its topic; dense vectors and SERP result URLs are
 * optional extra signals); assignToClusters fits new keywords into existing
 * clusters first, so re-runs extend clusters instead of duplicating them.
 */
export { assignToClusters } from './assign';
export { clusterKeywords } from './cluster';
export { normalizeResultUrl, serpOverlapPairs, type SerpOverlapOptions, type SerpPair } from './serp';
export { DEFAULT_GRANULARITY, tuningFor, type Tuning } from './tuning';
export type {
  AssignOptions,
  AssignResult,
  Cluster,
  ClusterOptions,
  ClusterResult,
  ExistingCluster,
  KeywordInput,
} from './types';
