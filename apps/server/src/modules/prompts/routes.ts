import {
  promptFunctionSchema,
  promptItemViewSchema,
  promptPreviewBodySchema,
  promptPreviewSchema,
  promptTextSchema,
  promptVersionSchema,
  promptViewSchema,
  type PromptItemType,
} from '@igny8/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import type { RouteDeps } from '../../http/deps';
import { accountParams, siteParams } from '../../http/params';
import { brandVoiceText } from '../../ai/prompts/brand-voice';
import { requireVoice } from '../voices/repo';
import * as repo from './repo';
import { accountScope } from './repo';
import * as service from './service';

const tags = ['prompts'];
const fnParams = accountParams.extend({ function: promptFunctionSchema });
const versionsSchema = z.object({ items: z.array(promptVersionSchema) });
/** The shape handlers see; the real schema names the id `ideaId` or `writerTaskId`. */
const itemParams = siteParams.extend({ function: promptFunctionSchema });

/** The prompt library: every member reads; admins edit the account's prompts and each idea's or writer task's. */
export async function promptRoutes(root: FastifyInstance, { db }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const read = policies.member('viewer');
  const edit = policies.member('admin');
  const A = '/api/v1/accounts/:accountId/prompts';

  app.get(A, {
    config: { policy: read },
    schema: { tags, params: accountParams, response: { 200: z.object({ items: z.array(promptViewSchema) }) } },
    handler: async (req) => ({ items: await service.listPrompts(db, tenantOf(req)) }),
  });

  app.get(`${A}/:function`, {
    config: { policy: read },
    schema: { tags, params: fnParams, response: { 200: promptViewSchema } },
    handler: async (req) => service.getPrompt(db, tenantOf(req), req.params.function),
  });

  app.put(`${A}/:function`, {
    config: { policy: edit },
    schema: { tags, params: fnParams, body: promptTextSchema, response: { 200: promptViewSchema } },
    handler: async (req) => {
      await service.savePrompt(db, tenantOf(req), req.params.function, accountScope, req.body);
      return service.getPrompt(db, tenantOf(req), req.params.function);
    },
  });

  app.delete(`${A}/:function`, {
    config: { policy: edit },
    schema: { tags, params: fnParams, response: { 200: promptViewSchema } },
    handler: async (req) => {
      await service.savePrompt(db, tenantOf(req), req.params.function, accountScope, null);
      return service.getPrompt(db, tenantOf(req), req.params.function);
    },
  });

  app.get(`${A}/:function/versions`, {
    config: { policy: read },
    schema: { tags, params: fnParams, response: { 200: versionsSchema } },
    handler: async (req) => ({ items: await repo.listVersions(db, tenantOf(req), req.params.function, accountScope) }),
  });

  app.post(`${A}/:function/preview`, {
    config: { policy: read },
    schema: { tags, params: fnParams, body: promptPreviewBodySchema, response: { 200: promptPreviewSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      const current = (await service.getPrompt(db, t, req.params.function)).effective;
      const text = { system: req.body.system ?? current.system, prompt: req.body.prompt ?? current.prompt };
      const voice = req.body.brandVoiceId
        ? brandVoiceText(await requireVoice(db, t, req.body.brandVoiceId))
        : undefined;
      return service.previewPrompt(req.params.function, text, voice);
    },
  });

  // One idea's or writer task's own prompt, ahead of the account's.
  const items = [
    { path: 'ideas/:ideaId', param: 'ideaId', itemType: 'idea' },
    { path: 'writer/tasks/:writerTaskId', param: 'writerTaskId', itemType: 'writer_task' },
  ] as const;
  for (const { path, param, itemType } of items) {
    const url = `/api/v1/accounts/:accountId/sites/:siteId/${path}/prompts/:function`;
    const params = itemParams.extend({ [param]: z.string() }) as unknown as typeof itemParams;
    const scopeOf = async (req: FastifyRequest & { params: z.infer<typeof itemParams> }) => {
      const id = (req.params as unknown as Record<string, string>)[param]!;
      return (await repo.requireItem(db, tenantOf(req), req.params.siteId, itemType, id)) as repo.PromptScope & {
        itemType: PromptItemType;
        itemId: string;
      };
    };

    app.get(url, {
      config: { policy: read },
      schema: { tags, params, response: { 200: promptItemViewSchema } },
      handler: async (req) => service.getItemPrompt(db, tenantOf(req), req.params.function, await scopeOf(req)),
    });

    app.put(url, {
      config: { policy: edit },
      schema: { tags, params, body: promptTextSchema, response: { 200: promptItemViewSchema } },
      handler: async (req) => {
        const scope = await scopeOf(req);
        await service.savePrompt(db, tenantOf(req), req.params.function, scope, req.body);
        return service.getItemPrompt(db, tenantOf(req), req.params.function, scope);
      },
    });

    app.delete(url, {
      config: { policy: edit },
      schema: { tags, params, response: { 200: promptItemViewSchema } },
      handler: async (req) => {
        const scope = await scopeOf(req);
        await service.savePrompt(db, tenantOf(req), req.params.function, scope, null);
        return service.getItemPrompt(db, tenantOf(req), req.params.function, scope);
      },
    });

    app.get(`${url}/versions`, {
      config: { policy: read },
      schema: { tags, params, response: { 200: versionsSchema } },
      handler: async (req) => ({
        items: await repo.listVersions(db, tenantOf(req), req.params.function, await scopeOf(req)),
      }),
    });
  }
}
