import {
  brandVoiceBodySchema,
  brandVoiceChoiceSchema,
  brandVoicePatchSchema,
  brandVoiceSchema,
  siteSchema,
  taskStartedSchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import { siteOf } from '../../access/site-scope';
import type { RouteDeps } from '../../http/deps';
import { idempotencyKeyOf, taskStartHeaders } from '../../http/idempotency';
import { accountParams, siteParams } from '../../http/params';
import { requireSite, toSite } from '../sites/repo';
import { requireIds } from '../writer/repo';
import { estimates } from '../billing/estimates';
import { learnVoiceTask } from './learn-task';
import * as repo from './repo';
import * as service from './service';

const tags = ['brand-voices'];
const voiceParams = accountParams.extend({ voiceId: z.string() });

/** Brand voices (author profiles): every member reads; admins edit them and pick a site's; editors pick a writer task's. */
export async function voiceRoutes(root: FastifyInstance, { db, tasks, billing }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const A = '/api/v1/accounts/:accountId/brand-voices';

  app.get(A, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags,
      params: accountParams,
      response: { 200: z.object({ items: z.array(brandVoiceSchema), total: z.number().int() }) },
    },
    handler: async (req) => {
      const rows = await repo.listVoices(db, tenantOf(req));
      return { items: rows.map(repo.toBrandVoice), total: rows.length };
    },
  });

  app.post(A, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: accountParams, body: brandVoiceBodySchema, response: { 201: brandVoiceSchema } },
    handler: async (req, reply) => reply.status(201).send(await service.createVoice(db, tenantOf(req), req.body)),
  });

  app.get(`${A}/:voiceId`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: voiceParams, response: { 200: brandVoiceSchema } },
    handler: async (req) => repo.toBrandVoice(await repo.requireVoice(db, tenantOf(req), req.params.voiceId)),
  });

  app.patch(`${A}/:voiceId`, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: voiceParams, body: brandVoicePatchSchema, response: { 200: brandVoiceSchema } },
    handler: async (req) => service.updateVoice(db, tenantOf(req), req.params.voiceId, req.body),
  });

  app.delete(`${A}/:voiceId`, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: voiceParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await service.deleteVoice(db, tenantOf(req), req.params.voiceId);
      return reply.status(204).send(null);
    },
  });

  app.post(`${A}/:voiceId/learn`, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: voiceParams, headers: taskStartHeaders, response: { 202: taskStartedSchema } },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const voice = await repo.requireVoice(db, t, req.params.voiceId);
      const taskId = await tasks.start(
        t,
        learnVoiceTask,
        { voiceId: voice.id },
        {
          title: `Learn the style of “${voice.name}” from its samples`,
          resultPath: `/a/${t.accountId}/brand-voices`,
          idempotencyKey: idempotencyKeyOf(req),
          // Held when it starts: 402 insufficient_credits before the provider is asked.
          credits: estimates.styleGuide(await billing.costs()),
        },
      );
      return reply.status(202).send({ taskId });
    },
  });

  app.put('/api/v1/accounts/:accountId/sites/:siteId/brand-voice', {
    config: { policy: policies.member('admin') },
    schema: { tags, params: siteParams, body: brandVoiceChoiceSchema, response: { 200: siteSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      await repo.assertChoosable(db, t, req.body.brandVoiceId);
      await repo.setSiteVoice(db, t, siteOf(req).id, req.body.brandVoiceId);
      return toSite(await requireSite(db, t, siteOf(req).id));
    },
  });

  app.put('/api/v1/accounts/:accountId/sites/:siteId/writer/tasks/:writerTaskId/brand-voice', {
    config: { policy: policies.member('editor') },
    schema: {
      tags,
      params: siteParams.extend({ writerTaskId: z.string() }),
      body: brandVoiceChoiceSchema,
      response: { 200: brandVoiceChoiceSchema },
    },
    handler: async (req) => {
      const t = tenantOf(req);
      // The writer task first: another site's task is a 404 whatever the voice.
      await requireIds(db, t, siteOf(req).id, 'writerTask', [req.params.writerTaskId]);
      await repo.assertChoosable(db, t, req.body.brandVoiceId);
      await repo.setWriterTaskVoice(db, t, siteOf(req).id, req.params.writerTaskId, req.body.brandVoiceId);
      return { brandVoiceId: req.body.brandVoiceId };
    },
  });
}
