import { testConfig } from '../../src/config';
import type { Database } from '../../src/db/client';
import { SecretBox } from '../../src/modules/integrations/secrets';
import {
  clusters,
  ideas,
  imagePrompts,
  images,
  keywords,
  publishingDestinations,
  sectors,
  sites,
  taskRuns,
} from '../../src/db/schema/index';
import type { FileStorage } from '../../src/storage/files';
import { insertArticle, insertWriterTask } from './rows';

/**
 * One of each planner and writer row in a new site of the account, inserted directly (the
 * pipeline is not under test here). Returns the ids by the path-param names that address them.
 */
export async function seedSiteRows(
  database: Database,
  storage: FileStorage,
  accountId: string,
  userId: string,
  n: number,
): Promise<Record<string, string>> {
  const { db } = database;
  const [site] = await db
    .insert(sites)
    .values({ accountId, name: `Fuzz site ${n}`, url: 'https://fuzz.example' })
    .returning({ id: sites.id });
  const siteId = site!.id;
  // Two sectors, so a fuzzed delete of one (moving to the other) has somewhere to go.
  const [sector, sector2] = await db
    .insert(sectors)
    .values([
      { accountId, siteId, name: 'General' },
      { accountId, siteId, name: 'Other' },
    ])
    .returning({ id: sectors.id });
  const sectorId = sector!.id;
  const [cluster] = await db
    .insert(clusters)
    .values({ accountId, siteId, sectorId, name: `cluster ${n}` })
    .returning({ id: clusters.id });
  const [cluster2] = await db
    .insert(clusters)
    .values({ accountId, siteId, sectorId, name: `cluster ${n} b` })
    .returning({ id: clusters.id });
  const [keyword] = await db
    .insert(keywords)
    .values({
      accountId,
      siteId,
      sectorId,
      clusterId: cluster!.id,
      phrase: `kw ${n}`,
      phraseNorm: `kw ${n}`,
      volume: 100,
      difficulty: 40,
    })
    .returning({ id: keywords.id });
  const [idea] = await db
    .insert(ideas)
    .values({
      accountId,
      siteId,
      sectorId,
      clusterId: cluster!.id,
      title: 'An idea',
      summary: 'A summary',
      contentType: 'article',
      outline: [{ level: 2, text: 'One' }],
      primaryKeyword: 'kw',
      secondaryKeywords: [],
      targetWordCount: 1000,
      source: 'user',
    })
    .returning({ id: ideas.id });
  const writerTaskId = await insertWriterTask(db, accountId, siteId, idea!.id);
  const contentId = await insertArticle(db, accountId, siteId, n);
  const [prompt] = await db
    .insert(imagePrompts)
    .values({
      accountId,
      siteId,
      contentId,
      kind: 'featured',
      position: 0,
      prompt: 'A cup',
      alt: 'A cup',
      caption: '',
      style: 'photo',
    })
    .returning({ id: imagePrompts.id });
  const fileKey = `${accountId}/${siteId}/fuzz-${n}.png`;
  await storage.put(fileKey, Buffer.from('png'), 'image/png');
  const [image] = await db
    .insert(images)
    .values({
      accountId,
      siteId,
      contentId,
      imagePromptId: prompt!.id,
      status: 'generated',
      fileKey,
      mimeType: 'image/png',
    })
    .returning({ id: images.id });
  const [run] = await db
    .insert(taskRuns)
    .values({ accountId, userId, kind: 'fixture', title: 'Fixture', input: {} })
    .returning({ id: taskRuns.id });
  // A webhook on loopback: accounts may not reach it, so nothing a fuzzed request starts ever connects.
  const [destination] = await db
    .insert(publishingDestinations)
    .values({
      accountId,
      siteId,
      kind: 'webhook',
      name: `hook ${n}`,
      url: 'http://127.0.0.1:9/igny8-fuzz',
      secretEncrypted: new SecretBox(testConfig().APP_SECRET).seal('fuzz-secret-0123456789'),
      secretMask: '…6789',
    })
    .returning({ id: publishingDestinations.id });
  return {
    destinationId: destination!.id,
    siteId,
    sectorId,
    /** the second sector, for deletes moving into it */
    moveTo: sector2!.id,
    clusterId: cluster!.id,
    /** a second cluster, for merges into the first */
    sourceClusterId: cluster2!.id,
    keywordId: keyword!.id,
    ideaId: idea!.id,
    writerTaskId,
    contentId,
    imagePromptId: prompt!.id,
    imageId: image!.id,
    taskId: run!.id,
  };
}
