import { plural, type AutomationConfigBody, type AutomationStage, type PublishWhen } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { Database } from '../../db/client';
import { estimates, type CreditEstimate } from '../billing/estimates';
import type { Billing } from '../billing/service';
import { autoClusterTask } from '../clusters/auto-task';
import { selectionTargets } from '../clusters/repo';
import { keywordSectors } from '../keywords/repo';
import { generateIdeasTask } from '../ideas/generate-task';
import type { Integrations } from '../integrations/service';
import type { Publishing } from '../publishing/module';
import { requireSite } from '../sites/repo';
import type { Tasks } from '../tasks/service';
import { generateContentTask } from '../writer/content-task';
import { generateImagePromptsTask } from '../writer/image-prompts-task';
import { generateImagesTask } from '../writer/images-task';
import * as writerRepo from '../writer/repo';
import * as repo from './repo';

export interface StageDeps {
  database: Database;
  tasks: Tasks;
  billing: Billing;
  integrations: Integrations;
  publishing: Publishing;
}

/** What a batch started: the task run to wait for, or (a stage done in place) what it made at once. */
/** A batch task started (`created`: what the launch itself made besides the task), or the batch done in place. */
export type Launched = { taskRunId: string; created?: number } | { created: number; failed: number };

/** The statuses of articles the publish stage takes, by mode (draft: the articles go to review, nothing is published). */
export const publishFrom = (mode: AutomationConfigBody['stages']['publish']['mode']) =>
  mode === 'draft' ? ['draft'] : ['draft', 'review', 'approved'];

/** Up to `limit` items waiting at a stage, oldest first (keywords: by volume): none of `exclude`, or only `among`. */
export function pickBatch(
  deps: StageDeps,
  t: TenantContext,
  siteId: string,
  stage: AutomationStage,
  config: AutomationConfigBody,
  limit: number,
  ids: { among?: string[]; exclude?: string[] },
) {
  const which = stage === 'publish' ? { publish: publishFrom(config.stages.publish.mode) } : stage;
  return repo.pick(deps.database.db, t, siteId, which, limit, ids);
}

/** What a batch is expected to cost (the same estimates a start holds); null: not metered by credits. */
export async function estimateBatch(
  deps: StageDeps,
  t: TenantContext,
  siteId: string,
  stage: AutomationStage,
  config: AutomationConfigBody,
  ids: string[],
): Promise<CreditEstimate | null> {
  const db = deps.database.db;
  const costs = await deps.billing.costs();
  switch (stage) {
    case 'cluster':
      return estimates.autoCluster(db, t, siteId, costs, ids);
    case 'ideas':
      return estimates.ideas(costs, ids.length, config.stages.ideas.perCluster);
    case 'content':
      return estimates.content(db, t, siteId, costs, ids);
    case 'imagePrompts':
      return estimates.imagePrompts(costs, ids.length);
    case 'images':
      return estimates.images(deps.integrations, t, costs, ids.length);
    default:
      return null;
  }
}

/**
 * Starts one batch of a stage as the existing task kind (progress, retries, usage and credits stay
 * the task engine's), linked to the automation run. The idempotency key names the batch, so a
 * step repeated after a crash answers the run it already started instead of starting another.
 */
export async function launchBatch(
  deps: StageDeps,
  t: TenantContext,
  run: { id: string; siteId: string; config: AutomationConfigBody },
  stage: AutomationStage,
  batch: number,
  ids: string[],
): Promise<Launched> {
  const { tasks } = deps;
  const db = deps.database.db;
  const siteId = run.siteId;
  const n = ids.length;
  const meta = (title: string, path: string, credits: CreditEstimate | null) => ({
    title: `Automation · ${title}`,
    siteId,
    resultPath: `/a/${t.accountId}/sites/${siteId}/${path}`,
    idempotencyKey: `automation:${run.id}:${stage}:${batch}`,
    automationRunId: run.id,
    itemDelayMs: run.config.delays.withinStageSeconds * 1000,
    ...(credits ? { credits } : {}),
  });
  const estimate = () => estimateBatch(deps, t, siteId, stage, run.config, ids);
  switch (stage) {
    case 'cluster':
      return {
        taskRunId: await tasks.start(
          t,
          autoClusterTask,
          { siteId, keywordIds: ids, selection: selectionTargets(ids, await keywordSectors(db, t, siteId, ids)) },
          meta(`cluster ${plural(n, 'keyword')}`, 'clusters', await estimate()),
        ),
      };
    case 'ideas': {
      const perCluster = run.config.stages.ideas.perCluster;
      return {
        taskRunId: await tasks.start(
          t,
          generateIdeasTask,
          { siteId, clusterIds: ids, perCluster },
          meta(`ideas for ${plural(n, 'cluster')}`, 'ideas', await estimate()),
        ),
      };
    }
    case 'queue': {
      const queued = await deps.database.transaction((tx) => writerRepo.queueIdeas(tx.db, t, siteId, ids));
      return { created: queued.created, failed: 0 };
    }
    case 'content':
      return {
        taskRunId: await tasks.start(
          t,
          generateContentTask,
          { siteId, writerTaskIds: ids, faq: true },
          {
            ...meta(`write ${plural(n, 'article')}`, 'content', await estimate()),
            alsoWrite: (tx) => writerRepo.markWriterTasksQueued(tx, t, siteId, ids),
          },
        ),
      };
    case 'imagePrompts':
      return {
        taskRunId: await tasks.start(
          t,
          generateImagePromptsTask,
          { siteId, contentIds: ids, wordsPerImage: 500, maxInline: 4 },
          meta(`image prompts for ${plural(n, 'article')}`, 'images', await estimate()),
        ),
      };
    case 'images':
      return {
        taskRunId: await tasks.start(
          t,
          generateImagesTask,
          { siteId, imagePromptIds: ids, soften: false },
          meta(`generate ${plural(n, 'image')}`, 'images', await estimate()),
        ),
      };
    case 'publish': {
      const mode = run.config.stages.publish.mode;
      if (mode === 'draft') {
        // Ready for a person: each article moves to review by the site's workflow rules.
        let failed = 0;
        for (const id of ids) await deps.publishing.setup.transition(t, siteId, id, 'review').catch(() => failed++);
        return { created: n - failed, failed };
      }
      const site = await requireSite(db, t, siteId);
      const when: PublishWhen = mode === 'immediate' ? { mode: 'now' } : { mode: 'auto' };
      const result = await deps.publishing.publisher.publish(
        t,
        site,
        { contentIds: ids, when },
        { automationRunId: run.id, idempotencyKey: `automation:${run.id}:${stage}:${batch}` },
      );
      // Scheduled rows the task does not push wait for the dispatcher: for the run they are done (placed on the schedule).
      return result.taskId ? { taskRunId: result.taskId, created: result.waiting } : { created: n, failed: 0 };
    }
  }
}

/** What a finished stage task made, from its result (each kind names its own count). */
export function createdBy(stage: AutomationStage, result: Record<string, unknown> | null | undefined): number {
  const key = {
    cluster: 'clustersCreated',
    ideas: 'ideasCreated',
    queue: 'created',
    content: 'articles',
    imagePrompts: 'prompts',
    images: 'images',
    publish: 'published',
  }[stage];
  const v = result?.[key];
  return typeof v === 'number' ? v : 0;
}
