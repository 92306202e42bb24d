import { autoClusterBodySchema, creditsFor, type Intent } from '@igny8/contracts';
import { z } from 'zod';
import {
  clusterDescription,
  clusterNameOf,
  DESCRIBED_KEYWORDS,
  OTHER_CLUSTERS,
  intentsOf,
  outliersOf,
} from '../../ai/functions/cluster-description';
import { clusterNames, linkProposals, saveOutliers } from './outliers-repo';
import { serpsOf } from '../keywords/serp-repo';
import { keywordVectors } from './embeddings';
import { clusterBySector } from './engine';
import { setDerivedIntents } from '../keywords/repo';
import { ProviderError } from '../../ai/providers/errors';
import { AppError } from '../../http/errors';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';
import { requireSite } from '../sites/repo';
import { assignKeywords, createClusterOf, existingClusterPhrases, KEYWORD_PAGE, keywordsToCluster } from './repo';
import { resolvePrompt } from '../prompts/service';

export const autoClusterTask = defineTaskKind(
  'clusters.auto',
  autoClusterBodySchema.extend({
    siteId: z.uuid(),
    /** a selection's keywords within their sectors (`selectionTargets`), set by whoever starts the run */
    selection: z.array(z.string()).optional(),
  }),
  {
    // Without a selection it takes every unclustered keyword of its sector (a run on another sector goes on
    // beside it), or of the whole site: it overlaps any other run. A selection holds its keywords within their
    // sectors, so a run on one of those sectors (or the site) overlaps it.
    targets: (i) => i.selection ?? i.keywordIds ?? (i.sectorId ? [`sector:${i.sectorId}:*`] : ['*']),
  },
);

/**
 * Auto-cluster: fit keywords into the site's existing clusters where they belong,
 * cluster the rest with the engine, and describe each new cluster (LLM when a text
 * provider is configured, template offline). Each new cluster is one item, so a
 * retried run skips those already saved, and recognises its own clusters. A failed AI
 * description never loses the clustering: the cluster is saved with the template
 * description, marked as such, and the task ends `partial`; once descriptions keep failing
 * the same way (fail fast), the rest go straight to templates without calling the provider.
 */
export const runAutoCluster: TaskHandler<z.infer<typeof autoClusterTask.input>> = async (ctx) => {
  const { siteId, keywordIds, granularity, sectorId } = ctx.input;
  const { db, tenant } = ctx;
  await ctx.progress({ phase: 'preparing', message: 'Loading keywords' });
  const site = await requireSite(db, tenant, siteId);
  const kws = await keywordsToCluster(db, tenant, site.id, { keywordIds, sectorId, taskRunId: ctx.run.id });
  if (kws.length === 0) return { keywords: 0, clustersCreated: 0, assignedToExisting: 0, unclustered: 0 };

  // Existing clusters (not this run's own) with their phrases, to extend instead of duplicating.
  const existing = await existingClusterPhrases(db, tenant, site.id, ctx.run.id);
  const language = site.language.split('-')[0] ?? 'en';

  // Vectors of meaning when an embeddings provider is configured (cached per keyword), else words alone.
  const vectors = await keywordVectors(ctx, await ctx.ai.embeddings(), kws);
  await ctx.progress({ phase: 'preparing', message: `Clustering ${kws.length.toLocaleString('en')} keywords` });
  // On a pool thread when large: the API and this process's other tasks keep being served meanwhile.
  // Keywords sharing several top search results (a SERP import) belong together.
  const serps = await serpsOf(
    db,
    tenant,
    kws.map((k) => k.id),
  );
  const engine = await clusterBySector(kws, existing, { granularity, language, vectors, serps });
  const { assigned, clusters: newClusters, unclustered, derivedIntents: unknown } = engine;
  const byId = new Map(kws.map((k) => [k.id, k]));
  const text = await ctx.ai.text();
  const { text: promptText } = await resolvePrompt(ctx.db, tenant, 'cluster_description');

  // Every keyword has an intent: those that came without one (before the rules existed) get the rules' now.
  // Bounded writes: on the embedded database one statement over 100k rows would hold the API for seconds.
  for (let i = 0; i < unknown.length; i += KEYWORD_PAGE)
    await setDerivedIntents(db, tenant, site.id, unknown.slice(i, i + KEYWORD_PAGE), 'rules');
  for (const u of unknown) byId.get(u.id)!.intent = u.intent;

  // Clustering is priced per 100 keywords (AI descriptions included), charged once per run before the
  // clusters are saved: a run that cannot pay saves none.
  if (!text.offline) {
    const credits = creditsFor.clustering(await ctx.costs(), kws.length);
    const paid = await ctx.forEachItem(
      ['clustering'],
      {
        key: (k) => k,
        label: () => `clustering ${kws.length.toLocaleString('en')} keywords`,
        verb: 'Charging credits for',
      },
      async (_k, save) => save(async () => {}, { operation: 'clustering', credits, source: text.settings.source }),
    );
    if (paid.failed > 0) {
      const e = ctx.itemErrors.find((x) => x.item === 'clustering');
      throw new AppError(
        402,
        e?.code === 'insufficient_credits' ? 'insufficient_credits' : 'internal',
        e?.message ?? 'Clustering could not be charged',
      );
    }
  }

  // The names the LLM may give as an outlier's better home: the sector's existing clusters, then this run's
  // other new clusters by their working (engine) names; a proposal of a new one is linked once all are saved.
  const existingNames = text.offline ? [] : await clusterNames(db, tenant, site.id, ctx.run.id);
  const existingIdByName = new Map(existingNames.map((c) => [c.name, c.id]));
  const otherClustersOf = (c: (typeof newClusters)[number]) =>
    [
      ...existingNames.filter((e) => e.sectorId === c.sectorId).map((e) => e.name),
      ...newClusters.filter((n) => n !== c && n.sectorId === c.sectorId).map((n) => n.name),
    ].slice(0, OTHER_CLUSTERS);
  const newIdByName = new Map<string, string>();
  let flagged = 0;

  // Keywords fitted into existing clusters are saved in bounded items (one transaction each), in the engine's order.
  const fittedPairs = [...assigned];
  type Item =
    | { key: string; kind: 'assign'; pairs: [string, string][] }
    | { key: string; kind: 'new'; cluster: (typeof newClusters)[number] };
  const items: Item[] = [
    ...Array.from({ length: Math.ceil(fittedPairs.length / KEYWORD_PAGE) }, (_, i) => ({
      key: i === 0 ? 'assign-existing' : `assign-existing-${i}`,
      kind: 'assign' as const,
      pairs: fittedPairs.slice(i * KEYWORD_PAGE, (i + 1) * KEYWORD_PAGE),
    })),
    ...newClusters.map((c) => ({ key: `new-${c.key}`, kind: 'new' as const, cluster: c })),
  ];
  const outcome = await ctx.forEachItem(
    items,
    {
      key: (i) => i.key,
      label: (i) => (i.kind === 'assign' ? `${i.pairs.length} keywords into existing clusters` : `“${i.cluster.name}”`),
      verb: 'Saving',
      concurrency: () => text.itemConcurrency,
    },
    async (item, save) => {
      if (item.kind === 'assign') {
        const byCluster = new Map<string, string[]>();
        for (const [kw, cl] of item.pairs) {
          const ids = byCluster.get(cl);
          if (ids) ids.push(kw);
          else byCluster.set(cl, [kw]);
        }
        await save(async (tx) => {
          for (const [clusterId, ids] of byCluster) await assignKeywords(tx, tenant, site.id, clusterId, ids);
        });
        return;
      }
      const members = item.cluster.keywordIds.map((id) => byId.get(id)!);
      const otherClusters = text.offline ? [] : otherClustersOf(item.cluster);
      const input = {
        name: item.cluster.name,
        language,
        promptText,
        otherClusters,
        keywords: [...members].sort((a, b) => (b.volume ?? -1) - (a.volume ?? -1)),
      };
      let description: string;
      // Offline, the engine's topic name (entity words before facets); the LLM's own name when it gives one.
      let name = item.cluster.topic;
      let fromAi = !text.offline;
      // With the description, the LLM gives the intent of the keywords it was shown, replacing the rules' guesses.
      let aiIntents: { id: string; intent: Intent }[] = [];
      // And the keywords it shown that do not belong, with a better cluster when one fits.
      let outliers: ReturnType<typeof outliersOf> = [];
      if (text.offline || ctx.failFast.tripped) {
        description = clusterDescription.offline(input).description;
        fromAi = false;
        if (ctx.failFast.tripped) ctx.itemFellBack(item.key, `“${item.cluster.name}”`, ctx.failFast.tripped);
      } else {
        try {
          const answer = await text.text(clusterDescription, input);
          description = answer.description;
          name = clusterNameOf(answer) ?? name;
          aiIntents = intentsOf(input.keywords.slice(0, DESCRIBED_KEYWORDS), answer.intents ?? []);
          outliers = outliersOf(input.keywords.slice(0, DESCRIBED_KEYWORDS), answer, otherClusters);
        } catch (e) {
          if (!(e instanceof ProviderError) || e.fatalForTask) throw e;
          description = clusterDescription.offline(input).description;
          fromAi = false;
          ctx.itemFellBack(item.key, `“${item.cluster.name}”`, e);
        }
      }
      await save(async (tx) => {
        const clusterId = await createClusterOf(tx, tenant, site.id, {
          sectorId: item.cluster.sectorId,
          name,
          description,
          descriptionSource: fromAi ? 'ai' : 'template',
          terms: item.cluster.terms,
          taskRunId: ctx.run.id,
          keywordIds: item.cluster.keywordIds,
        });
        if (aiIntents.length > 0) await setDerivedIntents(tx, tenant, site.id, aiIntents, 'ai');
        await saveOutliers(tx, tenant, site.id, clusterId, outliers, existingIdByName);
        newIdByName.set(item.cluster.name, clusterId);
      });
      flagged += outliers.length;
    },
  );
  // Proposals of clusters this run made (saved in any order) point at them now. After a resumed run, those
  // saved before the resume keep the name only, and the cluster's page offers every cluster instead.
  await linkProposals(db, tenant, site.id, newIdByName);
  return {
    keywords: kws.length,
    clustersCreated: newClusters.length - outcome.failed,
    assignedToExisting: assigned.size,
    unclustered,
    failedClusters: outcome.failed,
    templateDescriptions: ctx.totals.fallback,
    flaggedKeywords: flagged,
  };
};
