import { readFileSync } from 'node:fs';
import type {
  Cluster,
  Content,
  Idea,
  Image,
  KeywordInput,
  Site,
  TaskRun,
  TaskStarted,
  WriterTask,
} from '@igny8/contracts';
import { expect } from '@playwright/test';
import type { ApiClient } from '../api';
import type { MockLog } from './mocklog';
import { CLUSTER_DESCRIPTION, queueArticles, ideasReply, imagePromptsReply } from './replies';
import { isTerminal } from './tray';

/** The keywords of keywords.csv (header "Keyword,Search Volume,KD,Intent"), for API fixtures. */
export function csvKeywords(): KeywordInput[] {
  const text = readFileSync(new URL('./keywords.csv', import.meta.url), 'utf8');
  return text
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [phrase, volume, kd, intent] = line.split(',');
      return {
        phrase: phrase!,
        volume: Number(volume),
        difficulty: Number(kd),
        intent: intent as KeywordInput['intent'],
      };
    });
}

/** Polls a task over the API until it ends (the tray's own source of truth). */
export async function waitForTask(
  api: ApiClient,
  accountId: string,
  taskId: string,
  timeout = 120_000,
): Promise<TaskRun> {
  let run: TaskRun | undefined;
  await expect
    .poll(
      async () => {
        run = await api.call<TaskRun>('GET', `/api/v1/accounts/${accountId}/tasks/${taskId}`);
        return isTerminal(run.status);
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return run!;
}

/** A new English site of the account: its id, and `path`, the API path its lists and starts hang off. */
export async function createSite(
  api: ApiClient,
  accountId: string,
  name: string,
  url: string,
): Promise<{ id: string; path: string }> {
  const acc = `/api/v1/accounts/${accountId}`;
  const { id } = await api.call<{ id: string }>('POST', `${acc}/sites`, { name, url, language: 'en' });
  return { id, path: `${acc}/sites/${id}` };
}

/** Starts a task (`POST path` answering `{ taskId }`) and waits for it to succeed. */
export async function runTask(api: ApiClient, accountId: string, path: string, body: unknown): Promise<TaskRun> {
  const { taskId } = await api.call<TaskStarted>('POST', path, body);
  const run = await waitForTask(api, accountId, taskId);
  expect(run.status, `${run.title}: ${JSON.stringify(run.error ?? run.itemErrors)}`).toBe('succeeded');
  return run;
}

export interface SeededSite {
  siteId: string;
  clusters: Cluster[];
  ideas: Idea[];
  contents: Content[];
  images: Image[];
  runs: TaskRun[];
}

/**
 * A site with the whole pipeline run through the API as `api`'s user (an editor or better):
 * keywords, clusters, one idea for the biggest cluster, its article, image prompts and images.
 * AI calls go to the mock with canned replies.
 */
export async function seedSiteViaApi(
  api: ApiClient,
  accountId: string,
  mock: MockLog,
  name: string,
  keywordCount = 30,
): Promise<SeededSite> {
  const acc = `/api/v1/accounts/${accountId}`;
  const site = await api.call<Site>('POST', `${acc}/sites`, {
    name,
    url: 'https://example.com',
    niche: 'Home coffee brewing',
  });
  const base = `${acc}/sites/${site.id}`;
  const runs: TaskRun[] = [];
  await api.call('POST', `${base}/keywords`, { keywords: csvKeywords().slice(0, keywordCount) });

  await mock.control.queueChatReply(CLUSTER_DESCRIPTION, 50);
  runs.push(await runTask(api, accountId, `${base}/clusters/auto`, {}));
  await mock.endStep();
  const clusters = (await api.call<{ items: Cluster[] }>('GET', `${base}/clusters`)).items;
  expect(clusters.length).toBeGreaterThan(0);

  await mock.control.queueChatReply(ideasReply(clusters[0]!.name, 1));
  runs.push(await runTask(api, accountId, `${base}/ideas/generate`, { clusterIds: [clusters[0]!.id], perCluster: 1 }));
  await mock.endStep();
  const ideas = (await api.call<{ items: Idea[] }>('GET', `${base}/ideas`)).items;

  const queued = await api.call<{ created: number; items: WriterTask[] }>('POST', `${base}/writer/tasks`, {
    ideaIds: ideas.map((i) => i.id),
  });
  await queueArticles(mock.control, queued.items);
  runs.push(
    await runTask(api, accountId, `${base}/contents/generate`, { writerTaskIds: queued.items.map((w) => w.id) }),
  );
  await mock.endStep();
  const contents = (await api.call<{ items: Content[] }>('GET', `${base}/contents`)).items;

  for (const c of contents) await mock.control.queueChatReply(imagePromptsReply(c.primaryKeyword));
  runs.push(await runTask(api, accountId, `${base}/image-prompts/generate`, { contentIds: contents.map((c) => c.id) }));
  await mock.endStep();
  runs.push(await runTask(api, accountId, `${base}/images/generate`, { contentIds: contents.map((c) => c.id) }));
  await mock.endStep();
  const images = (await api.call<{ items: Image[] }>('GET', `${base}/images`)).items;

  return { siteId: site.id, clusters, ideas, contents, images, runs };
}
