import {
  accountBillingSchema,
  changePlanBodySchema,
  creditCostsSchema,
  grantCreditsBodySchema,
  listOf,
  modelPricesSchema,
  planBodySchema,
  planSchema,
  refundBodySchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../access/context';
import { policies } from '../../access/policy';
import { isUniqueViolation } from '../../db/errors';
import { isUuid } from '../../db/query';
import type { RouteDeps } from '../../http/deps';
import { conflict, notFound } from '../../http/errors';
import { findAccount } from '../platform/repo';
import * as repo from './repo';

const tags = ['platform', 'billing'];
const accountParams = z.object({ accountId: z.string() });
const planParams = z.object({ planId: z.string() });

const toPlan = (p: Awaited<ReturnType<typeof repo.listPlans>>[number]) => ({
  id: p.id,
  name: p.name,
  monthlyCredits: p.monthlyCredits,
  limits: p.limits,
  features: p.features,
  isDefault: p.isDefault,
  archived: p.archived,
  accounts: p.accounts,
});

/** Plans, costs per operation, the price table, and per account: credits and plan. Platform operators only. */
export async function platformBillingRoutes(root: FastifyInstance, { db, billing, prices }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const policy = policies.platformOperator;
  const P = '/api/v1/platform';

  const requireAccount = async (id: string) => {
    const account = isUuid(id) ? await findAccount(db, id) : undefined;
    if (!account) throw notFound('Account');
    return account;
  };
  const savePlan = async (write: () => Promise<unknown>) => {
    try {
      return await write();
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('conflict', 'A plan with this name exists');
      throw e;
    }
  };

  app.get(`${P}/plans`, {
    config: { policy },
    schema: { tags, response: { 200: listOf(planSchema) } },
    handler: async () => {
      const items = (await repo.listPlans(db)).map(toPlan);
      return { items, total: items.length };
    },
  });

  app.post(`${P}/plans`, {
    config: { policy },
    schema: { tags, body: planBodySchema, response: { 201: planSchema } },
    handler: async (req, reply) => {
      const p = (await savePlan(() => billing.savePlan(actorOf(req), null, req.body))) as repo.PlanRow;
      return reply.status(201).send({ ...toPlan({ ...p, accounts: 0 }) });
    },
  });

  app.put(`${P}/plans/:planId`, {
    config: { policy },
    schema: { tags, params: planParams, body: planBodySchema, response: { 200: planSchema } },
    handler: async (req) => {
      if (!isUuid(req.params.planId) || !(await repo.findPlan(db, req.params.planId))) throw notFound('Plan');
      const current = (await repo.listPlans(db)).find((p) => p.id === req.params.planId)!;
      if (req.body.archived && current.isDefault && req.body.isDefault !== false)
        throw conflict('conflict', 'The default plan cannot be archived; make another plan the default first');
      if (current.isDefault && req.body.isDefault === false)
        throw conflict('conflict', 'Make another plan the default instead');
      await savePlan(() =>
        billing.savePlan(actorOf(req), req.params.planId, {
          ...req.body,
          isDefault: req.body.isDefault ?? current.isDefault,
        }),
      );
      return toPlan((await repo.listPlans(db)).find((p) => p.id === req.params.planId)!);
    },
  });

  app.get(`${P}/billing/costs`, {
    config: { policy },
    schema: { tags, response: { 200: creditCostsSchema } },
    handler: async () => billing.costs(),
  });

  app.put(`${P}/billing/costs`, {
    config: { policy },
    schema: { tags, body: creditCostsSchema, response: { 200: creditCostsSchema } },
    handler: async (req) => {
      await billing.saveCosts(req.body, actorOf(req));
      return billing.costs();
    },
  });

  app.get(`${P}/billing/prices`, {
    config: { policy },
    schema: { tags, response: { 200: modelPricesSchema } },
    handler: async () => ({ items: await prices.list() }),
  });

  app.put(`${P}/billing/prices`, {
    config: { policy },
    schema: { tags, body: modelPricesSchema, response: { 200: modelPricesSchema } },
    handler: async (req) => {
      const models = req.body.items.map((p) => p.model);
      if (new Set(models).size !== models.length) throw conflict('conflict', 'Each model may have one price');
      await prices.replace(req.body.items, actorOf(req));
      return { items: await prices.list() };
    },
  });

  app.get(`${P}/accounts/:accountId/billing`, {
    config: { policy },
    schema: { tags, params: accountParams, response: { 200: accountBillingSchema } },
    handler: async (req) => billing.view((await requireAccount(req.params.accountId)).id),
  });

  app.post(`${P}/accounts/:accountId/credits`, {
    config: { policy },
    schema: { tags, params: accountParams, body: grantCreditsBodySchema, response: { 200: accountBillingSchema } },
    handler: async (req) => {
      const account = await requireAccount(req.params.accountId);
      await billing.grant(account.id, req.body.amount, { reason: req.body.reason, actor: actorOf(req) });
      return billing.view(account.id);
    },
  });

  app.put(`${P}/accounts/:accountId/plan`, {
    config: { policy },
    schema: { tags, params: accountParams, body: changePlanBodySchema, response: { 200: accountBillingSchema } },
    handler: async (req) => {
      const account = await requireAccount(req.params.accountId);
      await billing.changePlan(account.id, req.body.planId, { reason: req.body.reason, actor: actorOf(req) });
      return billing.view(account.id);
    },
  });

  app.post(`${P}/accounts/:accountId/refunds`, {
    config: { policy },
    schema: {
      tags,
      params: accountParams,
      body: refundBodySchema,
      response: { 200: z.object({ refunded: z.number().int() }) },
    },
    handler: async (req) => {
      const account = await requireAccount(req.params.accountId);
      const refunded = await billing.refund(account.id, req.body.taskRunId, {
        reason: req.body.reason,
        actor: actorOf(req),
      });
      if (refunded === 0) throw conflict('conflict', 'Nothing of this task run is left to refund');
      return { refunded };
    },
  });
}
