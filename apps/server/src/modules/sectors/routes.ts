import {
  createSectorBodySchema,
  deleteSectorQuerySchema,
  listOf,
  sectorSchema,
  updateSectorBodySchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { siteOf } from '../../access/site-scope';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import type { RouteDeps } from '../../http/deps';
import { siteParams } from '../../http/params';
import * as repo from './repo';
import * as service from './service';

const tags = ['sectors'];
const sectorParams = siteParams.extend({ sectorId: z.string() });

/** A site's sectors: every member reads them, admins manage them (like the site's brand voice). */
export async function sectorRoutes(root: FastifyInstance, { db }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/accounts/:accountId/sites/:siteId/sectors';

  app.get(base, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, response: { 200: listOf(sectorSchema) } },
    handler: async (req) => {
      const items = await repo.listSectors(db, tenantOf(req), siteOf(req).id);
      return { items, total: items.length };
    },
  });

  app.post(base, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: siteParams, body: createSectorBodySchema, response: { 201: sectorSchema } },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createSector(db, tenantOf(req), siteOf(req).id, req.body.name)),
  });

  app.get(`${base}/:sectorId`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: sectorParams, response: { 200: sectorSchema } },
    handler: async (req) => repo.getSector(db, tenantOf(req), siteOf(req).id, req.params.sectorId),
  });

  app.patch(`${base}/:sectorId`, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: sectorParams, body: updateSectorBodySchema, response: { 200: sectorSchema } },
    handler: async (req) => service.renameSector(db, tenantOf(req), siteOf(req).id, req.params.sectorId, req.body.name),
  });

  app.delete(`${base}/:sectorId`, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: sectorParams, querystring: deleteSectorQuerySchema, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await service.deleteSector(db, tenantOf(req), siteOf(req).id, req.params.sectorId, req.query.moveTo);
      return reply.status(204).send(null);
    },
  });
}
