import { z } from 'zod';
import { MATCHING_IDS_MAX } from './lists';
import { contentTypeSchema } from './ideas';
import { pageQuerySchema } from './accounts';
import { sectorFilterShape } from './sectors';
import { contentScoreSchema } from './score';
import { imageQualitySchema } from './integrations';

export const writerTaskStatuses = ['queued', 'generating', 'done', 'failed'] as const;
export const writerTaskSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  sectorId: z.string(),
  ideaId: z.string().nullable(),
  clusterId: z.string().nullable(),
  title: z.string(),
  primaryKeyword: z.string(),
  secondaryKeywords: z.array(z.string()),
  targetWordCount: z.number().int(),
  contentType: contentTypeSchema,
  status: z.enum(writerTaskStatuses),
  error: z.string().nullable(),
  /** null: the site's default voice */
  brandVoiceId: z.string().nullable(),
  contentId: z.string().nullable(),
  createdAt: z.string(),
});
export type WriterTask = z.infer<typeof writerTaskSchema>;
export const queueIdeasBodySchema = z.object({ ideaIds: z.array(z.uuid()).min(1).max(MATCHING_IDS_MAX) });
export const queueIdeasResultSchema = z.object({
  created: z.number().int(),
  /** ideas that already had a writer task */
  existing: z.number().int(),
  items: z.array(writerTaskSchema),
});
export const writerTaskSortFields = [
  'title',
  'primaryKeyword',
  'contentType',
  'targetWordCount',
  'status',
  'createdAt',
] as const;
export const writerTaskListQuerySchema = z.object({
  status: z.enum(writerTaskStatuses).optional(),
  ...sectorFilterShape,
  sort: z.enum(writerTaskSortFields).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuerySchema.shape,
});

export const contentStatuses = ['draft', 'review', 'approved', 'published'] as const;
export const contentStatusSchema = z.enum(contentStatuses);
export const lengthStatuses = ['ok', 'short', 'long'] as const;
export const seoChecksSchema = z.object({
  keywordInTitle: z.boolean(),
  keywordInFirstParagraph: z.boolean(),
  keywordInH2: z.boolean(),
  metaTitleLength: z.number().int(),
  metaDescriptionLength: z.number().int(),
});
export const contentSummarySchema = z.object({
  id: z.string(),
  siteId: z.string(),
  sectorId: z.string(),
  writerTaskId: z.string().nullable(),
  title: z.string(),
  slug: z.string(),
  primaryKeyword: z.string(),
  status: contentStatusSchema,
  wordCount: z.number().int(),
  source: z.enum(['ai', 'template', 'user']),
  imageCount: z.number().int(),
  targetWordCount: z.number().int().nullable(),
  /** against the target (±15 %); null for articles written before lengths were checked */
  lengthStatus: z.enum(lengthStatuses).nullable(),
  /** why an article is short or long */
  lengthNote: z.string().nullable(),
  /** content score 0–100 when last saved */
  score: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const contentSchema = contentSummarySchema.extend({
  bodyHtml: z.string(),
  metaTitle: z.string(),
  metaDescription: z.string(),
  excerpt: z.string(),
  seoChecks: seoChecksSchema,
  /** the brand voice the article was written in */
  brandVoice: z.object({ id: z.string(), name: z.string() }).nullable(),
  scoreBreakdown: contentScoreSchema.nullable(),
  /** what the score needs besides the article itself, so the editor can recompute it live */
  scoreContext: z.object({
    secondaryKeywords: z.array(z.string()),
    language: z.string(),
    siteUrl: z.string().nullable(),
    imageAlts: z.array(z.string()),
    cannibalisedBy: z.array(z.object({ id: z.string(), title: z.string() })),
  }),
});
export type Content = z.infer<typeof contentSchema>;
export type ContentSummary = z.infer<typeof contentSummarySchema>;
export const contentSortFields = ['title', 'status', 'wordCount', 'score', 'updatedAt', 'createdAt'] as const;
export const contentListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: contentStatusSchema.optional(),
  ...sectorFilterShape,
  lengthStatus: z.enum(lengthStatuses).optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  maxScore: z.coerce.number().int().min(0).max(100).optional(),
  /** `updated` and `-score` are the older spellings of `updatedAt` and `score` with `order=desc` */
  sort: z.enum([...contentSortFields, 'updated', '-score']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuerySchema.shape,
});
export const updateContentBodySchema = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and hyphens')
    .max(120)
    .optional(),
  bodyHtml: z.string().max(500_000).optional(),
  metaTitle: z.string().trim().max(60, 'at most 60 characters').optional(),
  metaDescription: z.string().trim().max(160, 'at most 160 characters').optional(),
  excerpt: z.string().trim().max(500).optional(),
  status: contentStatusSchema.optional(),
});
export const generateContentBodySchema = z.object({
  writerTaskIds: z.array(z.uuid()).min(1).max(MATCHING_IDS_MAX),
  /** add a frequently-asked-questions section */
  faq: z.boolean().default(false),
});
export const exportContentQuerySchema = z.object({
  format: z.enum(['markdown', 'html']).default('markdown'),
  /** comma-separated content ids; several give a zip */
  ids: z
    .string()
    .max(20_000)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.uuid()).min(1).max(500)),
});

export const imageStyles = ['photo', 'illustration', 'flat', '3d', 'watercolor'] as const;
export const imagePromptSchema = z.object({
  id: z.string(),
  contentId: z.string(),
  kind: z.enum(['featured', 'inline']),
  /** heading text the image follows; null for the featured image */
  placement: z.string().nullable(),
  position: z.number().int(),
  prompt: z.string(),
  alt: z.string(),
  caption: z.string(),
  style: z.enum(imageStyles),
  /** the queued or running task run that will generate this prompt's image (null: none) */
  taskRunId: z.string().nullable(),
  createdAt: z.string(),
});
export type ImagePrompt = z.infer<typeof imagePromptSchema>;
export const generateImagePromptsBodySchema = z.object({
  contentIds: z.array(z.uuid()).min(1).max(MATCHING_IDS_MAX),
  /** one in-article image per this many words (default 500) */
  wordsPerImage: z.number().int().min(150).max(5000).default(500),
  maxInline: z.number().int().min(0).max(10).default(4),
  style: z.enum(imageStyles).optional(),
});
export const imageStatuses = ['queued', 'generating', 'generated', 'failed'] as const;
export const imageSchema = z.object({
  id: z.string(),
  contentId: z.string(),
  imagePromptId: z.string(),
  kind: z.enum(['featured', 'inline']),
  placement: z.string().nullable(),
  position: z.number().int(),
  alt: z.string(),
  caption: z.string(),
  prompt: z.string(),
  status: z.enum(imageStatuses),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** authenticated URL of the file, when generated */
  fileUrl: z.string().nullable(),
  mimeType: z.string().nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  updatedAt: z.string(),
});
export type Image = z.infer<typeof imageSchema>;
export const generateImagesBodySchema = z
  .object({
    contentIds: z.array(z.uuid()).max(MATCHING_IDS_MAX).optional(),
    imagePromptIds: z.array(z.uuid()).max(1000).optional(),
    /** this run's image quality, instead of the image settings' */
    quality: imageQualitySchema.optional(),
  })
  .refine((b) => (b.contentIds?.length ?? 0) + (b.imagePromptIds?.length ?? 0) > 0, {
    message: 'give contentIds or imagePromptIds',
  });
export const imageListQuerySchema = z.object({
  contentId: z.uuid().optional(),
  status: z.enum(imageStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
