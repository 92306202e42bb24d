import { z } from 'zod';

/** A site has 1–5 sectors (Site → Sector → Keywords/Clusters/Ideas/Content). */
export const MAX_SECTORS_PER_SITE = 5;
/** The sector every new site (and every site that existed before sectors) starts with. */
export const DEFAULT_SECTOR_NAME = 'General';

export const sectorNameSchema = z.string().trim().min(1, 'must not be empty').max(80);

/** What a sector holds: a sector holding anything is deleted only by moving it to another sector. */
export const sectorCountsSchema = z.object({
  keywords: z.number().int(),
  clusters: z.number().int(),
  ideas: z.number().int(),
  writerTasks: z.number().int(),
  contents: z.number().int(),
});
export type SectorCounts = z.infer<typeof sectorCountsSchema>;

export const sectorSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string(),
  counts: sectorCountsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Sector = z.infer<typeof sectorSchema>;

export const createSectorBodySchema = z.object({ name: sectorNameSchema });
export const updateSectorBodySchema = z.object({ name: sectorNameSchema });
export const deleteSectorQuerySchema = z.object({
  /** the sector of the same site that takes this sector's keywords, clusters, ideas, writer tasks and content */
  moveTo: z.uuid().optional(),
});

/** The `sectorId` filter every planner and writer list takes. */
export const sectorFilterShape = { sectorId: z.uuid().optional() };
