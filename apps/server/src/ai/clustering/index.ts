/**
 * Keyword-clustering engine: pure and synchronous (no I/O, no environment).
 * clusterKeywords groups keywords; assignToClusters fits new keywords into
 * existing clusters first, so re-runs extend clusters instead of duplicating them.
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
