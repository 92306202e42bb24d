import { failedItemsOf, isTerminalTaskStatus, type RetriableTaskKind } from '@igny8/contracts';
import type { TenantContext } from '../access/context';
import type { RouteDeps } from '../http/deps';
import { conflict, notFound } from '../http/errors';
import { startGenerateIdeas } from './ideas/start-generate';
import { generateIdeasTask } from './ideas/generate-task';
import { requireSite, type SiteRow } from './sites/repo';
import { getTaskRun, getTaskRunInput } from './tasks/repo';
import { generateContentTask } from './writer/content-task';
import { generateImagePromptsTask } from './writer/image-prompts-task';
import { generateImagesTask } from './writer/images-task';
import { startGenerateContent, startGenerateImagePrompts, startGenerateImages } from './writer/starts';
import { requireIds } from './writer/repo';

type Deps = Pick<RouteDeps, 'db' | 'tasks' | 'billing' | 'integrations'>;
type Restart = (
  deps: Deps,
  t: TenantContext,
  site: SiteRow,
  input: unknown,
  failed: string[],
  key: string | null,
) => Promise<string>;

/**
 * The kinds whose items are the ids of their input: a retry starts the same kind, through the same
 * start as its route (checks, credits, 409 on overlap), with only the items that failed. Item keys
 * are the ids (`cluster-<id>` for ideas).
 */
const restarts: Record<RetriableTaskKind, Restart> = {
  'ideas.generate': (deps, t, site, input, failed, key) => {
    const { perCluster } = generateIdeasTask.input.parse(input);
    return startGenerateIdeas(
      deps,
      t,
      site,
      { clusterIds: failed.map((k) => k.replace(/^cluster-/, '')), perCluster },
      key,
    );
  },
  'content.generate': (deps, t, site, input, failed, key) => {
    const { faq } = generateContentTask.input.parse(input);
    return startGenerateContent(deps, t, site, { writerTaskIds: failed, faq }, key);
  },
  'image_prompts.generate': (deps, t, site, input, failed, key) => {
    const { siteId: _, contentIds: __, ...rest } = generateImagePromptsTask.input.parse(input);
    return startGenerateImagePrompts(deps, t, site, { ...rest, contentIds: failed }, key);
  },
  'images.generate': async (deps, t, site, input, failed, key) => {
    const { soften, quality } = generateImagesTask.input.parse(input);
    const ids = await requireIds(deps.db, t, site.id, 'imagePrompt', failed);
    return startGenerateImages(deps, t, site, { imagePromptIds: ids, soften, quality }, key);
  },
};

/** Starts a new run of the same kind with only the failed items of `taskId`; answers its id. */
export async function retryFailedItems(
  deps: Deps,
  t: TenantContext,
  taskId: string,
  idempotencyKey: string | null,
): Promise<string> {
  const run = await getTaskRun(deps.db, t, taskId);
  if (!run) throw notFound('Task');
  const restart = restarts[run.kind as RetriableTaskKind] as Restart | undefined;
  if (!restart || !run.siteId)
    throw conflict('conflict', 'This kind of task cannot retry its items: start it again from its page');
  if (!isTerminalTaskStatus(run.status))
    throw conflict('conflict', 'The task is still running: retry its failed items once it ends');
  const failed = failedItemsOf(run);
  if (failed.length === 0) throw conflict('conflict', 'No items of this task failed: there is nothing to retry');
  const site = await requireSite(deps.db, t, run.siteId);
  const input = await getTaskRunInput(deps.db, t, taskId);
  return restart(deps, t, site, input ?? {}, failed, idempotencyKey);
}
