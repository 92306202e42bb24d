import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import {
  matchingIdsSchema,
  addKeywordsBodySchema,
  addKeywordsResultSchema,
  bulkResultSchema,
  cannibalKeywordSchema,
  cannibalQuerySchema,
  importPreviewSchema,
  importQuerySchema,
  importResultSchema,
  keywordBulkBodySchema,
  keywordListQuerySchema,
  keywordSchema,
  listOf,
  normalizePhrase,
  plural,
  updateKeywordBodySchema,
  serpImportResultSchema,
  fetchSerpsBodySchema,
  taskStartedSchema,
} from '@igny8/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { siteOf } from '../../access/site-scope';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import { matchingIds } from '../../http/matching-ids';
import type { RouteDeps } from '../../http/deps';
import { siteParams } from '../../http/params';
import { idempotencyKeyOf, taskStartHeaders } from '../../http/idempotency';
import { isUniqueViolation } from '../../db/errors';
import { AppError, conflict, notFound } from '../../http/errors';
import { requireCluster } from '../clusters/repo';
import { requireSector, sectorOrDefault } from '../sectors/repo';
import { deleteKeywords } from './delete';
import { exportHeader, exportRows } from './export';
import { importKeywordCsv, tooLarge } from './import';
import { importSerpCsv } from './serp-import';
import { estimates } from '../billing/estimates';
import { serpProviderName } from './serp-provider';
import { fetchSerpsTask, serpProviderMissing } from './serp-task';
import { listCannibalisedKeywords } from './pipeline-repo';
import * as repo from './repo';

const tags = ['keywords'];
const keywordParams = siteParams.extend({ keywordId: z.string() });
/** A multipart file part: busboy cuts a file at the size limit and marks it truncated, which must not import as a shorter file. */
async function* untruncated(file: Readable & { truncated?: boolean }, maxBytes: number): AsyncGenerator<Buffer> {
  for await (const chunk of file.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
  if (file.truncated) throw tooLarge(maxBytes);
}

/**
 * The uploaded CSV of a request, as a stream (text/csv, or multipart field "file"): the body to close
 * the connection on when a read stops early, and the bytes.
 */
async function csvUpload(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ body: Readable; source: AsyncIterable<Buffer> }> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes + 64 * 1024) throw tooLarge(maxBytes);
  // Not destroyed when the import stops early (a cap): the refusal must still reach the client.
  if (req.isMultipart()) {
    const file = await req.file();
    if (!file || file.fieldname !== 'file')
      throw new AppError(400, 'validation_failed', 'Send the CSV in a form field named "file"');
    return { body: file.file, source: untruncated(file.file, maxBytes) };
  }
  if (req.body instanceof Readable) return { body: req.body, source: req.body.iterator({ destroyOnReturn: false }) };
  throw new AppError(415, 'unsupported_media_type', 'Send the CSV as text/csv or as multipart/form-data field "file"');
}

export async function keywordRoutes(
  root: FastifyInstance,
  { db, tasks, storage, config, billing }: RouteDeps,
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const limits = {
    maxBytes: config.IMPORT_MAX_BYTES,
    maxRows: config.IMPORT_MAX_ROWS,
    accountMaxKeywords: config.ACCOUNT_MAX_KEYWORDS,
  };
  // The body stays a stream: the import reads it as it arrives, never the whole file at once.
  app.addContentTypeParser(['text/csv', 'application/csv'], (_req, payload, done) => done(null, payload));
  await app.register(multipart, { limits: { fileSize: limits.maxBytes, files: 1 } });
  const base = '/api/v1/accounts/:accountId/sites/:siteId/keywords';

  app.get(base, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, querystring: keywordListQuerySchema, response: { 200: listOf(keywordSchema) } },
    handler: async (req) => {
      const t = tenantOf(req);
      return repo.listKeywords(db, t, req.params.siteId, req.query);
    },
  });

  app.get(`${base}/ids`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, querystring: keywordListQuerySchema, response: { 200: matchingIdsSchema } },
    handler: async (req) =>
      matchingIds((page) => repo.listKeywords(db, tenantOf(req), req.params.siteId, { ...req.query, ...page })),
  });

  app.post(base, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: siteParams, body: addKeywordsBodySchema, response: { 201: addKeywordsResultSchema } },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const phrases = new Set(req.body.keywords.map((k) => normalizePhrase(k.phrase)));
      const room = await billing.room(db, t, 'keywords');
      // Only new phrases take room: merges into the site's keywords never count.
      if (room && phrases.size > room.left) {
        const adding = phrases.size - (await repo.existingSitePhrases(db, t, req.params.siteId, phrases)).size;
        await billing.assertRoom(db, t, 'keywords', adding);
      }
      const sector = await sectorOrDefault(db, t, req.params.siteId, req.body.sectorId);
      const counts = await db.transaction((tx) =>
        repo.upsertKeywords(tx, t, req.params.siteId, req.body.keywords, {
          language: siteOf(req).language,
          source: 'user',
          sectorId: sector.id,
        }),
      );
      return reply.status(201).send(counts);
    },
  });

  app.get(`${base}/cannibalisation`, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags,
      params: siteParams,
      querystring: cannibalQuerySchema,
      response: { 200: listOf(cannibalKeywordSchema) },
    },
    handler: async (req) => listCannibalisedKeywords(db, tenantOf(req), siteOf(req).id, req.query),
  });

  app.get(`${base}/export`, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags,
      params: siteParams,
      querystring: keywordListQuerySchema.omit({ limit: true, offset: true, sort: true, order: true }),
    },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const site = siteOf(req);
      const lines = [exportHeader];
      for await (const page of repo.exportKeywords(db, t, site.id, req.query)) lines.push(exportRows(page));
      const filename = `${site.name.replace(/[^\w.-]+/g, '-').toLowerCase()}-keywords.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(`\uFEFF${lines.join('')}`);
    },
  });

  app.post(`${base}/import`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags,
      params: siteParams,
      querystring: importQuerySchema,
      headers: taskStartHeaders,
      consumes: ['text/csv', 'multipart/form-data'],
      response: { 200: importPreviewSchema, 201: importResultSchema, 202: importResultSchema },
    },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const site = siteOf(req);
      const { body, source } = await csvUpload(req, limits.maxBytes);
      try {
        const result = await importKeywordCsv({ db, tasks, storage, limits, billing }, t, site, source, {
          ...req.query,
          idempotencyKey: idempotencyKeyOf(req),
        });
        return await reply.status(result.status).send(result.body);
      } catch (e) {
        if (!body.readableEnded) reply.header('connection', 'close');
        throw e;
      }
    },
  });

  // Each keyword's top search results (an SEO tool's SERP export), for clustering by SERP overlap.
  app.post(`${base}/serps/import`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags,
      params: siteParams,
      consumes: ['text/csv', 'multipart/form-data'],
      response: { 200: serpImportResultSchema },
    },
    handler: async (req, reply) => {
      const { body, source } = await csvUpload(req, limits.maxBytes);
      try {
        return await importSerpCsv(db, tenantOf(req), siteOf(req), source, limits);
      } catch (e) {
        if (!body.readableEnded) reply.header('connection', 'close');
        throw e;
      }
    },
  });

  // The same from the platform's SERP provider: a search per keyword, as a task.
  app.post(`${base}/serps/fetch`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags,
      params: siteParams,
      headers: taskStartHeaders,
      body: fetchSerpsBodySchema,
      response: { 202: taskStartedSchema },
    },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const site = siteOf(req);
      // Ids of another site or account are a 404 first, as on every route.
      const keywordIds = [...(await repo.requireKeywordIds(db, t, site.id, req.body.keywordIds)).keys()];
      if (serpProviderName(config) === null) throw serpProviderMissing();
      const n = keywordIds.length;
      const taskId = await tasks.start(
        t,
        fetchSerpsTask,
        { siteId: site.id, keywordIds },
        {
          title: `Fetch search results of ${plural(n, 'keyword')}`,
          siteId: site.id,
          resultPath: `/a/${t.accountId}/sites/${site.id}/keywords`,
          idempotencyKey: idempotencyKeyOf(req),
          // One search per keyword, held before it starts (402 insufficient_credits when the account lacks them).
          credits: estimates.serpSearches(await billing.costs(), n),
        },
      );
      return reply.status(202).send({ taskId });
    },
  });

  app.post(`${base}/bulk`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: siteParams, body: keywordBulkBodySchema, response: { 200: bulkResultSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      const siteId = siteOf(req).id;
      const b = req.body;
      if (b.action === 'delete') return { affected: await deleteKeywords(db, t, siteId, b.keywordIds) };
      if (b.action === 'setIntent')
        return { affected: await repo.setKeywordFields(db, t, siteId, b.keywordIds, { intent: b.intent }) };
      if (b.action === 'moveToSector') {
        await requireSector(db, t, siteId, b.sectorId);
        return { affected: await repo.moveKeywordsToSector(db, t, siteId, b.keywordIds, b.sectorId) };
      }
      // Keywords put into a cluster go into its sector with it: a cluster never mixes sectors.
      if (b.clusterId) {
        const cluster = await requireCluster(db, t, siteId, b.clusterId);
        return {
          affected: await repo.setKeywordFields(db, t, siteId, b.keywordIds, {
            clusterId: cluster.id,
            sectorId: cluster.sectorId,
          }),
        };
      }
      return { affected: await repo.setKeywordFields(db, t, siteId, b.keywordIds, { clusterId: null }) };
    },
  });

  const requireKeyword = async (t: ReturnType<typeof tenantOf>, siteId: string, id: string) => {
    const k = await repo.getKeyword(db, t, siteId, id);
    if (!k) throw notFound('Keyword');
    return k;
  };

  app.get(`${base}/:keywordId`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: keywordParams, response: { 200: keywordSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      return requireKeyword(t, req.params.siteId, req.params.keywordId);
    },
  });

  app.patch(`${base}/:keywordId`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: keywordParams, body: updateKeywordBodySchema, response: { 200: keywordSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      const { siteId, keywordId } = req.params;
      await requireKeyword(t, siteId, keywordId);
      const patch = { ...req.body };
      if (patch.sectorId !== undefined) await requireSector(db, t, siteId, patch.sectorId);
      if (patch.clusterId) {
        // The keyword goes into the cluster's sector; naming another sector as well is a contradiction.
        const cluster = await requireCluster(db, t, siteId, patch.clusterId);
        if (patch.sectorId !== undefined && patch.sectorId !== cluster.sectorId) {
          throw new AppError(422, 'sector_mismatch', 'The cluster is in another sector: a cluster never mixes sectors');
        }
        patch.sectorId = cluster.sectorId;
      } else if (patch.sectorId !== undefined && patch.clusterId === undefined) {
        // Moving sectors leaves a cluster of the old sector.
        const placed = await repo.keywordPlacement(db, t, siteId, keywordId);
        if (placed?.clusterId && placed.clusterSectorId !== patch.sectorId) patch.clusterId = null;
      }
      try {
        await repo.updateKeyword(db, t, siteId, keywordId, patch);
      } catch (e) {
        if (isUniqueViolation(e)) {
          throw conflict('conflict', 'The site already has this keyword');
        }
        throw e;
      }
      return requireKeyword(t, siteId, keywordId);
    },
  });

  app.delete(`${base}/:keywordId`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: keywordParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      await requireKeyword(t, req.params.siteId, req.params.keywordId);
      await deleteKeywords(db, t, req.params.siteId, [req.params.keywordId]);
      return reply.status(204).send(null);
    },
  });
}
