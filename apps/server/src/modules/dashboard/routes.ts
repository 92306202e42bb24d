import { funnelSchema } from '@igny8/contracts';
import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { siteOf } from '../../access/site-scope';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import { clusters, contents, ideas, images, keywords, writerTasks } from '../../db/schema/index';
import type { RouteDeps } from '../../http/deps';

/** The pipeline funnel of one site: how far its keywords have come. */
export async function dashboardRoutes(root: FastifyInstance, { db }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/accounts/:accountId/sites/:siteId/funnel', {
    config: { policy: policies.member('viewer') },
    schema: { tags: ['dashboard'], params: z.object({ accountId: z.string(), siteId: z.string() }), response: { 200: funnelSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      const site = siteOf(req);
      const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
      const scoped = <T extends { accountId: typeof keywords.accountId; siteId: typeof keywords.siteId }>(table: T) =>
        and(eq(table.accountId, t.accountId), eq(table.siteId, site.id));
      const [kw, clustered, cl, id, queued, ct, img, failed] = await Promise.all([
        n(db.select({ n: count() }).from(keywords).where(scoped(keywords))),
        n(db.select({ n: count() }).from(keywords).where(and(scoped(keywords), isNotNull(keywords.clusterId)))),
        n(db.select({ n: count() }).from(clusters).where(and(eq(clusters.accountId, t.accountId), eq(clusters.siteId, site.id)))),
        n(db.select({ n: count() }).from(ideas).where(and(eq(ideas.accountId, t.accountId), eq(ideas.siteId, site.id)))),
        n(db.select({ n: count() }).from(writerTasks).where(and(eq(writerTasks.accountId, t.accountId), eq(writerTasks.siteId, site.id)))),
        n(db.select({ n: count() }).from(contents).where(and(eq(contents.accountId, t.accountId), eq(contents.siteId, site.id)))),
        n(db.select({ n: count() }).from(images).where(and(eq(images.accountId, t.accountId), eq(images.siteId, site.id), eq(images.status, 'generated')))),
        n(db.select({ n: sql<number>`count(*)::int` }).from(images).where(and(eq(images.accountId, t.accountId), eq(images.siteId, site.id), eq(images.status, 'failed')))),
      ]);
      return { keywords: kw, clusteredKeywords: clustered, clusters: cl, ideas: id, queued, contents: ct, images: img, failedImages: failed };
    },
  });
}
