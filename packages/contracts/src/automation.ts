import { z } from 'zod';

/**
 * Automation: a site's pipeline run unattended, stage after stage, each stage an ordinary task run
 * of the existing kinds with an exact batch size.
 */

export const automationStages = ['cluster', 'ideas', 'queue', 'content', 'imagePrompts', 'images', 'publish'] as const;
export type AutomationStage = (typeof automationStages)[number];

export const automationStageLabels: Record<AutomationStage, string> = {
  cluster: 'Keywords → clusters',
  ideas: 'Clusters → ideas',
  queue: 'Ideas → writer queue',
  content: 'Writer → articles',
  imagePrompts: 'Articles → image prompts',
  images: 'Image prompts → images',
  publish: 'Review → published',
};

const batchSize = z.number().int().min(1).max(1000);
const stage = z.object({ enabled: z.boolean(), batchSize });

export const automationScheduleSchema = z
  .object({
    frequency: z.enum(['daily', 'weekly', 'monthly']),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour'),
    /** weekly: 0 = Sunday … 6 = Saturday */
    weekday: z.number().int().min(0).max(6).optional(),
    /** monthly: 1–28 (every month has it) */
    monthDay: z.number().int().min(1).max(28).optional(),
    timezone: z.string().min(1).max(64),
  })
  .refine((s) => s.frequency !== 'weekly' || s.weekday !== undefined, {
    message: 'a weekly schedule needs its weekday',
    path: ['weekday'],
  })
  .refine((s) => s.frequency !== 'monthly' || s.monthDay !== undefined, {
    message: 'a monthly schedule needs its day of the month',
    path: ['monthDay'],
  });
export type AutomationSchedule = z.infer<typeof automationScheduleSchema>;

export const automationStagesSchema = z.object({
  cluster: stage,
  ideas: stage.extend({ perCluster: z.number().int().min(1).max(10) }),
  queue: stage,
  /** internalLinks: the best N internal links inserted into each new article (0: none) */
  content: stage.extend({ internalLinks: z.number().int().min(0).max(10).default(3) }),
  imagePrompts: stage,
  images: stage,
  publish: stage.extend({ mode: z.enum(['draft', 'immediate', 'schedule']) }),
});

export const automationConfigBodySchema = z.object({
  enabled: z.boolean(),
  schedule: automationScheduleSchema,
  stages: automationStagesSchema,
  limits: z.object({
    maxCreditsPerRun: z.number().int().min(1).max(10_000_000).optional(),
    maxArticlesPerRun: z.number().int().min(1).max(10_000).optional(),
  }),
  delays: z.object({
    /** a pause between the items of a stage (they then go one at a time) */
    withinStageSeconds: z.number().int().min(0).max(3600),
    betweenStagesSeconds: z.number().int().min(0).max(86_400),
  }),
});
export type AutomationConfigBody = z.input<typeof automationConfigBodySchema>;

export const automationConfigSchema = automationConfigBodySchema.extend({
  /** when the schedule next starts a run (null: not enabled) */
  nextRunAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type AutomationConfig = z.infer<typeof automationConfigSchema>;

export const defaultAutomationConfig: AutomationConfigBody = {
  enabled: false,
  schedule: { frequency: 'daily', time: '06:00', timezone: 'UTC' },
  stages: {
    cluster: { enabled: true, batchSize: 100 },
    ideas: { enabled: true, batchSize: 5, perCluster: 1 },
    queue: { enabled: true, batchSize: 5 },
    content: { enabled: true, batchSize: 5, internalLinks: 3 },
    imagePrompts: { enabled: true, batchSize: 5 },
    images: { enabled: true, batchSize: 20 },
    publish: { enabled: false, batchSize: 5, mode: 'draft' },
  },
  limits: {},
  delays: { withinStageSeconds: 0, betweenStagesSeconds: 0 },
};

export const automationRunStatuses = [
  'queued',
  'running',
  'paused',
  'succeeded',
  'partial',
  'failed',
  'cancelled',
] as const;
export type AutomationRunStatus = (typeof automationRunStatuses)[number];
export const activeAutomationStatuses: readonly AutomationRunStatus[] = ['queued', 'running', 'paused'];

export const automationStageStatuses = [
  'waiting',
  'running',
  'succeeded',
  'partial',
  'failed',
  'skipped',
  'cancelled',
] as const;

export const automationStageStateSchema = z.object({
  stage: z.enum(automationStages),
  status: z.enum(automationStageStatuses),
  /** items taken by the stage so far */
  processed: z.number().int(),
  /** what the stage made (clusters, ideas, writer tasks, articles, prompts, images, publications) */
  created: z.number().int(),
  failed: z.number().int(),
  creditsUsed: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  taskRunIds: z.array(z.string()),
});
export type AutomationStageState = z.infer<typeof automationStageStateSchema>;

export const automationLogEntrySchema = z.object({
  at: z.string(),
  level: z.enum(['info', 'warn', 'error']),
  stage: z.enum(automationStages).nullable(),
  message: z.string(),
});
export type AutomationLogEntry = z.infer<typeof automationLogEntrySchema>;

export const automationRunSummarySchema = z.object({
  id: z.string(),
  siteId: z.string(),
  status: z.enum(automationRunStatuses),
  trigger: z.enum(['manual', 'schedule']),
  /** the stage running now, or the last one */
  stage: z.enum(automationStages).nullable(),
  creditsUsed: z.number().int(),
  /** the task run of the batch running now: its progress names the item being processed */
  currentTaskRunId: z.string().nullable(),
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type AutomationRunSummary = z.infer<typeof automationRunSummarySchema>;

export const automationRunSchema = automationRunSummarySchema.extend({
  stages: z.array(automationStageStateSchema),
  log: z.array(automationLogEntrySchema),
  pauseRequested: z.boolean(),
  cancelRequested: z.boolean(),
});
export type AutomationRun = z.infer<typeof automationRunSchema>;

/** What waits at each stage now: the pipeline overview. */
export const automationOverviewSchema = z.object({
  waiting: z.record(z.enum(automationStages), z.number().int()),
  activeRun: automationRunSummarySchema.nullable(),
});
export type AutomationOverview = z.infer<typeof automationOverviewSchema>;

export const automationRunListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export const automationRunStartedSchema = z.object({ runId: z.string() });
