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

export const clusterListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  ...sectorFilterShape,
  sort: z.enum(['name', 'keywordCount', 'totalVolume', 'avgDifficulty', 'createdAt']).default('totalVolume'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuerySchema.shape,
});

export const autoClusterBodySchema = z.object({
  /** absent: all unclustered keywords of the site */
  keywordIds: z.array(z.uuid()).min(1).max(200_000).optional(),
  /** 0 (broad topics) … 1 (tight groups); absent: the engine's default */
  granularity: z.number().min(0).max(1).optional(),
  /** only this sector's keywords; absent: every sector, each clustered on its own (a cluster never mixes sectors) */
  sectorId: z.uuid().optional(),
});
export const updateClusterBodySchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(2000).optional(),
});
export const mergeClustersBodySchema = z.object({ sourceClusterId: z.uuid() });
