import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { record } from '../audit/service';
import * as repo from './repo';

/** Deletes keywords of the site (ids elsewhere are untouched) and records how many went, in one transaction. The ids asked for are not recorded: they may name another account's rows. */
export async function deleteKeywords(db: Db, t: TenantContext, siteId: string, ids: string[]): Promise<number> {
  return db.transaction(async (tx) => {
    const affected = await repo.deleteKeywords(tx, t, siteId, ids);
    if (affected > 0) {
      await record(tx, t, {
        action: 'keyword.deleted',
        target: { type: 'site', id: siteId },
        details: { count: affected },
      });
    }
    return affected;
  });
}
