import {
  capabilitySchema,
  integrationsViewSchema,
  isPlatformSource,
  roleAtLeast,
  saveIntegrationBodySchema,
  testConnectionResultSchema,
  usageQuerySchema,
  usageSummarySchema,
} from '@igny8/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, tenantOf } from '../../access/context';
import { isPlatformOperator } from '../../access/lookup';
import { policies } from '../../access/policy';
import type { RouteDeps } from '../../http/deps';
import { accountParams } from '../../http/params';
import { AppError } from '../../http/errors';
import { accountScope, platformScope } from '../audit/service';
import { usageSummary } from '../usage/repo';
import { systemAccountId } from './repo';

const tags = ['integrations'];
const capParams = accountParams.extend({ capability: capabilitySchema });

export async function integrationRoutes(root: FastifyInstance, { db, integrations }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  // The platform's base URL and model are for its operators; account members see that the platform's settings apply.
  const revealsPlatform = (req: FastifyRequest) => {
    const actor = actorOf(req);
    return isPlatformOperator(db, { id: actor.userId, isDeveloper: actor.isDeveloper });
  };

  const assertOwnKeysAllowed = async (accountId: string) => {
    const blocked = await integrations.ownKeysBlocked(accountId);
    if (blocked) throw new AppError(403, 'own_keys_disabled', blocked);
  };

  // Every member reads the effective, non-secret settings (the seed's get_image_generation_settings).
  app.get('/api/v1/accounts/:accountId/settings/integrations', {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: accountParams, response: { 200: integrationsViewSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      const blocked = await integrations.ownKeysBlocked(t.accountId);
      const isAdmin = roleAtLeast(t.role, 'admin');
      const reason = !isAdmin ? 'Only owners and admins change AI settings' : blocked;
      return integrations.view(t.accountId, isAdmin && !blocked, reason, await revealsPlatform(req));
    },
  });

  app.put('/api/v1/accounts/:accountId/settings/integrations/:capability', {
    config: { policy: policies.member('admin') },
    schema: { tags, params: capParams, body: saveIntegrationBodySchema, response: { 200: integrationsViewSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      await assertOwnKeysAllowed(t.accountId);
      await integrations.save(t.accountId, t.userId, req.params.capability, req.body, accountScope(t));
      return integrations.view(t.accountId, true, null, await revealsPlatform(req));
    },
  });

  app.delete('/api/v1/accounts/:accountId/settings/integrations/:capability', {
    config: { policy: policies.member('admin') },
    schema: { tags, params: capParams, response: { 200: integrationsViewSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      await integrations.remove(t.accountId, req.params.capability, accountScope(t));
      const blocked = await integrations.ownKeysBlocked(t.accountId);
      return integrations.view(t.accountId, !blocked, blocked, await revealsPlatform(req));
    },
  });

  app.post('/api/v1/accounts/:accountId/settings/integrations/:capability/test', {
    config: { policy: policies.member('admin') },
    schema: {
      tags,
      params: capParams,
      body: saveIntegrationBodySchema.nullish(),
      response: { 200: testConnectionResultSchema },
    },
    handler: async (req) => {
      const t = tenantOf(req);
      if (req.body) await assertOwnKeysAllowed(t.accountId);
      const result = await integrations.test(t.accountId, req.params.capability, req.body ?? undefined);
      // Testing the platform's own settings says whether they work, not which model they run.
      if (!req.body && isPlatformSource(result.source) && !(await revealsPlatform(req)))
        return { ...result, model: null };
      return result;
    },
  });

  app.get('/api/v1/accounts/:accountId/usage', {
    config: { policy: policies.member('viewer') },
    schema: {
      tags: ['usage'],
      params: accountParams,
      querystring: usageQuerySchema,
      response: { 200: usageSummarySchema },
    },
    handler: async (req) => {
      const now = new Date();
      const from = req.query.from
        ? new Date(req.query.from)
        : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
      const to = req.query.to ? new Date(req.query.to) : new Date(now.getTime() + 1000);
      if (from >= to) throw new AppError(400, 'validation_failed', '`from` must be before `to`');
      const rows = await usageSummary(db, tenantOf(req), from, to, await revealsPlatform(req));
      return { from: from.toISOString(), to: to.toISOString(), rows };
    },
  });

  // The system account's settings, for platform operators (everyone else: platform_only).
  const platformCap = z.object({ capability: capabilitySchema });
  const systemId = async () => {
    const id = await systemAccountId(db);
    if (!id) throw new AppError(409, 'setup_required', 'The platform has not been set up yet');
    return id;
  };

  app.get('/api/v1/platform/integrations', {
    config: { policy: policies.platformOperator },
    schema: { tags, response: { 200: integrationsViewSchema } },
    handler: async () => integrations.view(await systemId(), true, null, true),
  });

  app.put('/api/v1/platform/integrations/:capability', {
    config: { policy: policies.platformOperator },
    schema: { tags, params: platformCap, body: saveIntegrationBodySchema, response: { 200: integrationsViewSchema } },
    handler: async (req) => {
      const id = await systemId();
      await integrations.save(id, actorOf(req).userId, req.params.capability, req.body, platformScope(actorOf(req)));
      return integrations.view(id, true, null, true);
    },
  });

  app.delete('/api/v1/platform/integrations/:capability', {
    config: { policy: policies.platformOperator },
    schema: { tags, params: platformCap, response: { 200: integrationsViewSchema } },
    handler: async (req) => {
      const id = await systemId();
      await integrations.remove(id, req.params.capability, platformScope(actorOf(req)));
      return integrations.view(id, true, null, true);
    },
  });

  app.post('/api/v1/platform/integrations/:capability/test', {
    config: { policy: policies.platformOperator },
    schema: {
      tags,
      params: platformCap,
      body: saveIntegrationBodySchema.nullish(),
      response: { 200: testConnectionResultSchema },
    },
    handler: async (req) => integrations.test(await systemId(), req.params.capability, req.body ?? undefined),
  });
}
