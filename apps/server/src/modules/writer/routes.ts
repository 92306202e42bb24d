import {
  contentListQuerySchema,
  contentSchema,
  contentSummarySchema,
  exportContentQuerySchema,
  generateContentBodySchema,
  lengthStatusOf,
  listOf,
  matchingIdsSchema,
  queueIdeasBodySchema,
  queueIdeasResultSchema,
  taskStartedSchema,
  updateContentBodySchema,
  writerTaskListQuerySchema,
  writerTaskSchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { siteOf } from '../../access/site-scope';
import { tenantOf, type TenantContext } from '../../access/context';
import { policies } from '../../access/policy';
import { matchingIds } from '../../http/matching-ids';
import type { RouteDeps } from '../../http/deps';
import { siteParams } from '../../http/params';
import { idempotencyKeyOf, taskStartHeaders } from '../../http/idempotency';
import { startGenerateContent } from './starts';
import { exportMany, exportOne, type ExportImage } from './export';
import { fitTo, sanitizeArticleHtml, wordCount } from './html';
import { generatedImageFiles } from './images-repo';
import * as repo from './repo';
import { scoreContextOf, scoreOf } from './score-repo';

export async function writerRoutes(
  root: FastifyInstance,
  { db, tasks, storage, publishing, billing, integrations }: RouteDeps,
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/accounts/:accountId/sites/:siteId';

  app.get(`${base}/writer/tasks`, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags: ['writer'],
      params: siteParams,
      querystring: writerTaskListQuerySchema,
      response: { 200: listOf(writerTaskSchema) },
    },
    handler: async (req) => {
      const t = tenantOf(req);
      return repo.listWriterTasks(db, t, req.params.siteId, req.query);
    },
  });

  app.get(`${base}/writer/tasks/ids`, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags: ['writer'],
      params: siteParams,
      querystring: writerTaskListQuerySchema,
      response: { 200: matchingIdsSchema },
    },
    handler: async (req) =>
      matchingIds((page) => repo.listWriterTasks(db, tenantOf(req), req.params.siteId, { ...req.query, ...page })),
  });

  app.post(`${base}/writer/tasks`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags: ['writer'],
      params: siteParams,
      body: queueIdeasBodySchema,
      response: { 201: queueIdeasResultSchema },
    },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const result = await db.transaction((tx) => repo.queueIdeas(tx, t, req.params.siteId, req.body.ideaIds));
      return reply.status(201).send(result);
    },
  });

  app.post(`${base}/contents/generate`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags: ['content'],
      params: siteParams,
      headers: taskStartHeaders,
      body: generateContentBodySchema,
      response: { 202: taskStartedSchema },
    },
    handler: async (req, reply) => {
      const taskId = await startGenerateContent(
        { db, tasks, billing, integrations },
        tenantOf(req),
        siteOf(req),
        req.body,
        idempotencyKeyOf(req),
      );
      return reply.status(202).send({ taskId });
    },
  });

  app.get(`${base}/contents/ids`, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags: ['content'],
      params: siteParams,
      querystring: contentListQuerySchema,
      response: { 200: matchingIdsSchema },
    },
    handler: async (req) =>
      matchingIds((page) => repo.listContents(db, tenantOf(req), req.params.siteId, { ...req.query, ...page })),
  });

  app.get(`${base}/contents`, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags: ['content'],
      params: siteParams,
      querystring: contentListQuerySchema,
      response: { 200: listOf(contentSummarySchema) },
    },
    handler: async (req) => {
      const t = tenantOf(req);
      return repo.listContents(db, t, req.params.siteId, req.query);
    },
  });

  /** The articles and their generated images' files: two queries, whatever the number of articles. */
  const loadForExport = async (t: TenantContext, siteId: string, ids: string[]) => {
    const found = await repo.requireContents(db, t, siteId, ids);
    const files = await generatedImageFiles(db, t, siteId, ids);
    const imagesOf = new Map<string, ExportImage[]>(ids.map((id) => [id, []]));
    for (const { image, fileKey } of files) {
      const data = fileKey ? await storage.get(fileKey) : undefined;
      if (data) imagesOf.get(image.contentId)!.push({ image, data });
    }
    return found.map((c) => ({ content: repo.toContent(c), images: imagesOf.get(c.id)! }));
  };

  app.get(`${base}/contents/export`, {
    config: { policy: policies.member('viewer') },
    schema: { tags: ['content'], params: siteParams, querystring: exportContentQuerySchema },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const site = siteOf(req);
      const items = await loadForExport(t, site.id, [...new Set(req.query.ids)]);
      if (items.length === 1) {
        const file = exportOne(items[0]!.content, items[0]!.images, req.query.format);
        return reply
          .header('content-type', file.mime)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .send(file.data);
      }
      const name = `${site.name.replace(/[^\w.-]+/g, '-').toLowerCase()}-articles-${req.query.format}.zip`;
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(exportMany(items, req.query.format));
    },
  });

  const contentParams = siteParams.extend({ contentId: z.string() });

  app.get(`${base}/contents/:contentId`, {
    config: { policy: policies.member('viewer') },
    schema: { tags: ['content'], params: contentParams, response: { 200: contentSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      const c = await repo.requireContent(db, t, req.params.siteId, req.params.contentId);
      return repo.toContent(c, await scoreContextOf(db, t, siteOf(req), c));
    },
  });

  app.patch(`${base}/contents/:contentId`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags: ['content'],
      params: contentParams,
      body: updateContentBodySchema,
      response: { 200: contentSchema },
    },
    handler: async (req) => {
      const t = tenantOf(req);
      const { siteId, contentId } = req.params;
      const current = await repo.requireContent(db, t, siteId, contentId);
      // A status change here obeys the editorial workflow like the transition endpoint (409 with the allowed states).
      if (req.body.status !== undefined)
        await publishing.setup.assertTransition(t, siteId, current.status, req.body.status);
      const { bodyHtml, excerpt, ...rest } = req.body;
      const clean = bodyHtml === undefined ? undefined : sanitizeArticleHtml(bodyHtml);
      const set = {
        ...rest,
        ...(excerpt !== undefined ? { excerpt: fitTo(excerpt, 500) } : {}),
        ...(clean !== undefined ? { bodyHtml: clean, wordCount: wordCount(clean) } : {}),
      };
      // Rescored on every save: the same function the editor runs live.
      const next = { ...current, ...set };
      const scoreContext = await scoreContextOf(db, t, siteOf(req), current);
      const breakdown = scoreOf(next, scoreContext);
      const lengthStatus = next.targetWordCount
        ? lengthStatusOf(next.wordCount, next.targetWordCount)
        : next.lengthStatus;
      await repo.updateContent(db, t, siteId, contentId, {
        ...set,
        score: breakdown.score,
        scoreBreakdown: breakdown,
        lengthStatus,
        lengthNote:
          lengthStatus === 'ok'
            ? null
            : clean === undefined || !next.targetWordCount
              ? next.lengthNote
              : `${next.wordCount} words against a target of ${next.targetWordCount}, after editing`,
      });
      return repo.toContent(await repo.requireContent(db, t, siteId, contentId), scoreContext);
    },
  });
}
