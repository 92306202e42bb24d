import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { record } from '../audit/service';
import * as repo from './repo';

/** Deletes ideas of the site and records it, in one transaction. */
export async function deleteIdeas(db: Db, t: TenantContext, siteId: string, ids: string[]): Promise<number> {
  return db.transaction(async (tx) => {
    const affected = await repo.deleteIdeas(tx, t, siteId, ids);
    if (affected > 0)
      await record(tx, t, {
        action: 'idea.deleted',
        target: { type: 'site', id: siteId },
        details: { count: affected },
      });
    return affected;
  });
}
