import { creditsFor } from '@igny8/contracts';
import { z } from 'zod';
import { AppError } from '../../http/errors';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';
import { requireSite } from '../sites/repo';
import type { SerpProvider } from './serp-provider';
import { keywordsByIds } from './repo';
import { saveSerps } from './serp-repo';

/** Searches at once against the SERP provider. */
const SEARCH_CONCURRENCY = 4;

export const fetchSerpsTask = defineTaskKind(
  'keywords.serps',
  z.object({ siteId: z.uuid(), keywordIds: z.array(z.uuid()).min(1).max(1000) }),
  { targets: (i) => i.keywordIds },
);

export const serpProviderMissing = () =>
  new AppError(
    422,
    'serp_provider_missing',
    'This server has no SERP provider (SERP_PROVIDER): import a SERP export from your SEO tool instead',
  );

/**
 * Fetches each keyword's top search results from the platform's SERP provider (one search per keyword,
 * one item each, replacing earlier results), for clustering by SERP overlap.
 */
export function fetchSerpsHandler(provider: SerpProvider | null): TaskHandler<z.infer<typeof fetchSerpsTask.input>> {
  return async (ctx) => {
    const site = await requireSite(ctx.db, ctx.tenant, ctx.input.siteId);
    if (!provider) throw serpProviderMissing();
    const [language = 'en', country] = site.language.toLowerCase().split('-');
    const kws = await keywordsByIds(ctx.db, ctx.tenant, site.id, ctx.input.keywordIds);
    // The platform's key pays for each search: charged per keyword, with its results, exactly once.
    const credits = creditsFor.serpSearches(await ctx.costs(), 1);
    let results = 0;
    const outcome = await ctx.forEachItem(
      kws,
      { key: (k) => k.id, label: (k) => `“${k.phrase}”`, verb: 'Searching', concurrency: SEARCH_CONCURRENCY },
      async (k, save) => {
        const urls = await provider.topResults(k.phrase, { language, ...(country ? { country } : {}) });
        await save((tx) => saveSerps(tx, ctx.tenant, [{ keywordId: k.id, urls }], provider.name), {
          operation: 'serpSearch',
          credits,
          source: 'environment',
        });
        results += urls.length;
      },
    );
    return { keywords: kws.length, searched: outcome.succeeded, failed: outcome.failed, results };
  };
}
