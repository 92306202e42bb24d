import {
  generateIdeasBodySchema,
  ideaListQuerySchema,
  ideaSchema,
  listOf,
  matchingIdsSchema,
  taskStartedSchema,
  updateIdeaBodySchema,
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
import { startGenerateIdeas } from './start-generate';
import { deleteIdeas } from './delete';
import * as repo from './repo';

const tags = ['ideas'];
const ideaParams = siteParams.extend({ ideaId: z.string() });

export async function ideaRoutes(root: FastifyInstance, { db, tasks, billing }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/accounts/:accountId/sites/:siteId/ideas';

  app.get(base, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, querystring: ideaListQuerySchema, response: { 200: listOf(ideaSchema) } },
    handler: async (req) => {
      const t = tenantOf(req);
      return repo.listIdeas(db, t, req.params.siteId, req.query);
    },
  });

  app.get(`${base}/ids`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, querystring: ideaListQuerySchema, response: { 200: matchingIdsSchema } },
    handler: async (req) =>
      matchingIds((page) => repo.listIdeas(db, tenantOf(req), req.params.siteId, { ...req.query, ...page })),
  });

  app.post(`${base}/generate`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags,
      params: siteParams,
      headers: taskStartHeaders,
      body: generateIdeasBodySchema,
      response: { 202: taskStartedSchema },
    },
    handler: async (req, reply) => {
      const taskId = await startGenerateIdeas(
        { db, tasks, billing },
        tenantOf(req),
        siteOf(req),
        req.body,
        idempotencyKeyOf(req),
      );
      return reply.status(202).send({ taskId });
    },
  });

  app.get(`${base}/:ideaId`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: ideaParams, response: { 200: ideaSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      return repo.requireIdea(db, t, req.params.siteId, req.params.ideaId);
    },
  });

  app.patch(`${base}/:ideaId`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: ideaParams, body: updateIdeaBodySchema, response: { 200: ideaSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      await repo.requireIdea(db, t, req.params.siteId, req.params.ideaId);
      await repo.updateIdea(db, t, req.params.ideaId, req.body);
      return repo.requireIdea(db, t, req.params.siteId, req.params.ideaId);
    },
  });

  app.delete(`${base}/:ideaId`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: ideaParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      await repo.requireIdea(db, t, req.params.siteId, req.params.ideaId);
      await deleteIdeas(db, t, req.params.siteId, [req.params.ideaId]);
      return reply.status(204).send(null);
    },
  });
}
