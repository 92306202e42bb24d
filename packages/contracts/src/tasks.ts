import { z } from 'zod';

export const taskStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'partial'] as const;
export const taskStatusSchema = z.enum(taskStatuses);
export type TaskStatus = z.infer<typeof taskStatusSchema>;
export const terminalTaskStatuses: readonly TaskStatus[] = ['succeeded', 'failed', 'cancelled', 'partial'];
export const isTerminalTaskStatus = (s: TaskStatus) => terminalTaskStatuses.includes(s);

/** Phases of an AI step, in order. */
export const taskPhases = ['queued', 'preparing', 'calling_ai', 'parsing', 'saving', 'done'] as const;
export const taskPhaseSchema = z.enum(taskPhases);
export type TaskPhase = z.infer<typeof taskPhaseSchema>;

export const taskProgressSchema = z.object({
  phase: taskPhaseSchema,
  current: z.number().int().min(0),
  total: z.number().int().min(0),
  percent: z.number().int().min(0).max(100),
  message: z.string(),
});
export type TaskProgress = z.infer<typeof taskProgressSchema>;

export const taskErrorSchema = z.object({ code: z.string(), message: z.string() });
export type TaskError = z.infer<typeof taskErrorSchema>;

export const taskItemErrorSchema = taskErrorSchema.extend({
  item: z.string(),
  /** What the user calls the item (an article's title, a cluster's name). */
  label: z.string().optional(),
  /** The item was saved anyway, with an offline fallback for the part that failed (e.g. a template description). */
  fallback: z.boolean().optional(),
});
export type TaskItemError = z.infer<typeof taskItemErrorSchema>;

export const taskRunSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  siteId: z.string().nullable(),
  userId: z.string().nullable(),
  kind: z.string(),
  /** What the user sees in the tray, e.g. "Generate ideas for 3 clusters". */
  title: z.string(),
  status: taskStatusSchema,
  progress: taskProgressSchema,
  result: z.record(z.string(), z.unknown()).nullable(),
  itemErrors: z.array(taskItemErrorSchema),
  error: taskErrorSchema.nullable(),
  debugInfo: z.record(z.string(), z.unknown()),
  /** Where the results can be seen, relative to the app (e.g. "/a/…/sites/…/ideas"). */
  resultPath: z.string().nullable(),
  /** the automation run this task is a stage of */
  automationRunId: z.string().nullable(),
  cancelRequested: z.boolean(),
  /** The worker's last sign of life while running (null before a worker took it). */
  heartbeatAt: z.string().nullable(),
  /**
   * Running, but its worker's heartbeats are older than TASK_STALE_SECONDS: the worker was lost and
   * the sweeper hands the run to another worker, which resumes after the finished items.
   */
  stalled: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
/** What a run was started with (`GET …/tasks/:taskId/input`): polls of the run never carry it. */
export const taskRunInputSchema = z.object({ input: z.record(z.string(), z.unknown()) });

export type TaskRun = z.infer<typeof taskRunSchema>;

export const taskRunSortFields = ['title', 'kind', 'status', 'createdAt', 'finishedAt'] as const;
export const taskListQuerySchema = z.object({
  active: z
    .enum(['1', '0', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  kind: z.string().max(100).optional(),
  sort: z.enum(taskRunSortFields).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Kinds whose failed items can be retried as a new run of the same kind (POST …/tasks/:id/retry-failed). */
export const retriableTaskKinds = [
  'ideas.generate',
  'content.generate',
  'image_prompts.generate',
  'images.generate',
] as const;

export type RetriableTaskKind = (typeof retriableTaskKinds)[number];

/** The items of a run "Retry failed items" would start again: failed (not saved with a fallback), once it ended. */
export function failedItemsOf(run: Pick<TaskRun, 'kind' | 'status' | 'itemErrors'>): string[] {
  if (!(retriableTaskKinds as readonly string[]).includes(run.kind) || !isTerminalTaskStatus(run.status)) return [];
  return [...new Set(run.itemErrors.filter((e) => !e.fallback).map((e) => e.item))];
}

export const taskStartedSchema = z.object({ taskId: z.string() });
export type TaskStarted = z.infer<typeof taskStartedSchema>;
