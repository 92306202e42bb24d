import { z } from 'zod';

export const imageQualities = ['auto', 'low', 'medium', 'high', 'standard', 'hd'] as const;
export const imageQualitySchema = z.enum(imageQualities);
export type ImageQuality = z.infer<typeof imageQualitySchema>;

/** `embeddings`: vectors of keywords for clustering by meaning (optional: without it clustering reads the words only). */
export const capabilities = ['text', 'image', 'embeddings'] as const;
export const capabilitySchema = z.enum(capabilities);
export type Capability = z.infer<typeof capabilitySchema>;

/** `openai`: api.openai.com; `openai_compatible`: any server speaking its API (Ollama, vLLM, OpenRouter…); `builtin`: offline. */
export const providerKinds = ['openai', 'openai_compatible', 'builtin'] as const;
export const providerKindSchema = z.enum(providerKinds);
export type ProviderKind = z.infer<typeof providerKindSchema>;

/** Where the settings used for a call came from. */
export const providerSources = ['account', 'system', 'environment', 'builtin'] as const;
export type ProviderSource = (typeof providerSources)[number];
/** Settings the platform provides (its own account's, or the server's environment): their details are the operators' business. */
export const isPlatformSource = (source: ProviderSource): boolean => source === 'system' || source === 'environment';

export const textOutputModes = ['structured', 'json', 'plain'] as const;

export const integrationOptionsSchema = z
  .object({
    /** text: how to ask for JSON. Local servers often lack json_schema support. */
    outputMode: z.enum(textOutputModes).optional(),
    /** image: e.g. 1024x1024, 1536x1024, 1792x1024 */
    size: z.string().max(20).optional(),
    quality: imageQualitySchema.optional(),
    style: z.enum(['photo', 'illustration', 'flat', '3d', 'watercolor']).optional(),
    timeoutSeconds: z.number().min(0.5).max(600).optional(),
    /** Items of one task in flight at once against this provider (lowered for a while after repeated 429s). */
    concurrency: z.number().int().min(1).max(32).optional(),
    /** The provider key's limits, shared by every worker process of the platform. */
    requestsPerMinute: z.number().int().min(1).max(1_000_000).optional(),
    /** 0: no token limit. */
    tokensPerMinute: z.number().int().min(0).max(100_000_000).optional(),
  })
  .strict();
export type IntegrationOptions = z.infer<typeof integrationOptionsSchema>;

export const providerLimitsSchema = z.object({
  concurrency: z.number().int(),
  requestsPerMinute: z.number().int(),
  tokensPerMinute: z.number().int(),
});
export type ProviderLimits = z.infer<typeof providerLimitsSchema>;

/**
 * What applies when the settings say nothing: OpenAI's first usage tier for gpt-4o-mini (500 requests and
 * 200,000 tokens a minute) and for text-embedding-3-small (3,000 and 1,000,000), and a cautious image rate. Raise them for a bigger tier or a local server.
 */
export const defaultProviderLimits: Record<Capability, ProviderLimits> = {
  text: { concurrency: 4, requestsPerMinute: 500, tokensPerMinute: 200_000 },
  image: { concurrency: 2, requestsPerMinute: 50, tokensPerMinute: 0 },
  embeddings: { concurrency: 2, requestsPerMinute: 3000, tokensPerMinute: 1_000_000 },
};

export function effectiveProviderLimits(capability: Capability, options: IntegrationOptions): ProviderLimits {
  const d = defaultProviderLimits[capability];
  return {
    concurrency: options.concurrency ?? d.concurrency,
    requestsPerMinute: options.requestsPerMinute ?? d.requestsPerMinute,
    tokensPerMinute: options.tokensPerMinute ?? d.tokensPerMinute,
  };
}

export const saveIntegrationBodySchema = z
  .object({
    provider: providerKindSchema,
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional()
      .nullable(),
    model: z.string().trim().min(1).max(200).optional().nullable(),
    /** Omit to keep the stored key; null to remove it. */
    apiKey: z.string().trim().min(1).max(500).optional().nullable(),
    options: integrationOptionsSchema.optional(),
  })
  .refine((b) => b.provider !== 'openai_compatible' || !!b.baseUrl, {
    message: 'an OpenAI-compatible server needs its base URL',
    path: ['baseUrl'],
  });
export type SaveIntegrationBody = z.input<typeof saveIntegrationBodySchema>;

/** Effective settings for one capability, without secrets. */
export const effectiveIntegrationSchema = z.object({
  capability: capabilitySchema,
  provider: providerKindSchema,
  /** null for the platform's settings (source system/environment) unless the caller is a platform operator, and for the OpenAI default */
  baseUrl: z.string().nullable(),
  /** null for the platform's settings unless the caller is a platform operator: which model the platform runs is internal */
  model: z.string().nullable(),
  options: integrationOptionsSchema,
  /** The options' limits with defaults filled in: what the engine applies. */
  limits: providerLimitsSchema,
  source: z.enum(providerSources),
  /** e.g. "sk-…abcd"; only for settings stored on this account, and only to those who may edit them. */
  apiKeyMask: z.string().nullable(),
  hasOwnSettings: z.boolean(),
});
export type EffectiveIntegration = z.infer<typeof effectiveIntegrationSchema>;

export const integrationsViewSchema = z.object({
  items: z.array(effectiveIntegrationSchema),
  /** Whether the caller may change this account's settings (and why not). */
  canEdit: z.boolean(),
  editBlockedReason: z.string().nullable(),
  /** the platform's provider of top search results per keyword ("serpapi"); null: SERP exports only */
  serpProvider: z.string().nullable(),
});
export type IntegrationsView = z.infer<typeof integrationsViewSchema>;

export const testConnectionResultSchema = z.object({
  ok: z.boolean(),
  provider: providerKindSchema,
  /** null when the platform's settings were tested by someone who is not a platform operator */
  model: z.string().nullable(),
  source: z.enum(providerSources),
  latencyMs: z.number(),
  /** The provider's own words on failure. */
  message: z.string(),
});
export type TestConnectionResult = z.infer<typeof testConnectionResultSchema>;

export const usageQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const usageRowSchema = z.object({
  capability: capabilitySchema,
  provider: z.string(),
  /** null for calls on the platform's keys, unless a platform operator asks (the model is internal to the platform) */
  model: z.string().nullable(),
  source: z.enum(providerSources),
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  images: z.number().int(),
  /** dollars from the operators' price table; null when none of these calls' models has a price */
  costUsd: z.number().nullable(),
  /** calls whose model had no price (their cost is unknown, not zero) */
  unpricedCalls: z.number().int(),
});
export const usageSummarySchema = z.object({ from: z.string(), to: z.string(), rows: z.array(usageRowSchema) });
export type UsageSummary = z.infer<typeof usageSummarySchema>;
