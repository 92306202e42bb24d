import {
  calendarQuerySchema,
  calendarSchema,
  contentSchema,
  createDestinationBodySchema,
  destinationListSchema,
  destinationSchema,
  maybeTaskStartedSchema,
  destinationTestSchema,
  publicationListQuerySchema,
  publicationListSchema,
  publishBodySchema,
  publishingSettingsSchema,
  publishResultSchema,
  rescheduleBodySchema,
  savePublishingSettingsBodySchema,
  syncBodySchema,
  transitionContentBodySchema,
  unpublishBodySchema,
  updateDestinationBodySchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import { siteOf } from '../../access/site-scope';
import type { RouteDeps } from '../../http/deps';
import { idempotencyKeyOf, taskStartHeaders } from '../../http/idempotency';
import { siteParams } from '../../http/params';
import * as writerRepo from '../writer/repo';
import * as repo from './repo';

const tags = ['publishing'];

/** Destinations, settings, the editorial workflow, publishing and the calendar of a site. */
export async function publishingRoutes(root: FastifyInstance, { db, publishing }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { setup, publisher } = publishing;
  const S = '/api/v1/accounts/:accountId/sites/:siteId';
  const P = `${S}/publishing`;
  const destinationParams = siteParams.extend({ destinationId: z.string() });

  app.get(`${P}/destinations`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, response: { 200: destinationListSchema } },
    handler: async (req) => ({ items: await setup.listDestinations(tenantOf(req), siteOf(req).id) }),
  });

  // Destinations hold credentials, like AI keys: admins manage them.
  app.post(`${P}/destinations`, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: siteParams, body: createDestinationBodySchema, response: { 201: destinationSchema } },
    handler: async (req, reply) =>
      reply.status(201).send(await setup.createDestination(tenantOf(req), siteOf(req).id, req.body)),
  });

  app.patch(`${P}/destinations/:destinationId`, {
    config: { policy: policies.member('admin') },
    schema: {
      tags,
      params: destinationParams,
      body: updateDestinationBodySchema,
      response: { 200: destinationSchema },
    },
    handler: async (req) => setup.updateDestination(tenantOf(req), siteOf(req).id, req.params.destinationId, req.body),
  });

  app.delete(`${P}/destinations/:destinationId`, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: destinationParams },
    handler: async (req, reply) => {
      await setup.deleteDestination(tenantOf(req), siteOf(req).id, req.params.destinationId);
      return reply.status(204).send();
    },
  });

  app.post(`${P}/destinations/:destinationId/test`, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: destinationParams, response: { 200: destinationTestSchema } },
    handler: async (req) => setup.testDestination(tenantOf(req), siteOf(req).id, req.params.destinationId),
  });

  app.get(`${P}/settings`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, response: { 200: publishingSettingsSchema } },
    handler: async (req) => setup.settings(tenantOf(req), siteOf(req).id),
  });

  app.put(`${P}/settings`, {
    config: { policy: policies.member('admin') },
    schema: {
      tags,
      params: siteParams,
      body: savePublishingSettingsBodySchema,
      response: { 200: publishingSettingsSchema },
    },
    handler: async (req) => setup.saveSettings(tenantOf(req), siteOf(req).id, req.body),
  });

  app.post(`${S}/contents/:contentId/transition`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags,
      params: siteParams.extend({ contentId: z.string() }),
      body: transitionContentBodySchema,
      response: { 200: contentSchema },
    },
    handler: async (req) => {
      const t = tenantOf(req);
      const { siteId, contentId } = req.params;
      await setup.transition(t, siteId, contentId, req.body.to);
      return writerRepo.toContent(await writerRepo.requireContent(db, t, siteId, contentId));
    },
  });

  app.post(`${P}/publish`, {
    config: { policy: policies.member('editor') },
    schema: {
      tags,
      params: siteParams,
      headers: taskStartHeaders,
      body: publishBodySchema,
      response: { 202: publishResultSchema },
    },
    // A repeated Idempotency-Key (a double click, a retry after a lost answer) answers the same publish task.
    handler: async (req, reply) =>
      reply
        .status(202)
        .send(await publisher.publish(tenantOf(req), siteOf(req), req.body, { idempotencyKey: idempotencyKeyOf(req) })),
  });

  app.post(`${P}/unpublish`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: siteParams, body: unpublishBodySchema, response: { 202: publishResultSchema } },
    handler: async (req, reply) =>
      reply.status(202).send(await publisher.unpublish(tenantOf(req), siteOf(req), req.body)),
  });

  app.post(`${P}/reschedule`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: siteParams, body: rescheduleBodySchema, response: { 202: publishResultSchema } },
    handler: async (req, reply) =>
      reply.status(202).send(await publisher.reschedule(tenantOf(req), siteOf(req), req.body)),
  });

  app.post(`${P}/sync`, {
    config: { policy: policies.member('editor') },
    schema: { tags, params: siteParams, body: syncBodySchema, response: { 202: maybeTaskStartedSchema } },
    handler: async (req, reply) =>
      reply.status(202).send(await publisher.sync(tenantOf(req), siteOf(req), req.body.contentIds)),
  });

  app.get(`${P}/publications`, {
    config: { policy: policies.member('viewer') },
    schema: {
      tags,
      params: siteParams,
      querystring: publicationListQuerySchema,
      response: { 200: publicationListSchema },
    },
    handler: async (req) => ({
      items: await repo.listPublications(
        db,
        tenantOf(req),
        siteOf(req).id,
        req.query.contentId ? { contentIds: [req.query.contentId] } : {},
      ),
    }),
  });

  app.get(`${P}/calendar`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, querystring: calendarQuerySchema, response: { 200: calendarSchema } },
    handler: async (req) => {
      const now = Date.now();
      const from = req.query.from ? new Date(req.query.from) : new Date(now - 31 * 86_400_000);
      const to = req.query.to ? new Date(req.query.to) : new Date(from.getTime() + 62 * 86_400_000);
      return { items: await publisher.calendar(tenantOf(req), siteOf(req).id, from, to) };
    },
  });
}
