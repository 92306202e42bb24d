import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client';
import { ideas, sectors } from '../../src/db/schema/index';

/** The site's first sector (every site has one): where rows inserted directly by a test go. */
export async function defaultSectorId(db: Db, siteId: string): Promise<string> {
  const [s] = await db
    .select({ id: sectors.id })
    .from(sectors)
    .where(eq(sectors.siteId, siteId))
    .orderBy(asc(sectors.createdAt), asc(sectors.id))
    .limit(1);
  if (!s) throw new Error(`site ${siteId} has no sector`);
  return s.id;
}

/** The sector of an idea (its writer task goes there). */
export async function sectorOfIdea(db: Db, accountId: string, ideaId: string): Promise<string> {
  const [i] = await db
    .select({ sectorId: ideas.sectorId })
    .from(ideas)
    .where(and(eq(ideas.accountId, accountId), eq(ideas.id, ideaId)));
  if (!i) throw new Error(`no idea ${ideaId}`);
  return i.sectorId;
}
