import { z } from 'zod';

export const siteSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  url: z.string(),
  language: z.string(),
  niche: z.string().nullable(),
  /** the brand voice articles are written in unless their writer task picks another */
  brandVoiceId: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
});
export type Site = z.infer<typeof siteSchema>;

export const languageSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language code like "en" or "pt-BR"');

export const createSiteBodySchema = z.object({
  name: z.string().trim().min(1).max(120),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(500),
  language: languageSchema.default('en'),
  niche: z.string().trim().max(200).optional().nullable(),
});
export type CreateSiteBody = z.input<typeof createSiteBodySchema>;

export const updateSiteBodySchema = createSiteBodySchema.partial().extend({ archived: z.boolean().optional() });
export type UpdateSiteBody = z.input<typeof updateSiteBodySchema>;

export const siteListQuerySchema = z.object({
  archived: z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
