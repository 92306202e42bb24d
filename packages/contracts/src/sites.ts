import { z } from 'zod';
import { MAX_SECTORS_PER_SITE, sectorNameSchema } from './sectors';

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

/**
 * A site's address. People type "greenthumb.example" as often as "https://greenthumb.example",
 * so an address without a scheme is taken as https; any other scheme than http(s) is refused.
 * The web form validates with this same schema, so browser and server agree.
 */
export const siteUrlSchema = z
  .string()
  .trim()
  .transform((url) => (url === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`))
  .pipe(z.url({ protocol: /^https?$/, message: 'must be a web address like "example.com"' }).max(500));

export const createSiteBodySchema = z.object({
  name: z.string().trim().min(1).max(120),
  url: siteUrlSchema,
  language: languageSchema.default('en'),
  niche: z.string().trim().max(200).optional().nullable(),
  /** the site's first sectors (names unique ignoring case); absent: one sector, "General" */
  sectors: z
    .array(sectorNameSchema)
    .min(1)
    .max(MAX_SECTORS_PER_SITE)
    .refine((names) => new Set(names.map((n) => n.toLowerCase())).size === names.length, 'sector names must be unique')
    .optional(),
});
export type CreateSiteBody = z.input<typeof createSiteBodySchema>;

export const updateSiteBodySchema = createSiteBodySchema
  .omit({ sectors: true })
  .partial()
  .extend({ archived: z.boolean().optional() });
export type UpdateSiteBody = z.input<typeof updateSiteBodySchema>;

export const siteListQuerySchema = z.object({
  archived: z
    .enum(['1', '0', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
