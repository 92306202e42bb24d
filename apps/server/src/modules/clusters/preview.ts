import {
  CLUSTER_PREVIEW_LISTED,
  CLUSTER_PREVIEW_MAX_KEYWORDS,
  DEFAULT_CLUSTER_GRANULARITY,
  type ClusterPreview,
} from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { AppError } from '../../http/errors';
import { serpsOf } from '../keywords/serp-repo';
import { cachedEmbeddings } from './embeddings-repo';
import { clusterBySector } from './engine';
import { requireKeywordIds } from '../keywords/repo';
import { countUnclustered, existingClusterPhrases, keywordsToCluster } from './repo';

/** Previews one account computes at once: each holds a pool thread, which auto-cluster runs share. */
const PREVIEWS_PER_ACCOUNT = 2;
const inFlight = new Map<string, number>();

/**
 * What auto-cluster would save for these keywords at this granularity, nothing written and nothing
 * charged: the task's own engine step (clusterBySector) on the same keywords and existing clusters,
 * so "Create" then saves what was shown, unless the keywords change in between.
 */
export async function previewClusters(
  db: Db,
  t: TenantContext,
  site: { id: string; language: string },
  body: { keywordIds?: string[]; sectorId?: string; granularity?: number },
  /** the embeddings model key when an embeddings provider is configured (embeddingModelKey), else null */
  embeddingModel: string | null,
): Promise<ClusterPreview> {
  const size = body.keywordIds ? new Set(body.keywordIds).size : await countUnclustered(db, t, site.id, body.sectorId);
  if (size > CLUSTER_PREVIEW_MAX_KEYWORDS) {
    throw new AppError(
      422,
      'preview_too_large',
      `A preview clusters at most ${CLUSTER_PREVIEW_MAX_KEYWORDS.toLocaleString('en')} keywords; these are ${size.toLocaleString('en')}. Auto-cluster them without a preview, or pick a sector or a selection`,
      { keywords: size, max: CLUSTER_PREVIEW_MAX_KEYWORDS },
    );
  }
  // Ids of another account or site are a 404, as on the run.
  if (body.keywordIds) await requireKeywordIds(db, t, site.id, body.keywordIds);
  const running = inFlight.get(t.accountId) ?? 0;
  if (running >= PREVIEWS_PER_ACCOUNT) {
    throw new AppError(429, 'preview_busy', 'Other previews of this account are still being computed; try again');
  }
  inFlight.set(t.accountId, running + 1);
  try {
    const granularity = body.granularity ?? DEFAULT_CLUSTER_GRANULARITY;
    const kws = await keywordsToCluster(db, t, site.id, { keywordIds: body.keywordIds, sectorId: body.sectorId });
    const existing = await existingClusterPhrases(db, t, site.id);
    const language = site.language.split('-')[0] ?? 'en';
    const ids = kws.map((k) => k.id);
    const serps = await serpsOf(db, t, ids);
    // The run's vectors when every keyword already has one (nothing is sent to the provider from here).
    const known = embeddingModel ? await cachedEmbeddings(db, t, embeddingModel, ids) : new Map<string, Float32Array>();
    const all = known.size === kws.length && kws.length > 0 ? kws.map((k) => known.get(k.id)!) : undefined;
    const vectors = all?.every((v) => v.length === all[0]!.length) ? all : undefined;
    const engine = await clusterBySector(kws, existing, { granularity, language, serps, vectors });
    const byId = new Map(kws.map((k) => [k.id, k]));
    return {
      keywords: kws.length,
      withSerp: serps.size,
      byMeaning: vectors !== undefined,
      embeddingsPending: embeddingModel ? kws.length - known.size : 0,
      granularity,
      assignedToExisting: engine.assigned.size,
      unclustered: engine.unclustered,
      newClusters: engine.clusters.length,
      // Largest first across sectors (each sector's clusters come largest first).
      clusters: [...engine.clusters]
        .sort((a, b) => b.keywordIds.length - a.keywordIds.length)
        .slice(0, CLUSTER_PREVIEW_LISTED)
        .map((c) => {
          // The engine lists a cluster's keywords by volume, highest first.
          const members = c.keywordIds.map((id) => byId.get(id)!);
          return {
            key: c.key,
            name: c.topic,
            sectorId: c.sectorId,
            keywordCount: members.length,
            totalVolume: members.reduce((sum, k) => sum + (k.volume ?? 0), 0),
            sample: members.slice(0, 8).map((k) => k.phrase),
          };
        }),
    };
  } finally {
    const left = (inFlight.get(t.accountId) ?? 1) - 1;
    if (left > 0) inFlight.set(t.accountId, left);
    else inFlight.delete(t.accountId);
  }
}
