import type { Funnel } from '@igny8/contracts';
import { and, count, eq, isNotNull, type SQL } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { inSite } from '../../db/query';
import { clusters, contents, ideas, images, keywords, writerTasks } from '../../db/schema/index';

type PipelineTable =
  typeof keywords | typeof clusters | typeof ideas | typeof writerTasks | typeof contents | typeof images;

/** The pipeline funnel of one site: how far its keywords have come (each table is indexed by site). */
export async function siteFunnel(db: Db, t: TenantContext, siteId: string): Promise<Funnel> {
  const countIn = async (table: PipelineTable, ...extra: SQL[]) =>
    (
      await db
        .select({ n: count() })
        .from(table)
        .where(and(inSite(table, t, siteId), ...extra))
    )[0]?.n ?? 0;
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
  return {
    keywords: kw,
    clusteredKeywords: clustered,
    clusters: cl,
    ideas: id,
    queued,
    contents: ct,
    images: img,
    failedImages: failed,
  };
}
