import { apiTokenListSchema, createApiTokenBodySchema, createdApiTokenSchema } from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import { isUuid } from '../../db/query';
import type { RouteDeps } from '../../http/deps';
import { accountParams } from '../../http/params';
import { notFound } from '../../http/errors';
import * as service from './service';

const tags = ['api-tokens'];

/** Any member may hold tokens up to their own role; admins see and revoke everyone's. Sessions only: a token makes no tokens. */
export async function apiTokenRoutes(root: FastifyInstance, { db, now }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const policy = policies.memberSession('viewer');

  app.get('/api/v1/accounts/:accountId/api-tokens', {
    config: { policy },
    schema: { tags, params: accountParams, response: { 200: apiTokenListSchema } },
    handler: async (req) => ({ items: await service.listTokens(db, tenantOf(req)) }),
  });

  app.post('/api/v1/accounts/:accountId/api-tokens', {
    config: { policy },
    schema: { tags, params: accountParams, body: createApiTokenBodySchema, response: { 201: createdApiTokenSchema } },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createToken(db, tenantOf(req), req.body, now())),
  });

  app.delete('/api/v1/accounts/:accountId/api-tokens/:tokenId', {
    config: { policy },
    schema: { tags, params: accountParams.extend({ tokenId: z.string() }), response: { 204: z.null() } },
    handler: async (req, reply) => {
      if (!isUuid(req.params.tokenId)) throw notFound('API token');
      await service.revokeToken(db, tenantOf(req), req.params.tokenId);
      return reply.status(204).send(null);
    },
  });
}
