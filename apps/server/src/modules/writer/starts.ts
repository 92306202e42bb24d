import { plural, type ImageQuality } from '@igny8/contracts';
import type { z } from 'zod';
import type { TenantContext } from '../../access/context';
import type { RouteDeps } from '../../http/deps';
import { estimates } from '../billing/estimates';
import type { SiteRow } from '../sites/repo';
import { generateContentTask } from './content-task';
import { generateImagePromptsTask } from './image-prompts-task';
import { generateImagesTask } from './images-task';
import * as repo from './repo';

/** How the writer's task runs start: by their routes, and again by "retry failed items". */
type Deps = Pick<RouteDeps, 'db' | 'tasks' | 'billing' | 'integrations'>;

const imagesPath = (accountId: string, siteId: string) => `/a/${accountId}/sites/${siteId}/images`;

export async function startGenerateContent(
  { db, tasks, billing }: Deps,
  t: TenantContext,
  site: SiteRow,
  body: { writerTaskIds: string[]; faq: boolean },
  idempotencyKey: string | null,
): Promise<string> {
  const ids = await repo.requireIds(db, t, site.id, 'writerTask', body.writerTaskIds);
  return tasks.start(
    t,
    generateContentTask,
    { siteId: site.id, writerTaskIds: ids, faq: body.faq },
    {
      title: `Write ${plural(ids.length, 'article')}`,
      siteId: site.id,
      resultPath: `/a/${t.accountId}/sites/${site.id}/content`,
      idempotencyKey,
      // With the run, in its transaction: a refused start (409) leaves the writer tasks as they were.
      alsoWrite: (tx) => repo.markWriterTasksQueued(tx, t, site.id, ids),
      credits: await estimates.content(db, t, site.id, await billing.costs(), ids),
    },
  );
}

export async function startGenerateImagePrompts(
  { db, tasks, billing }: Deps,
  t: TenantContext,
  site: SiteRow,
  body: Omit<z.infer<typeof generateImagePromptsTask.input>, 'siteId'>,
  idempotencyKey: string | null,
): Promise<string> {
  const ids = await repo.requireIds(db, t, site.id, 'content', body.contentIds);
  return tasks.start(
    t,
    generateImagePromptsTask,
    { ...body, siteId: site.id, contentIds: ids },
    {
      title: `Write image prompts for ${plural(ids.length, 'article')}`,
      siteId: site.id,
      resultPath: imagesPath(t.accountId, site.id),
      idempotencyKey,
      credits: estimates.imagePrompts(await billing.costs(), ids.length),
    },
  );
}

/** `imagePromptIds` already checked to be the site's. */
export async function startGenerateImages(
  { tasks, billing, integrations }: Deps,
  t: TenantContext,
  site: SiteRow,
  body: { imagePromptIds: string[]; soften: boolean; quality?: ImageQuality; title?: string },
  idempotencyKey: string | null,
): Promise<string> {
  const n = body.imagePromptIds.length;
  return tasks.start(
    t,
    generateImagesTask,
    { siteId: site.id, imagePromptIds: body.imagePromptIds, soften: body.soften, quality: body.quality },
    {
      title: body.title ?? `Generate ${plural(n, 'image')}`,
      siteId: site.id,
      resultPath: imagesPath(t.accountId, site.id),
      idempotencyKey,
      credits: await estimates.images(integrations, t, await billing.costs(), n, body.quality),
    },
  );
}
