import {
  accountSchema,
  listOf,
  pageQuerySchema,
  platformSettingsSchema,
  updateActiveBodySchema,
  updatePlatformSettingsBodySchema,
  userSchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../access/context';
import { policies } from '../../access/policy';
import { isUuid } from '../../db/query';
import type { RouteDeps } from '../../http/deps';
import { conflict, notFound } from '../../http/errors';
import { toAccount } from '../accounts/dto';
import * as repo from './repo';

const tags = ['platform'];

/** Platform operators: platform-wide switches, account and user activation. */
export async function platformRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, platformDefaults, sessions } = deps;
  const policy = policies.platformOperator;

  app.get('/api/v1/platform/settings', {
    config: { policy },
    schema: { tags, response: { 200: platformSettingsSchema } },
    handler: async () => repo.getPlatformSettings(db, platformDefaults),
  });

  app.put('/api/v1/platform/settings', {
    config: { policy },
    schema: { tags, body: updatePlatformSettingsBodySchema, response: { 200: platformSettingsSchema } },
    handler: async (req) => repo.savePlatformSettings(db, platformDefaults, req.body),
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
    schema: { tags, params: z.object({ accountId: z.string() }), body: updateActiveBodySchema, response: { 200: accountSchema } },
    handler: async (req) => {
      if (!isUuid(req.params.accountId)) throw notFound('Account');
      const current = await repo.findAccount(db, req.params.accountId);
      if (!current) throw notFound('Account');
      if (current.isSystem && !req.body.active) {
        throw conflict('conflict', 'The system account cannot be deactivated');
      }
      return toAccount((await repo.setAccountActive(db, req.params.accountId, req.body.active))!);
    },
  });

  app.patch('/api/v1/platform/users/:userId', {
    config: { policy },
    schema: { tags, params: z.object({ userId: z.string() }), body: updateActiveBodySchema, response: { 200: userSchema } },
    handler: async (req) => {
      if (!isUuid(req.params.userId)) throw notFound('User');
      if (req.params.userId === actorOf(req).userId && !req.body.active) {
        throw conflict('conflict', 'You cannot deactivate yourself');
      }
      const user = await repo.setUserActive(db, req.params.userId, req.body.active);
      if (!user) throw notFound('User');
      if (!req.body.active) await sessions.revokeUser(user.id);
      return { id: user.id, email: user.email, name: user.name, isDeveloper: user.isDeveloper, active: user.active };
    },
  });
}
