import {
  generateImagePromptsBodySchema,
  generateImagesBodySchema,
  imageListQuerySchema,
  imagePromptSchema,
  imageSchema,
  listOf,
  taskStartedSchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { siteOf } from '../../access/site-scope';
import { tenantOf, type TenantContext } from '../../access/context';
import { policies } from '../../access/policy';
import type { RouteDeps } from '../../http/deps';
import { siteParams } from '../../http/params';
import { idempotencyKeyOf, taskStartHeaders } from '../../http/idempotency';
import { conflict, notFound } from '../../http/errors';
import type { SiteRow } from '../sites/repo';
import { startGenerateImagePrompts, startGenerateImages } from './starts';
import * as images from './images-repo';
import { requireIds } from './repo';

const imageParams = siteParams.extend({ imageId: z.string() });

export async function imageRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { db, storage } = deps;
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/accounts/:accountId/sites/:siteId';

  app.post(`${base}/image-prompts/generate`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags: ['images'],
      params: siteParams,
      headers: taskStartHeaders,
      body: generateImagePromptsBodySchema,
      response: { 202: taskStartedSchema },
    },
    handler: async (req, reply) => {
      const taskId = await startGenerateImagePrompts(deps, tenantOf(req), siteOf(req), req.body, idempotencyKeyOf(req));
      return reply.status(202).send({ taskId });
    },
  });

  app.get(`${base}/image-prompts`, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags: ['images'],
      params: siteParams,
      querystring: z.object({ contentId: z.uuid().optional() }),
      response: { 200: listOf(imagePromptSchema) },
    },
    handler: async (req) => {
      const t = tenantOf(req);
      const items = await images.listImagePrompts(db, t, req.params.siteId, req.query.contentId);
      return { items, total: items.length };
    },
  });

  app.post(`${base}/images/generate`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags: ['images'],
      params: siteParams,
      headers: taskStartHeaders,
      body: generateImagesBodySchema,
      response: { 202: taskStartedSchema },
    },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const site = siteOf(req);
      const promptIds = new Set(
        req.body.imagePromptIds ? await requireIds(db, t, site.id, 'imagePrompt', req.body.imagePromptIds) : [],
      );
      if (req.body.contentIds?.length) {
        const contentIds = await requireIds(db, t, site.id, 'content', req.body.contentIds);
        for (const id of await images.imagePromptIdsOfContents(db, t, site.id, contentIds)) promptIds.add(id);
      }
      if (promptIds.size === 0)
        throw conflict('conflict', 'These articles have no image prompts yet: generate image prompts first');
      const taskId = await startGenerateImages(
        deps,
        t,
        site,
        { imagePromptIds: [...promptIds], soften: false, quality: req.body.quality },
        idempotencyKeyOf(req),
      );
      return reply.status(202).send({ taskId });
    },
  });

  app.get(`${base}/images`, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags: ['images'],
      params: siteParams,
      querystring: imageListQuerySchema,
      response: { 200: listOf(imageSchema) },
    },
    handler: async (req) => {
      const t = tenantOf(req);
      return images.listImages(db, t, req.params.siteId, req.query);
    },
  });

  // Files only to members of the account: the same policy and tenant check as everything else.
  app.get(`${base}/images/:imageId/file`, {
    config: { policy: policies.member('viewer') },
    schema: { tags: ['images'], params: imageParams },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const image = await images.requireImage(db, t, req.params.siteId, req.params.imageId);
      const data = image.fileKey ? await storage.get(image.fileKey) : undefined;
      if (!data) throw notFound('Image file');
      return reply
        .header('content-type', image.mimeType ?? 'image/png')
        .header('cache-control', 'private, max-age=3600')
        .send(data);
    },
  });

  const startRetry = async (
    t: TenantContext,
    site: SiteRow,
    imageId: string,
    soften: boolean,
    idempotencyKey: string | null,
  ) => {
    const image = await images.requireImage(db, t, site.id, imageId);
    if (soften && image.error?.code !== 'provider_content_policy') {
      throw conflict('conflict', 'Only an image refused by the content policy needs its prompt rewritten');
    }
    const title = soften ? 'Rewrite an image prompt and retry' : 'Regenerate an image';
    return startGenerateImages(deps, t, site, { imagePromptIds: [image.imagePromptId], soften, title }, idempotencyKey);
  };

  app.post(`${base}/images/:imageId/regenerate`, {
    config: { policy: policies.member('editor') },
    schema: { tags: ['images'], params: imageParams, headers: taskStartHeaders, response: { 202: taskStartedSchema } },
    handler: async (req, reply) =>
      reply.status(202).send({
        taskId: await startRetry(tenantOf(req), siteOf(req), req.params.imageId, false, idempotencyKeyOf(req)),
      }),
  });

  app.post(`${base}/images/:imageId/rewrite-and-retry`, {
    config: { policy: policies.member('editor') },
    schema: { tags: ['images'], params: imageParams, headers: taskStartHeaders, response: { 202: taskStartedSchema } },
    handler: async (req, reply) =>
      reply.status(202).send({
        taskId: await startRetry(tenantOf(req), siteOf(req), req.params.imageId, true, idempotencyKeyOf(req)),
      }),
  });
}
