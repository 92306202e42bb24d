import type { Db } from '../../src/db/client';
import { contents, writerTasks } from '../../src/db/schema/index';
import { defaultSectorId, sectorOfIdea } from './sectors';

/** A small user-written article inserted directly (for tests where the writer pipeline is not under test). */
export async function insertArticle(db: Db, accountId: string, siteId: string, n: number): Promise<string> {
  const [row] = await db
    .insert(contents)
    .values({
      accountId,
      siteId,
      sectorId: await defaultSectorId(db, siteId),
      title: `Article ${n}`,
      slug: `article-${n}`,
      bodyHtml: '<h2>One</h2><p>Text.</p>',
      metaTitle: 'Article',
      metaDescription: 'An article',
      excerpt: 'An article',
      wordCount: 2,
      primaryKeyword: 'kw',
      source: 'user',
    })
    .returning({ id: contents.id });
  return row!.id;
}

/** A writer task for an idea, inserted directly. */
export async function insertWriterTask(db: Db, accountId: string, siteId: string, ideaId: string): Promise<string> {
  const [row] = await db
    .insert(writerTasks)
    .values({
      accountId,
      siteId,
      sectorId: await sectorOfIdea(db, accountId, ideaId),
      ideaId,
      title: 'A writer task',
      primaryKeyword: 'kw',
      secondaryKeywords: [],
      outline: [{ level: 2, text: 'One' }],
      targetWordCount: 800,
      contentType: 'article',
    })
    .returning({ id: writerTasks.id });
  return row!.id;
}
