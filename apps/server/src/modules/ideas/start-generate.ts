import { plural } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { RouteDeps } from '../../http/deps';
import { estimates } from '../billing/estimates';
import { requireClusterNames } from '../clusters/repo';
import type { SiteRow } from '../sites/repo';
import { generateIdeasTask } from './generate-task';

/** Starts idea generation for these clusters (the generate route and "retry failed items"). */
export async function startGenerateIdeas(
  { db, tasks, billing }: Pick<RouteDeps, 'db' | 'tasks' | 'billing'>,
  t: TenantContext,
  site: SiteRow,
  body: { clusterIds: string[]; perCluster: number },
  idempotencyKey: string | null,
): Promise<string> {
  const ids = [...new Set(body.clusterIds)];
  const names = await requireClusterNames(db, t, site.id, ids);
  return tasks.start(
    t,
    generateIdeasTask,
    { siteId: site.id, clusterIds: ids, perCluster: body.perCluster },
    {
      title: `Generate ${plural(body.perCluster, 'idea')} ${ids.length === 1 ? `for “${names[0]}”` : `for each of ${ids.length} clusters`}`,
      siteId: site.id,
      resultPath: `/a/${t.accountId}/sites/${site.id}/ideas`,
      idempotencyKey,
      credits: estimates.ideas(await billing.costs(), ids.length, body.perCluster),
    },
  );
}
