import { funnelSchema } from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { siteOf } from '../../access/site-scope';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import type { RouteDeps } from '../../http/deps';
import { siteParams } from '../../http/params';
import { siteFunnel } from './repo';

/** The pipeline funnel of one site: how far its keywords have come. */
export async function dashboardRoutes(root: FastifyInstance, { db }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/accounts/:accountId/sites/:siteId/funnel', {
    config: { policy: policies.member('viewer') },
    schema: { tags: ['dashboard'], params: siteParams, response: { 200: funnelSchema } },
    handler: async (req) => siteFunnel(db, tenantOf(req), siteOf(req).id),
  });
}
