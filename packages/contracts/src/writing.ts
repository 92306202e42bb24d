import { z } from 'zod';

// ---- Prompt library ------------------------------------------------------------------------------

/** The AI functions whose prompts an account may edit (`ai/prompts/` on the server holds their defaults). */
export const promptFunctions = [
  'article',
  'article_section_extend',
  'article_frame',
  'cluster_ideas',
  'cluster_description',
  'image_prompts',
  'softened_image_prompt',
  'brand_voice_guide',
] as const;
export const promptFunctionSchema = z.enum(promptFunctions);
export type PromptFunction = z.infer<typeof promptFunctionSchema>;

/** Where an override sits: the account's own, or one idea's or writer task's. Resolution: item → account → default. */
export const promptItemTypes = ['idea', 'writer_task'] as const;
export const promptItemTypeSchema = z.enum(promptItemTypes);
export type PromptItemType = z.infer<typeof promptItemTypeSchema>;

export const promptTextSchema = z.object({
  system: z.string().trim().min(1).max(20_000),
  prompt: z.string().trim().min(1).max(20_000),
});
export type PromptText = z.infer<typeof promptTextSchema>;

export const promptVariableSchema = z.object({ name: z.string(), description: z.string(), sample: z.string() });

export const promptVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  /** null: this version reset the override to the default */
  system: z.string().nullable(),
  prompt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type PromptVersion = z.infer<typeof promptVersionSchema>;

export const promptViewSchema = z.object({
  function: promptFunctionSchema,
  label: z.string(),
  description: z.string(),
  variables: z.array(promptVariableSchema),
  default: promptTextSchema,
  /** the account's override in force, null when the default applies */
  override: promptTextSchema.nullable(),
  /** what a task uses for an item with no override of its own */
  effective: promptTextSchema,
  source: z.enum(['default', 'account']),
});
export type PromptView = z.infer<typeof promptViewSchema>;

export const promptItemViewSchema = z.object({
  function: promptFunctionSchema,
  itemType: promptItemTypeSchema,
  itemId: z.string(),
  override: promptTextSchema.nullable(),
  effective: promptTextSchema,
  source: z.enum(['default', 'account', 'item']),
});
export type PromptItemView = z.infer<typeof promptItemViewSchema>;

export const promptPreviewBodySchema = promptTextSchema.partial().extend({ brandVoiceId: z.uuid().optional() });
export const promptPreviewSchema = z.object({ system: z.string(), prompt: z.string() });

// ---- Brand voices ---------------------------------------------------------------------------------

const line = z.string().trim().min(1).max(300);
const voiceFields = {
  name: z.string().trim().min(1).max(120),
  tone: z.string().trim().max(500),
  audience: z.string().trim().max(500),
  pointOfView: z.string().trim().max(200),
  dos: z.array(line).max(30),
  donts: z.array(line).max(30),
  bannedWords: z.array(z.string().trim().min(1).max(60)).max(100),
  samples: z.array(z.string().trim().min(1).max(10_000)).max(10),
  styleGuide: z.string().trim().max(10_000).nullable(),
};
export const brandVoiceBodySchema = z.object({
  name: voiceFields.name,
  tone: voiceFields.tone.default(''),
  audience: voiceFields.audience.default(''),
  pointOfView: voiceFields.pointOfView.default(''),
  dos: voiceFields.dos.default([]),
  donts: voiceFields.donts.default([]),
  bannedWords: voiceFields.bannedWords.default([]),
  samples: voiceFields.samples.default([]),
  styleGuide: voiceFields.styleGuide.optional(),
});
export type BrandVoiceBody = z.input<typeof brandVoiceBodySchema>;
/** Only the fields given change (no defaults here: a missing field is kept). */
export const brandVoicePatchSchema = z.object(voiceFields).partial();

export const brandVoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  tone: z.string(),
  audience: z.string(),
  pointOfView: z.string(),
  dos: z.array(z.string()),
  donts: z.array(z.string()),
  bannedWords: z.array(z.string()),
  samples: z.array(z.string()),
  styleGuide: z.string().nullable(),
  styleGuideSource: z.enum(['ai', 'template']).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BrandVoice = z.infer<typeof brandVoiceSchema>;

/** Which voice a site writes in by default, and a writer task in particular (null: the site's). */
export const brandVoiceChoiceSchema = z.object({ brandVoiceId: z.uuid().nullable() });

// ---- Internal links -------------------------------------------------------------------------------

export const linkSuggestionSchema = z.object({
  targetContentId: z.string(),
  targetTitle: z.string(),
  targetSlug: z.string(),
  href: z.string(),
  /** text found in the source article's body that becomes the link */
  anchor: z.string(),
  score: z.number(),
  reasons: z.array(z.string()),
  /** already linked from the source's body */
  linked: z.boolean(),
});
export type LinkSuggestion = z.infer<typeof linkSuggestionSchema>;
export const linkSuggestionsSchema = z.object({ items: z.array(linkSuggestionSchema) });

export const linkDecisionBodySchema = z.object({
  targetContentId: z.uuid(),
  anchor: z.string().trim().min(1).max(200).optional(),
});
export const autoLinksBodySchema = z.object({ count: z.number().int().min(1).max(20).default(3) });
export const linkInsertResultSchema = z.object({
  inserted: z.array(z.object({ targetContentId: z.string(), anchor: z.string() })),
  bodyHtml: z.string(),
});

export const orphanReportSchema = z.object({
  items: z.array(
    z.object({
      contentId: z.string(),
      title: z.string(),
      slug: z.string(),
      primaryKeyword: z.string(),
      outboundLinks: z.number().int(),
    }),
  ),
  total: z.number().int(),
  articles: z.number().int(),
});
