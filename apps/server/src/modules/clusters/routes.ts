import {
  matchingIdsSchema,
  autoClusterBodySchema,
  clusterListQuerySchema,
  clusterNameSchema,
  clusterOutlierSchema,
  clusterPreviewSchema,
  clusterSchema,
  listOf,
  mergeClustersBodySchema,
  taskStartedSchema,
  updateClusterBodySchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { siteOf } from '../../access/site-scope';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import { matchingIds } from '../../http/matching-ids';
import type { RouteDeps } from '../../http/deps';
import { siteParams } from '../../http/params';
import { idempotencyKeyOf, taskStartHeaders } from '../../http/idempotency';
import { AppError } from '../../http/errors';
import { estimates } from '../billing/estimates';
import { autoClusterTask } from './auto-task';
import { deleteCluster } from './delete';
import { embeddingModelKey } from './embeddings';
import { previewClusters } from './preview';
import { dismissOutlier, listOutliers } from './outliers-repo';
import { requireSector } from '../sectors/repo';
import { requireKeywordIds } from '../keywords/repo';
import * as repo from './repo';

const tags = ['clusters'];
const clusterParams = siteParams.extend({ clusterId: z.string() });

export async function clusterRoutes(
  root: FastifyInstance,
  { db, tasks, billing, integrations }: RouteDeps,
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/accounts/:accountId/sites/:siteId/clusters';

  app.get(base, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, querystring: clusterListQuerySchema, response: { 200: listOf(clusterSchema) } },
    handler: async (req) => {
      const t = tenantOf(req);
      return repo.listClusters(db, t, req.params.siteId, req.query);
    },
  });

  // The list as names only, for selects (move to cluster, merge, filters): the list's query, a tenth of its bytes.
  app.get(`${base}/names`, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags,
      params: siteParams,
      querystring: clusterListQuerySchema,
      response: { 200: listOf(clusterNameSchema) },
    },
    handler: async (req) => repo.listClusterNames(db, tenantOf(req), req.params.siteId, req.query),
  });

  app.get(`${base}/ids`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, querystring: clusterListQuerySchema, response: { 200: matchingIdsSchema } },
    handler: async (req) =>
      matchingIds((page) => repo.listClusters(db, tenantOf(req), req.params.siteId, { ...req.query, ...page })),
  });

  app.post(`${base}/auto`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags,
      params: siteParams,
      headers: taskStartHeaders,
      body: autoClusterBodySchema,
      response: { 202: taskStartedSchema },
    },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const site = siteOf(req);
      // Ids of another account or site are a 404, like anywhere else, not an empty run.
      const selection = req.body.keywordIds
        ? repo.selectionTargets(req.body.keywordIds, await requireKeywordIds(db, t, site.id, req.body.keywordIds))
        : undefined;
      const sector = req.body.sectorId ? await requireSector(db, t, site.id, req.body.sectorId) : undefined;
      const count = req.body.keywordIds?.length;
      const scope = sector ? `${site.name} — ${sector.name}` : site.name;
      const taskId = await tasks.start(
        t,
        autoClusterTask,
        { siteId: site.id, ...req.body, ...(selection ? { selection } : {}) },
        {
          title: count ? `Auto-cluster ${count} selected keywords` : `Auto-cluster unclustered keywords of ${scope}`,
          siteId: site.id,
          resultPath: `/a/${t.accountId}/sites/${site.id}/clusters`,
          idempotencyKey: idempotencyKeyOf(req),
          credits: await estimates.autoCluster(
            db,
            t,
            site.id,
            await billing.costs(),
            req.body.keywordIds,
            req.body.sectorId,
          ),
        },
      );
      return reply.status(202).send({ taskId });
    },
  });

  // What auto-cluster would save, nothing written or charged: a strategist tunes the granularity here first.
  app.post(`${base}/preview`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: siteParams, body: autoClusterBodySchema, response: { 200: clusterPreviewSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      const site = siteOf(req);
      if (req.body.sectorId) await requireSector(db, t, site.id, req.body.sectorId);
      const embeddings = await integrations.resolve(t.accountId, 'embeddings');
      const model = embeddings.provider === 'builtin' ? null : embeddingModelKey(embeddings.model);
      return previewClusters(db, t, site, req.body, model);
    },
  });

  app.get(`${base}/:clusterId`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: clusterParams, response: { 200: clusterSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      return repo.getCluster(db, t, req.params.siteId, req.params.clusterId);
    },
  });

  // Keywords the LLM flagged as not belonging to the cluster when it named it, with a better cluster when it gave one.
  app.get(`${base}/:clusterId/outliers`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: clusterParams, response: { 200: z.object({ items: z.array(clusterOutlierSchema) }) } },
    handler: async (req) => {
      const t = tenantOf(req);
      const cluster = await repo.requireCluster(db, t, req.params.siteId, req.params.clusterId);
      return { items: await listOutliers(db, t, req.params.siteId, cluster.id) };
    },
  });

  // "Keep it here": the flag goes; moving the keyword (keywords bulk `moveToCluster`) answers it as well.
  app.delete(`${base}/:clusterId/outliers/:keywordId`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: clusterParams.extend({ keywordId: z.string() }), response: { 204: z.null() } },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const cluster = await repo.requireCluster(db, t, req.params.siteId, req.params.clusterId);
      await dismissOutlier(db, t, req.params.siteId, cluster.id, req.params.keywordId);
      return reply.status(204).send(null);
    },
  });

  app.patch(`${base}/:clusterId`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: clusterParams, body: updateClusterBodySchema, response: { 200: clusterSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      await repo.requireCluster(db, t, req.params.siteId, req.params.clusterId);
      await repo.updateCluster(db, t, req.params.clusterId, req.body);
      return repo.getCluster(db, t, req.params.siteId, req.params.clusterId);
    },
  });

  app.post(`${base}/:clusterId/merge`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: clusterParams, body: mergeClustersBodySchema, response: { 200: clusterSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      const { siteId, clusterId } = req.params;
      if (req.body.sourceClusterId === clusterId)
        throw new AppError(400, 'validation_failed', 'A cluster cannot be merged into itself');
      const target = await repo.requireCluster(db, t, siteId, clusterId);
      const source = await repo.requireCluster(db, t, siteId, req.body.sourceClusterId);
      if (target.sectorId !== source.sectorId) {
        throw new AppError(
          422,
          'sector_mismatch',
          'The clusters are in different sectors: a cluster never mixes sectors (move the keywords to one sector first)',
        );
      }
      await db.transaction((tx) => repo.mergeClusters(tx, t, clusterId, req.body.sourceClusterId));
      return repo.getCluster(db, t, siteId, clusterId);
    },
  });

  app.delete(`${base}/:clusterId`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: clusterParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      await deleteCluster(db, t, req.params.siteId, req.params.clusterId);
      return reply.status(204).send(null);
    },
  });
}
