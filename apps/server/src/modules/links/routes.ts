import {
  autoLinksBodySchema,
  linkDecisionBodySchema,
  linkInsertResultSchema,
  linkSuggestionsSchema,
  orphanReportSchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import { siteOf } from '../../access/site-scope';
import type { RouteDeps } from '../../http/deps';
import { siteParams } from '../../http/params';
import * as service from './service';

const tags = ['internal-links'];
const params = siteParams.extend({ contentId: z.string() });

/** Internal links: every member sees suggestions and the orphan report; editors accept, reject and auto-insert. */
export async function linkRoutes(root: FastifyInstance, { db }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const C = '/api/v1/accounts/:accountId/sites/:siteId/contents/:contentId/links';

  app.get(C, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params, response: { 200: linkSuggestionsSchema } },
    handler: async (req) => ({
      items: await service.suggestionsFor(db, tenantOf(req), siteOf(req), req.params.contentId),
    }),
  });

  app.post(`${C}/accept`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params, body: linkDecisionBodySchema, response: { 200: linkInsertResultSchema } },
    handler: async (req) =>
      service.acceptLink(
        db,
        tenantOf(req),
        siteOf(req),
        req.params.contentId,
        req.body.targetContentId,
        req.body.anchor,
      ),
  });

  app.post(`${C}/reject`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params, body: linkDecisionBodySchema, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await service.rejectLink(db, tenantOf(req), siteOf(req), req.params.contentId, req.body.targetContentId);
      return reply.status(204).send(null);
    },
  });

  app.post(`${C}/auto`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params, body: autoLinksBodySchema, response: { 200: linkInsertResultSchema } },
    handler: async (req) =>
      service.insertBestLinks(db, tenantOf(req), siteOf(req), req.params.contentId, req.body.count),
  });

  app.get('/api/v1/accounts/:accountId/sites/:siteId/links/orphans', {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, response: { 200: orphanReportSchema } },
    handler: async (req) => service.orphanReport(db, tenantOf(req), siteOf(req).id),
  });
}
