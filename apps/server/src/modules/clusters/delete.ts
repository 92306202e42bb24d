import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { record } from '../audit/service';
import * as repo from './repo';

/** Deletes a cluster of the site (its keywords become unclustered) and records it, in one transaction. */
export async function deleteCluster(db: Db, t: TenantContext, siteId: string, clusterId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const cluster = await repo.requireCluster(tx, t, siteId, clusterId);
    await repo.deleteCluster(tx, t, clusterId);
    await record(tx, t, {
      action: 'cluster.deleted',
      target: { type: 'cluster', id: clusterId, label: cluster.name },
      details: { siteId },
    });
  });
}
