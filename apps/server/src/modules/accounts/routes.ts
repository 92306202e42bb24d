import {
  accountSecurityBodySchema,
  accountSchema,
  addMemberBodySchema,
  addMemberResponseSchema,
  listOf,
  memberSchema,
  pageQuerySchema,
  updateAccountBodySchema,
  updateMemberBodySchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import { isUuid } from '../../db/query';
import type { RouteDeps } from '../../http/deps';
import { accountParams } from '../../http/params';
import { notFound } from '../../http/errors';
import { toAccount } from './dto';
import * as repo from './repo';
import * as service from './service';

const tags = ['accounts'];
const memberParams = accountParams.extend({ userId: z.string() });

export async function accountRoutes(
  root: FastifyInstance,
  { db, database, mailer, auth, now, billing }: RouteDeps,
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/accounts/:accountId', {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: accountParams, response: { 200: accountSchema } },
    handler: async (req) => toAccount((await repo.getAccount(db, tenantOf(req)))!),
  });

  app.patch('/api/v1/accounts/:accountId', {
    config: { policy: policies.member('admin') },
    schema: { tags, params: accountParams, body: updateAccountBodySchema, response: { 200: accountSchema } },
    handler: async (req) => toAccount(await service.renameAccount(db, tenantOf(req), req.body.name)),
  });

  app.put('/api/v1/accounts/:accountId/security', {
    config: { policy: policies.memberSession('admin') },
    schema: { tags, params: accountParams, body: accountSecurityBodySchema, response: { 200: accountSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      const me = await auth.me(t.userId);
      return toAccount(await service.setAccountSecurity(db, t, req.body, me.user.twoFactorEnabled));
    },
  });

  app.get('/api/v1/accounts/:accountId/members', {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: accountParams, querystring: pageQuerySchema, response: { 200: listOf(memberSchema) } },
    handler: async (req) => repo.listMembers(db, tenantOf(req), req.query),
  });

  app.post('/api/v1/accounts/:accountId/members', {
    config: { policy: policies.member('admin') },
    schema: { tags, params: accountParams, body: addMemberBodySchema, response: { 201: addMemberResponseSchema } },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      // An invitation takes its seat when it is sent.
      await billing.assertRoom(db, t, 'members', 1);
      return reply.status(201).send(await service.addMember(database, mailer, t, req.body, now()));
    },
  });

  app.patch('/api/v1/accounts/:accountId/members/:userId', {
    config: { policy: policies.member('admin') },
    schema: { tags, params: memberParams, body: updateMemberBodySchema, response: { 200: memberSchema } },
    handler: async (req) => {
      if (!isUuid(req.params.userId)) throw notFound('Member');
      return service.updateMember(db, tenantOf(req), req.params.userId, req.body);
    },
  });

  app.delete('/api/v1/accounts/:accountId/members/:userId', {
    config: { policy: policies.member('admin') },
    schema: { tags, params: memberParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      if (!isUuid(req.params.userId)) throw notFound('Member');
      await service.removeMember(db, tenantOf(req), req.params.userId);
      return reply.status(204).send(null);
    },
  });
}
