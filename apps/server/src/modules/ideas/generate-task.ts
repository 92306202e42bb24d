import { creditsFor, generateIdeasBodySchema } from '@igny8/contracts';
import { z } from 'zod';
import { clusterIdeas } from '../../ai/functions/ideas';
import { defineTaskKind, type TaskHandler } from '../../jobs/registry';
import { resolvePrompt } from '../prompts/service';
import { requireSite } from '../sites/repo';
import { voiceTextFor } from '../voices/service';
import { clusterBrief, clusterNames, insertIdeas, pinKeywordsToCluster } from './repo';

export const generateIdeasTask = defineTaskKind(
  'ideas.generate',
  generateIdeasBodySchema.extend({ siteId: z.uuid() }),
  { targets: (i) => i.clusterIds },
);

/** N ideas per cluster; each cluster is one item (one failing does not stop the others). */
export const runGenerateIdeas: TaskHandler<z.infer<typeof generateIdeasTask.input>> = async (ctx) => {
  const { siteId, clusterIds, perCluster } = ctx.input;
  const site = await requireSite(ctx.db, ctx.tenant, siteId);
  const names = await clusterNames(ctx.db, ctx.tenant, site.id, clusterIds);
  const { text: promptText } = await resolvePrompt(ctx.db, ctx.tenant, 'cluster_ideas');
  const voice = await voiceTextFor(ctx.db, ctx.tenant, site.brandVoiceId);
  const ai = await ctx.ai.text();
  const costs = await ctx.costs();
  let created = 0;
  const outcome = await ctx.forEachItem(
    clusterIds,
    {
      key: (id) => `cluster-${id}`,
      label: (id) => `“${names.get(id) ?? 'deleted cluster'}”`,
      verb: 'Writing ideas for',
      concurrency: () => ai.itemConcurrency,
    },
    async (clusterId, save) => {
      const brief = await clusterBrief(ctx.db, ctx.tenant, site.id, clusterId);
      if (!brief) throw new Error('The cluster no longer exists');
      const { ideas: drafts } = await ai.text(clusterIdeas, {
        cluster: { name: brief.cluster.name, description: brief.cluster.description },
        keywords: brief.keywords,
        count: perCluster,
        language: site.language,
        niche: site.niche,
        existingTitles: brief.existingTitles,
        brandVoice: voice.text,
        promptText,
      });
      const phrases = brief.keywords.map((k) => k.phrase);
      const rows = drafts.slice(0, perCluster).map((d) => ({
        ...pinKeywordsToCluster(d, phrases),
        clusterId,
        // An idea is in its cluster's sector.
        sectorId: brief.cluster.sectorId,
        source: ai.offline ? ('template' as const) : ('ai' as const),
      }));
      await save((tx) => insertIdeas(tx, ctx.tenant, site.id, rows), {
        operation: 'idea',
        credits: creditsFor.ideas(costs, rows.length),
        source: ai.settings.source,
      });
      created += rows.length;
    },
  );
  return { ideasCreated: created, clusters: outcome.total, failedClusters: outcome.failed };
};
