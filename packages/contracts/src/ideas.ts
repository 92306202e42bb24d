import { z } from 'zod';
import { MATCHING_IDS_MAX } from './lists';
import { pageQuerySchema } from './accounts';
import { atLeastOneField } from './patch';
import { sectorFilterShape } from './sectors';

/** `pillar` is the cluster hub: a page linking to the cluster's other articles. */
export const contentTypes = ['article', 'listicle', 'how-to', 'comparison', 'review', 'pillar'] as const;
export const contentTypeSchema = z.enum(contentTypes);
export type ContentType = z.infer<typeof contentTypeSchema>;
export const ideaStatuses = ['new', 'queued', 'done'] as const;
export const ideaStatusSchema = z.enum(ideaStatuses);

export const outlineItemSchema = z.object({
  level: z.union([z.literal(2), z.literal(3)]).describe('2 for an H2 section, 3 for an H3 under the previous H2'),
  text: z.string().min(1).max(200).describe('the heading text'),
});
export type OutlineItem = z.infer<typeof outlineItemSchema>;

export const ideaSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  sectorId: z.string(),
  clusterId: z.string().nullable(),
  clusterName: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  contentType: contentTypeSchema,
  outline: z.array(outlineItemSchema),
  primaryKeyword: z.string(),
  secondaryKeywords: z.array(z.string()),
  targetWordCount: z.number().int(),
  status: ideaStatusSchema,
  source: z.enum(['ai', 'template', 'user']),
  createdAt: z.string(),
});
export type Idea = z.infer<typeof ideaSchema>;

export const ideaSortFields = [
  'title',
  'primaryKeyword',
  'contentType',
  'targetWordCount',
  'status',
  'createdAt',
] as const;
export const ideaListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  clusterId: z.uuid().optional(),
  ...sectorFilterShape,
  status: ideaStatusSchema.optional(),
  sort: z.enum(ideaSortFields).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuerySchema.shape,
});

export const generateIdeasBodySchema = z.object({
  clusterIds: z.array(z.uuid()).min(1).max(MATCHING_IDS_MAX),
  perCluster: z.number().int().min(1).max(10).default(3),
});
export const updateIdeaBodySchema = atLeastOneField(
  z.object({
    title: z.string().trim().min(1).max(200).optional(),
    summary: z.string().trim().max(2000).optional(),
    contentType: contentTypeSchema.optional(),
    outline: z.array(outlineItemSchema).max(40).optional(),
    primaryKeyword: z.string().trim().min(1).max(300).optional(),
    secondaryKeywords: z.array(z.string().trim().min(1).max(300)).max(30).optional(),
    targetWordCount: z.number().int().min(200).max(10_000).optional(),
    status: ideaStatusSchema.optional(),
  }),
);
