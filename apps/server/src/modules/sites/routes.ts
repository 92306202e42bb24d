import { createSiteBodySchema, listOf, siteListQuerySchema, siteSchema, updateSiteBodySchema } from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { siteOf } from '../../access/site-scope';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import type { RouteDeps } from '../../http/deps';
import { accountParams, siteParams } from '../../http/params';
import * as repo from './repo';

const tags = ['sites'];

export async function siteRoutes(root: FastifyInstance, { db, billing }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/accounts/:accountId/sites', {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: accountParams, querystring: siteListQuerySchema, response: { 200: listOf(siteSchema) } },
    handler: async (req) => repo.listSites(db, tenantOf(req), req.query),
  });

  app.post('/api/v1/accounts/:accountId/sites', {
    config: { policy: policies.member('editor') },
    schema: { tags, params: accountParams, body: createSiteBodySchema, response: { 201: siteSchema } },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      await billing.assertRoom(db, t, 'sites', 1);
      return reply.status(201).send(repo.toSite(await db.transaction((tx) => repo.createSite(tx, t, req.body))));
    },
  });

  app.get('/api/v1/accounts/:accountId/sites/:siteId', {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, response: { 200: siteSchema } },
    handler: async (req) => repo.toSite(siteOf(req)),
  });

  app.patch('/api/v1/accounts/:accountId/sites/:siteId', {
    config: { policy: policies.member('editor') },
    schema: { tags, params: siteParams, body: updateSiteBodySchema, response: { 200: siteSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      // Bringing an archived site back takes a site of the plan again.
      if (req.body.archived === false && siteOf(req).archivedAt) await billing.assertRoom(db, t, 'sites', 1);
      return repo.toSite(await repo.updateSite(db, t, req.params.siteId, req.body));
    },
  });
}
