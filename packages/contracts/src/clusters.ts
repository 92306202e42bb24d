import { z } from 'zod';
import { intentSchema } from './keywords';
import { pageQuerySchema } from './accounts';
import { sectorFilterShape } from './sectors';

export const clusterSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  sectorId: z.string(),
  name: z.string(),
  description: z.string(),
  /** ai: written by the text provider; template: written offline */
  descriptionSource: z.enum(['ai', 'template', 'user']),
  keywordCount: z.number().int(),
  totalVolume: z.number().int(),
  avgDifficulty: z.number().nullable(),
  dominantIntent: intentSchema.nullable(),
  ideaCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Cluster = z.infer<typeof clusterSchema>;

/**
 * A keyword the LLM flagged, while naming its cluster, as not belonging there: why, and the site's cluster it
 * fits better when it named one (`proposedName` is what it said; `proposedCluster` that cluster, if it still exists).
 */
export const clusterOutlierSchema = z.object({
  keywordId: z.string(),
  phrase: z.string(),
  volume: z.number().int().nullable(),
  reason: z.string(),
  proposedName: z.string().nullable(),
  proposedCluster: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type ClusterOutlier = z.infer<typeof clusterOutlierSchema>;

/** A cluster as selects list it (`GET …/clusters/names`). */
export const clusterNameSchema = z.object({ id: z.string(), name: z.string(), sectorId: z.string() });
export type ClusterName = z.infer<typeof clusterNameSchema>;

export const clusterListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  ...sectorFilterShape,
  sort: z.enum(['name', 'keywordCount', 'totalVolume', 'avgDifficulty', 'createdAt']).default('totalVolume'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuerySchema.shape,
});

/** The engine's granularity when none is asked for: tuned once across every benchmark set. */
export const DEFAULT_CLUSTER_GRANULARITY = 0.5;
/** Keywords a preview clusters at most (a larger set is clustered by the task, without a preview). */
export const CLUSTER_PREVIEW_MAX_KEYWORDS = 20_000;
/** New clusters a preview lists (largest first); the counts cover all of them. */
export const CLUSTER_PREVIEW_LISTED = 300;

export const autoClusterBodySchema = z.object({
  /** absent: all unclustered keywords of the site */
  keywordIds: z.array(z.uuid()).min(1).max(200_000).optional(),
  /** 0 (broad topics) … 1 (tight groups); absent: the engine's default */
  granularity: z.number().min(0).max(1).optional(),
  /** only this sector's keywords; absent: every sector, each clustered on its own (a cluster never mixes sectors) */
  sectorId: z.uuid().optional(),
});
/** What auto-cluster would do, nothing saved: the same engine, keywords and granularity as the run. */
export const clusterPreviewSchema = z.object({
  /** keywords the run would take */
  keywords: z.number().int(),
  /** of them, those with imported top search results (linked to keywords sharing results) */
  withSerp: z.number().int(),
  /** whether this preview clustered by meaning too (embeddings configured, every keyword's vector known) */
  byMeaning: z.boolean(),
  /**
   * keywords the run will embed first (embeddings configured, vectors not yet known): the run then
   * clusters by meaning too, so what it saves can differ from this preview; 0 otherwise
   */
  embeddingsPending: z.number().int(),
  granularity: z.number(),
  /** keywords that would join one of the site's existing clusters */
  assignedToExisting: z.number().int(),
  /** keywords that fit no cluster and would stay unclustered */
  unclustered: z.number().int(),
  /** new clusters in all */
  newClusters: z.number().int(),
  /** the largest new clusters, at most CLUSTER_PREVIEW_LISTED */
  clusters: z.array(
    z.object({
      key: z.string(),
      /** the name the cluster would be saved with */
      name: z.string(),
      sectorId: z.string(),
      keywordCount: z.number().int(),
      totalVolume: z.number().int(),
      /** its keywords' phrases, highest volume first (at most 8) */
      sample: z.array(z.string()),
    }),
  ),
});
export type ClusterPreview = z.infer<typeof clusterPreviewSchema>;

export const updateClusterBodySchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(2000).optional(),
});
export const mergeClustersBodySchema = z.object({ sourceClusterId: z.uuid() });
