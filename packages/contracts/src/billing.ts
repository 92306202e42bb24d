import { z } from 'zod';

/**
 * Credits (1 credit ≈ $0.10): plans with monthly credits and limits, costs per operation, a
 * ledger. Shared by the server (which charges) and the web app (which estimates before a start).
 */

export const planLimitsSchema = z.object({
  sites: z.number().int().min(0).max(100_000),
  /** members, pending invitations included */
  members: z.number().int().min(1).max(100_000),
  keywords: z.number().int().min(0).max(100_000_000),
});
export type PlanLimits = z.infer<typeof planLimitsSchema>;

export const planFeaturesSchema = z.object({
  /** the account may use AI keys of its own (also needs the platform switch) */
  ownAiKeys: z.boolean(),
  /** the account may run automation */
  automation: z.boolean(),
});
export type PlanFeatures = z.infer<typeof planFeaturesSchema>;

export const planSchema = z.object({
  id: z.string(),
  name: z.string(),
  monthlyCredits: z.number().int(),
  limits: planLimitsSchema,
  features: planFeaturesSchema,
  /** new accounts get this plan */
  isDefault: z.boolean(),
  archived: z.boolean(),
  /** accounts on it */
  accounts: z.number().int(),
});
export type Plan = z.infer<typeof planSchema>;

export const planBodySchema = z.object({
  name: z.string().trim().min(1).max(60),
  monthlyCredits: z.number().int().min(0).max(10_000_000),
  limits: planLimitsSchema,
  features: planFeaturesSchema,
  isDefault: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export type PlanBody = z.input<typeof planBodySchema>;

export const creditOperations = [
  'clustering',
  'idea',
  'content',
  'imagePrompts',
  'imageBasic',
  'imagePremium',
  'serpSearch',
  'styleGuide',
] as const;
export type CreditOperation = (typeof creditOperations)[number];

export const creditCostsSchema = z.object({
  /** auto-cluster, per started 100 keywords clustered (AI descriptions included) */
  clusteringPer100Keywords: z.number().int().min(0).max(100_000),
  /** per idea written */
  idea: z.number().int().min(0).max(100_000),
  /** per article, by its target length: the first tier whose `upToWords` covers it (null: any length) */
  content: z
    .array(
      z.object({
        upToWords: z.number().int().min(1).max(1_000_000).nullable(),
        credits: z.number().int().min(0).max(100_000),
      }),
    )
    .min(1)
    .max(10)
    .refine((tiers) => tiers.length === 0 || tiers.at(-1)?.upToWords === null, {
      message: 'the last tier must cover any length (upToWords: null)',
    })
    .refine(
      (tiers) => tiers.slice(0, -1).every((t, i) => i === 0 || (t.upToWords ?? 0) > (tiers[i - 1]?.upToWords ?? 0)),
      {
        message: 'tiers must grow in length',
      },
    ),
  /** per article whose image prompts are written */
  imagePrompts: z.number().int().min(0).max(100_000),
  imageBasic: z.number().int().min(0).max(100_000),
  imagePremium: z.number().int().min(0).max(100_000),
  /** a keyword's top search results fetched from the platform's SERP provider */
  serpSearch: z.number().int().min(0).max(100_000),
  /** a brand voice's style guide learned from its samples ("Learn from samples") */
  styleGuide: z.number().int().min(0).max(100_000),
  /** an image is premium when its quality or its model is listed here */
  premiumImage: z.object({
    qualities: z.array(z.string().max(20)).max(20),
    models: z.array(z.string().max(100)).max(50),
  }),
});
export type CreditCosts = z.infer<typeof creditCostsSchema>;

export const defaultCreditCosts: CreditCosts = {
  clusteringPer100Keywords: 5,
  idea: 10,
  content: [
    { upToWords: 1000, credits: 20 },
    { upToWords: 2000, credits: 30 },
    { upToWords: null, credits: 40 },
  ],
  imagePrompts: 10,
  imageBasic: 1,
  imagePremium: 4,
  serpSearch: 1,
  styleGuide: 5,
  premiumImage: { qualities: ['high', 'hd'], models: ['dall-e-3'] },
};

/** What each operation costs for these units: the one formula the server charges and the web app shows. */
export const creditsFor = {
  clustering: (c: CreditCosts, keywords: number) =>
    keywords > 0 ? Math.ceil(keywords / 100) * c.clusteringPer100Keywords : 0,
  ideas: (c: CreditCosts, ideas: number) => ideas * c.idea,
  content: (c: CreditCosts, targetWords: number) =>
    (c.content.find((t) => t.upToWords === null || targetWords <= t.upToWords) ?? c.content.at(-1)!).credits,
  imagePrompts: (c: CreditCosts, articles: number) => articles * c.imagePrompts,
  image: (c: CreditCosts, image: { model: string; quality?: string | null }) =>
    isPremiumImage(c, image) ? c.imagePremium : c.imageBasic,
  serpSearches: (c: CreditCosts, keywords: number) => keywords * c.serpSearch,
  styleGuide: (c: CreditCosts) => c.styleGuide,
};

export function isPremiumImage(c: CreditCosts, image: { model: string; quality?: string | null }): boolean {
  return (
    c.premiumImage.models.includes(image.model) || (!!image.quality && c.premiumImage.qualities.includes(image.quality))
  );
}

export const creditPools = ['plan', 'bonus', 'both'] as const;
export const ledgerKinds = ['grant', 'reset', 'charge', 'refund', 'adjustment'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

export const ledgerEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(ledgerKinds),
  /** signed: + added, − taken */
  amount: z.number().int(),
  pool: z.enum(creditPools),
  planAmount: z.number().int(),
  bonusAmount: z.number().int(),
  balanceAfter: z.number().int(),
  planBalanceAfter: z.number().int(),
  bonusBalanceAfter: z.number().int(),
  operation: z.enum(creditOperations).nullable(),
  taskRunId: z.string().nullable(),
  itemKey: z.string().nullable(),
  actorUserId: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerQuerySchema = z.object({
  kind: z.enum(ledgerKinds).optional(),
  operation: z.enum(creditOperations).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const billingUsageSchema = z.object({
  resource: z.enum(['sites', 'members', 'keywords']),
  used: z.number().int(),
  limit: z.number().int(),
});

export const accountBillingSchema = z.object({
  /** the platform's own account is not metered */
  metered: z.boolean(),
  plan: planSchema.omit({ accounts: true }),
  periodStart: z.string(),
  periodEnd: z.string(),
  planCredits: z.number().int(),
  bonusCredits: z.number().int(),
  /** held for tasks that are queued or running */
  reserved: z.number().int(),
  /** what a new task can use: plan + bonus − reserved */
  available: z.number().int(),
  usage: z.array(billingUsageSchema),
  /** credits charged this period, by operation and by day */
  spentByOperation: z.array(z.object({ operation: z.enum(creditOperations), credits: z.number().int() })),
  spentByDay: z.array(z.object({ day: z.string(), credits: z.number().int() })),
  /** what the operations cost now */
  costs: creditCostsSchema,
  /** how to get more credits or another plan (from the billing provider: operators by hand, or a checkout) */
  upgrade: z.object({ selfServe: z.boolean(), message: z.string() }),
});
export type AccountBilling = z.infer<typeof accountBillingSchema>;

export const grantCreditsBodySchema = z.object({
  /** + grants bonus credits, − takes bonus credits back (an adjustment) */
  amount: z
    .number()
    .int()
    .min(-10_000_000)
    .max(10_000_000)
    .refine((n) => n !== 0, { message: 'must not be 0' }),
  reason: z.string().trim().min(3).max(500),
});
export const changePlanBodySchema = z.object({ planId: z.uuid(), reason: z.string().trim().max(500).optional() });
export const refundBodySchema = z.object({ taskRunId: z.uuid(), reason: z.string().trim().min(3).max(500) });

export const modelPriceSchema = z.object({
  model: z.string().trim().min(1).max(100),
  /** dollars per million tokens */
  inputPerMillion: z.number().min(0).max(10_000),
  outputPerMillion: z.number().min(0).max(10_000),
  /** dollars per image */
  perImage: z.number().min(0).max(1_000),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;
export const modelPricesSchema = z.object({ items: z.array(modelPriceSchema).max(500) });

/** 402 insufficient_credits details. */
export interface InsufficientCreditsDetails {
  needed: number;
  available: number;
}
/** 402 plan_limit details. */
export interface PlanLimitDetails {
  resource: 'sites' | 'members' | 'keywords';
  limit: number;
  used: number;
  plan: string;
}
