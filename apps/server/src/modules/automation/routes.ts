import {
  automationConfigBodySchema,
  automationConfigSchema,
  automationOverviewSchema,
  automationRunListQuerySchema,
  automationRunSchema,
  automationRunStartedSchema,
  automationRunSummarySchema,
  listOf,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import type { RouteDeps } from '../../http/deps';
import { siteParams } from '../../http/params';

const tags = ['automation'];
const runParams = siteParams.extend({ runId: z.string() });

/** Every member reads; editors run, pause, resume and cancel; admins configure. */
export async function automationRoutes(root: FastifyInstance, { automation }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/accounts/:accountId/sites/:siteId/automation';

  app.get(base, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, response: { 200: automationConfigSchema } },
    handler: async (req) => automation.config(tenantOf(req), req.params.siteId),
  });

  app.put(base, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: siteParams, body: automationConfigBodySchema, response: { 200: automationConfigSchema } },
    handler: async (req) => automation.configure(tenantOf(req), req.params.siteId, req.body),
  });

  app.get(`${base}/overview`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, response: { 200: automationOverviewSchema } },
    handler: async (req) => automation.overview(tenantOf(req), req.params.siteId),
  });

  app.post(`${base}/runs`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: siteParams, response: { 202: automationRunStartedSchema } },
    handler: async (req, reply) => reply.status(202).send(await automation.start(tenantOf(req), req.params.siteId)),
  });

  app.get(`${base}/runs`, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags,
      params: siteParams,
      querystring: automationRunListQuerySchema,
      response: { 200: listOf(automationRunSummarySchema) },
    },
    handler: async (req) => automation.runs(tenantOf(req), req.params.siteId, req.query),
  });

  app.get(`${base}/runs/:runId`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: runParams, response: { 200: automationRunSchema } },
    handler: async (req) => automation.run(tenantOf(req), req.params.siteId, req.params.runId),
  });

  for (const action of ['pause', 'resume', 'cancel'] as const) {
    app.post(`${base}/runs/:runId/${action}`, {
      config: { policy: policies.member('editor') },
      schema: { tags, params: runParams, response: { 200: automationRunSchema } },
      handler: async (req) => automation[action](tenantOf(req), req.params.siteId, req.params.runId),
    });
  }
}
