import { creditsFor, type CreditCosts, type ImageQuality } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import type { Integrations } from '../integrations/service';
import type { ChargedService } from './service';
import { countUnclustered } from '../clusters/repo';
import { imagePromptIdsOfContents } from '../writer/images-repo';
import { targetWordCounts } from '../writer/repo';

/** What a task start is expected to cost, and on whose keys (metered when those are the platform's). */
export interface CreditEstimate {
  service: ChargedService;
  credits: number;
}

/**
 * The credits each kind of start holds, from the same formulas the items are charged with
 * (`creditsFor`); the routes reserve them and the estimate endpoint shows them before a start.
 */
export const estimates = {
  autoCluster: async (
    db: Db,
    t: TenantContext,
    siteId: string,
    costs: CreditCosts,
    keywordIds?: string[],
    sectorId?: string,
  ): Promise<CreditEstimate> => ({
    service: 'text',
    credits: creditsFor.clustering(
      costs,
      keywordIds ? keywordIds.length : await countUnclustered(db, t, siteId, sectorId),
    ),
  }),
  ideas: (costs: CreditCosts, clusters: number, perCluster: number): CreditEstimate => ({
    service: 'text',
    credits: creditsFor.ideas(costs, clusters * perCluster),
  }),
  content: async (
    db: Db,
    t: TenantContext,
    siteId: string,
    costs: CreditCosts,
    writerTaskIds: string[],
  ): Promise<CreditEstimate> => ({
    service: 'text',
    credits: (await targetWordCounts(db, t, siteId, writerTaskIds)).reduce(
      (sum, words) => sum + creditsFor.content(costs, words),
      0,
    ),
  }),
  imagePrompts: (costs: CreditCosts, contents: number): CreditEstimate => ({
    service: 'text',
    credits: creditsFor.imagePrompts(costs, contents),
  }),
  images: async (
    integrations: Integrations,
    t: TenantContext,
    costs: CreditCosts,
    images: number,
    quality?: ImageQuality,
  ): Promise<CreditEstimate> => {
    const s = await integrations.resolve(t.accountId, 'image');
    return {
      service: 'image',
      credits: images * creditsFor.image(costs, { model: s.model, quality: quality ?? s.options.quality ?? null }),
    };
  },
  /** A brand voice's style guide ("Learn from samples"). */
  styleGuide: (costs: CreditCosts): CreditEstimate => ({ service: 'text', credits: creditsFor.styleGuide(costs) }),
  /** One search per keyword on the platform's SERP provider. */
  serpSearches: (costs: CreditCosts, keywords: number): CreditEstimate => ({
    service: 'serp',
    credits: creditsFor.serpSearches(costs, keywords),
  }),
  /** The image prompts of these articles (what "generate images" for them takes). */
  promptsOfContents: (db: Db, t: TenantContext, siteId: string, contentIds: string[]) =>
    imagePromptIdsOfContents(db, t, siteId, contentIds),
};
