import {
  accountSchema,
  listOf,
  pageQuerySchema,
  platformSettingsSchema,
  platformUserSchema,
  platformUsersQuerySchema,
  updateActiveBodySchema,
  updatePlatformSettingsBodySchema,
  updatePlatformUserBodySchema,
  userSchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../access/context';
import { policies } from '../../access/policy';
import { isUuid } from '../../db/query';
import type { RouteDeps } from '../../http/deps';
import { notFound } from '../../http/errors';
import { toAccount } from '../accounts/dto';
import * as repo from './repo';
import * as service from './service';

const tags = ['platform'];

/** Platform operators: platform-wide switches, account and user activation, the developer flag. */
export async function platformRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, platformDefaults, sessions, mailer } = deps;
  const policy = policies.platformOperator;

  app.get('/api/v1/platform/settings', {
    config: { policy },
    schema: { tags, response: { 200: platformSettingsSchema } },
    handler: async () => repo.getPlatformSettings(db, platformDefaults),
  });

  app.put('/api/v1/platform/settings', {
    config: { policy },
    schema: { tags, body: updatePlatformSettingsBodySchema, response: { 200: platformSettingsSchema } },
    handler: async (req) => service.saveSettings(db, actorOf(req), platformDefaults, req.body, mailer.configured),
  });

  app.get('/api/v1/platform/accounts', {
    config: { policy },
    schema: { tags, querystring: pageQuerySchema, response: { 200: listOf(accountSchema) } },
    handler: async (req) => {
      const page = await repo.listAllAccounts(db, req.query);
      return { items: page.items.map(toAccount), total: page.total };
    },
  });

  app.patch('/api/v1/platform/accounts/:accountId', {
    config: { policy },
    schema: {
      tags,
      params: z.object({ accountId: z.string() }),
      body: updateActiveBodySchema,
      response: { 200: accountSchema },
    },
    handler: async (req) => {
      if (!isUuid(req.params.accountId)) throw notFound('Account');
      return toAccount(await service.setAccountActive(db, actorOf(req), req.params.accountId, req.body.active));
    },
  });

  app.get('/api/v1/platform/users', {
    config: { policy },
    schema: { tags, querystring: platformUsersQuerySchema, response: { 200: listOf(platformUserSchema) } },
    handler: async (req) => repo.listUsers(db, req.query),
  });

  app.patch('/api/v1/platform/users/:userId', {
    config: { policy },
    schema: {
      tags,
      params: z.object({ userId: z.string() }),
      body: updatePlatformUserBodySchema,
      response: { 200: userSchema },
    },
    handler: async (req) => {
      if (!isUuid(req.params.userId)) throw notFound('User');
      const user = await service.updateUser(db, actorOf(req), req.params.userId, req.body, (id, tx) =>
        sessions.revokeUser(id, tx),
      );
      const { createdAt: _c, ...rest } = repo.toPlatformUser(user);
      return rest;
    },
  });
}
