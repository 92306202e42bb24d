import { funnelSchema } from '@igny8/contracts';
import { and, count, eq, isNotNull, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { siteOf } from '../../access/site-scope';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import { clusters, contents, ideas, images, keywords, writerTasks } from '../../db/schema/index';
import type { RouteDeps } from '../../http/deps';
import { siteParams } from '../../http/params';
import { inSite } from '../../db/query';

type PipelineTable = typeof keywords | typeof clusters | typeof ideas | typeof writerTasks | typeof contents | typeof images;

/** The pipeline funnel of one site: how far its keywords have come. */
export async function dashboardRoutes(root: FastifyInstance, { db }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/accounts/:accountId/sites/:siteId/funnel', {
    config: { policy: policies.member('viewer') },
    schema: { tags: ['dashboard'], params: siteParams, response: { 200: funnelSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      const site = siteOf(req);
      // Counts of one site's rows in each pipeline table (each is indexed by site).
      const countIn = async (table: PipelineTable, ...extra: SQL[]) =>
        (await db.select({ n: count() }).from(table).where(and(inSite(table, t, site.id), ...extra)))[0]?.n ?? 0;
      const [kw, clustered, cl, id, queued, ct, img, failed] = await Promise.all([
        countIn(keywords),
        countIn(keywords, isNotNull(keywords.clusterId)),
        countIn(clusters),
        countIn(ideas),
        countIn(writerTasks),
        countIn(contents),
        countIn(images, eq(images.status, 'generated')),
        countIn(images, eq(images.status, 'failed')),
      ]);
      return { keywords: kw, clusteredKeywords: clustered, clusters: cl, ideas: id, queued, contents: ct, images: img, failedImages: failed };
    },
  });
}
