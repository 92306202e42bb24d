import { MAX_SECTORS_PER_SITE, type Sector, type SectorCounts } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { AppError } from '../../http/errors';
import * as repo from './repo';

const nameTaken = (name: string) =>
  new AppError(409, 'sector_name_taken', `The site already has a sector named “${name}”`);

/** A rename or insert that lost a race on the unique name reads as the same 409 as the check before it. */
async function uniqueName<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(name);
    throw e;
  }
}

/** A new sector of the site: at most five per site, names unique per site (case ignored). */
export async function createSector(db: Db, t: TenantContext, siteId: string, name: string): Promise<Sector> {
  const id = await uniqueName(name, () =>
    db.transaction(async (tx) => {
      // Two admins adding a sector at once still leave at most five.
      await repo.lockSite(tx, t, siteId);
      if ((await repo.countSectors(tx, t, siteId)) >= MAX_SECTORS_PER_SITE) {
        throw new AppError(409, 'sector_limit_reached', `A site has at most ${MAX_SECTORS_PER_SITE} sectors`, {
          limit: MAX_SECTORS_PER_SITE,
        });
      }
      if (await repo.nameTaken(tx, t, siteId, name)) throw nameTaken(name);
      const [row] = await repo.insertSectors(tx, t, siteId, [name]);
      return row!.id;
    }),
  );
  return repo.getSector(db, t, siteId, id);
}

export async function renameSector(
  db: Db,
  t: TenantContext,
  siteId: string,
  id: string,
  name: string,
): Promise<Sector> {
  await repo.requireSector(db, t, siteId, id);
  if (await repo.nameTaken(db, t, siteId, name, id)) throw nameTaken(name);
  await uniqueName(name, () => repo.renameSector(db, t, siteId, id, name));
  return repo.getSector(db, t, siteId, id);
}

const holds = (c: SectorCounts) => Object.values(c).some((n) => n > 0);

/**
 * Deletes a sector. The site keeps at least one; a sector holding keywords, clusters, ideas, writer tasks or
 * content is deleted only with `moveTo`, another sector of the site that takes all of it, in one transaction.
 */
export async function deleteSector(
  db: Db,
  t: TenantContext,
  siteId: string,
  id: string,
  moveTo: string | undefined,
): Promise<void> {
  await repo.requireSector(db, t, siteId, id);
  if (moveTo !== undefined) {
    if (moveTo === id)
      throw new AppError(
        422,
        'validation_failed',
        'A sector cannot be moved into itself: name another sector of the site',
      );
    await repo.requireSector(db, t, siteId, moveTo);
  }
  await db.transaction(async (tx) => {
    await repo.lockSite(tx, t, siteId);
    if ((await repo.countSectors(tx, t, siteId)) <= 1)
      throw new AppError(409, 'last_sector', 'A site keeps at least one sector: add another before deleting this one');
    if (moveTo === undefined) {
      const { counts } = await repo.getSector(tx, t, siteId, id);
      if (holds(counts)) {
        throw new AppError(
          409,
          'sector_not_empty',
          'The sector holds keywords or content: name the sector to move them to (moveTo)',
          { counts },
        );
      }
    } else {
      await repo.moveSectorRows(tx, t, siteId, id, moveTo);
    }
    await repo.deleteSector(tx, t, siteId, id);
  });
}
