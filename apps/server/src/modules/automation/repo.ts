import type {
  AutomationConfigBody,
  AutomationLogEntry,
  AutomationRunStatus,
  AutomationStage,
  AutomationStageState,
} from '@igny8/contracts';
import { and, asc, count, desc, eq, inArray, isNull, lte, notExists, notInArray, sql } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { inSite } from '../../db/query';
import {
  automationConfigs,
  automationRunLogs,
  automationRuns,
  clusters,
  contents,
  creditLedger,
  ideas,
  imagePrompts,
  images,
  keywords,
  publications,
  writerTasks,
} from '../../db/schema/index';

export type ConfigRow = typeof automationConfigs.$inferSelect;
export type RunRow = typeof automationRuns.$inferSelect;

export async function getConfig(db: Db, t: TenantContext, siteId: string): Promise<ConfigRow | undefined> {
  const [row] = await db
    .select()
    .from(automationConfigs)
    .where(and(eq(automationConfigs.accountId, t.accountId), eq(automationConfigs.siteId, siteId)));
  return row;
}

export async function saveConfig(
  db: Db,
  t: TenantContext,
  siteId: string,
  body: AutomationConfigBody,
  nextRunAt: Date | null,
): Promise<ConfigRow> {
  const values = {
    enabled: body.enabled,
    schedule: body.schedule,
    stages: body.stages,
    limits: body.limits,
    delays: body.delays,
    nextRunAt,
    updatedBy: t.userId || null,
    updatedAt: new Date(),
  };
  const [row] = await db
    .insert(automationConfigs)
    .values({ siteId, accountId: t.accountId, ...values })
    .onConflictDoUpdate({
      target: automationConfigs.siteId,
      set: values,
      where: eq(automationConfigs.accountId, t.accountId),
    })
    .returning();
  return row!;
}

/** A new run; undefined when the site already has an active one (the partial unique index says so). */
export async function insertRun(
  db: Db,
  t: TenantContext,
  run: {
    siteId: string;
    trigger: 'manual' | 'schedule';
    requestedBy: string | null;
    config: AutomationConfigBody;
    stages: AutomationStageState[];
  },
): Promise<RunRow | undefined> {
  const [row] = await db
    .insert(automationRuns)
    .values({ ...run, accountId: t.accountId })
    .onConflictDoNothing({
      target: automationRuns.siteId,
      where: sql`${automationRuns.status} in ('queued', 'running', 'paused')`,
    })
    .returning();
  return row;
}

const active = inArray(automationRuns.status, ['queued', 'running', 'paused']);

export async function activeRunOf(db: Db, t: TenantContext, siteId: string): Promise<RunRow | undefined> {
  const [row] = await db
    .select()
    .from(automationRuns)
    .where(and(eq(automationRuns.accountId, t.accountId), eq(automationRuns.siteId, siteId), active));
  return row;
}

export async function getRun(db: Db, t: TenantContext, siteId: string, runId: string): Promise<RunRow | undefined> {
  const [row] = await db
    .select()
    .from(automationRuns)
    .where(
      and(eq(automationRuns.accountId, t.accountId), eq(automationRuns.siteId, siteId), eq(automationRuns.id, runId)),
    );
  return row;
}

export async function listRuns(db: Db, t: TenantContext, siteId: string, page: { limit: number; offset: number }) {
  const where = and(eq(automationRuns.accountId, t.accountId), eq(automationRuns.siteId, siteId));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(automationRuns)
      .where(where)
      .orderBy(desc(automationRuns.createdAt))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(automationRuns).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Changes a run (the driver's writes); `onlyIf` makes it conditional on the status read before. */
export async function updateRun(
  db: Db,
  t: TenantContext,
  runId: string,
  patch: Partial<typeof automationRuns.$inferInsert>,
  onlyIf?: AutomationRunStatus[],
) {
  const [row] = await db
    .update(automationRuns)
    .set({ ...patch, updatedAt: new Date() })
    .where(
      and(
        eq(automationRuns.accountId, t.accountId),
        eq(automationRuns.id, runId),
        onlyIf ? inArray(automationRuns.status, onlyIf) : undefined,
      ),
    )
    .returning();
  return row;
}

/** A run by id alone, for the driver: a step job names only the run, and the run names its account. */
export async function runForDriver(db: Db, runId: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(automationRuns).where(eq(automationRuns.id, runId));
  return row;
}

export async function appendLog(
  db: Db,
  t: TenantContext,
  runId: string,
  entry: { level: AutomationLogEntry['level']; stage: AutomationStage | null; message: string },
) {
  await db.insert(automationRunLogs).values({ runId, accountId: t.accountId, ...entry });
}

export async function logOf(db: Db, t: TenantContext, runId: string, limit = 500): Promise<AutomationLogEntry[]> {
  const rows = await db
    .select()
    .from(automationRunLogs)
    .where(and(eq(automationRunLogs.accountId, t.accountId), eq(automationRunLogs.runId, runId)))
    .orderBy(asc(automationRunLogs.at), asc(automationRunLogs.id))
    .limit(limit);
  return rows.map((r) => ({ at: r.at.toISOString(), level: r.level, stage: r.stage ?? null, message: r.message }));
}

/** Credits charged (net of refunds) to these task runs: what a run has spent. */
export async function creditsOfTaskRuns(db: Db, t: TenantContext, taskRunIds: string[]): Promise<number> {
  if (taskRunIds.length === 0) return 0;
  const [r] = await db
    .select({ n: sql<number>`coalesce(-sum(${creditLedger.amount}), 0)::int` })
    .from(creditLedger)
    .where(
      and(
        eq(creditLedger.accountId, t.accountId),
        inArray(creditLedger.taskRunId, taskRunIds),
        sql`${creditLedger.kind} in ('charge', 'refund')`,
      ),
    );
  return r?.n ?? 0;
}

/*
 * What waits at each stage, oldest first (keywords: the highest volume first), `limit` at most.
 * The same queries count the pipeline overview.
 */

export const waiting = {
  cluster: (t: TenantContext, siteId: string) => and(inSite(keywords, t, siteId), isNull(keywords.clusterId)),
  ideas: (db: Db, t: TenantContext, siteId: string) =>
    and(
      inSite(clusters, t, siteId),
      notExists(
        db
          .select({ x: sql`1` })
          .from(ideas)
          .where(and(eq(ideas.accountId, clusters.accountId), eq(ideas.clusterId, clusters.id))),
      ),
    ),
  queue: (t: TenantContext, siteId: string) => and(inSite(ideas, t, siteId), eq(ideas.status, 'new')),
  content: (db: Db, t: TenantContext, siteId: string) =>
    and(
      inSite(writerTasks, t, siteId),
      eq(writerTasks.status, 'queued'),
      notExists(
        db
          .select({ x: sql`1` })
          .from(contents)
          .where(and(eq(contents.accountId, writerTasks.accountId), eq(contents.writerTaskId, writerTasks.id))),
      ),
    ),
  imagePrompts: (db: Db, t: TenantContext, siteId: string) =>
    and(
      inSite(contents, t, siteId),
      notExists(
        db
          .select({ x: sql`1` })
          .from(imagePrompts)
          .where(and(eq(imagePrompts.accountId, contents.accountId), eq(imagePrompts.contentId, contents.id))),
      ),
    ),
  images: (db: Db, t: TenantContext, siteId: string) =>
    and(
      inSite(imagePrompts, t, siteId),
      notExists(
        db
          .select({ x: sql`1` })
          .from(images)
          .where(
            and(
              eq(images.accountId, imagePrompts.accountId),
              eq(images.imagePromptId, imagePrompts.id),
              sql`${images.status} in ('generated', 'generating', 'failed')`,
            ),
          ),
      ),
    ),
  publish: (db: Db, t: TenantContext, siteId: string, statuses: readonly string[]) =>
    and(
      inSite(contents, t, siteId),
      inArray(contents.status, [...statuses] as ('draft' | 'review' | 'approved')[]),
      notExists(
        db
          .select({ x: sql`1` })
          .from(publications)
          .where(
            and(
              eq(publications.accountId, contents.accountId),
              eq(publications.contentId, contents.id),
              sql`${publications.status} <> 'not_published'`,
            ),
          ),
      ),
    ),
};

/** Up to `limit` items waiting at a stage, in its order; `among`: only these; `exclude`: none of these (taken before in the run). */
export async function pick(
  db: Db,
  t: TenantContext,
  siteId: string,
  stage: Exclude<AutomationStage, 'publish'> | { publish: readonly string[] },
  limit: number,
  ids: { among?: string[]; exclude?: string[] } = {},
): Promise<string[]> {
  const { among, exclude } = ids;
  if (limit <= 0 || (among && among.length === 0)) return [];
  const only = (id: AnyPgColumn) =>
    and(among ? inArray(id, among) : undefined, exclude?.length ? notInArray(id, exclude) : undefined);
  let rows: { id: string }[];
  if (typeof stage === 'object') {
    rows = await db
      .select({ id: contents.id })
      .from(contents)
      .where(and(waiting.publish(db, t, siteId, stage.publish), only(contents.id)))
      .orderBy(asc(contents.createdAt), asc(contents.id))
      .limit(limit);
  } else if (stage === 'cluster') {
    rows = await db
      .select({ id: keywords.id })
      .from(keywords)
      .where(and(waiting.cluster(t, siteId), only(keywords.id)))
      .orderBy(sql`${keywords.volume} desc nulls last`, asc(keywords.createdAt), asc(keywords.id))
      .limit(limit);
  } else if (stage === 'ideas') {
    rows = await db
      .select({ id: clusters.id })
      .from(clusters)
      .where(and(waiting.ideas(db, t, siteId), only(clusters.id)))
      .orderBy(asc(clusters.createdAt), asc(clusters.id))
      .limit(limit);
  } else if (stage === 'queue') {
    rows = await db
      .select({ id: ideas.id })
      .from(ideas)
      .where(and(waiting.queue(t, siteId), only(ideas.id)))
      .orderBy(asc(ideas.createdAt), asc(ideas.id))
      .limit(limit);
  } else if (stage === 'content') {
    rows = await db
      .select({ id: writerTasks.id })
      .from(writerTasks)
      .where(and(waiting.content(db, t, siteId), only(writerTasks.id)))
      .orderBy(asc(writerTasks.createdAt), asc(writerTasks.id))
      .limit(limit);
  } else if (stage === 'imagePrompts') {
    rows = await db
      .select({ id: contents.id })
      .from(contents)
      .where(and(waiting.imagePrompts(db, t, siteId), only(contents.id)))
      .orderBy(asc(contents.createdAt), asc(contents.id))
      .limit(limit);
  } else {
    rows = await db
      .select({ id: imagePrompts.id })
      .from(imagePrompts)
      .where(and(waiting.images(db, t, siteId), only(imagePrompts.id)))
      .orderBy(asc(imagePrompts.createdAt), asc(imagePrompts.contentId), asc(imagePrompts.position))
      .limit(limit);
  }
  return rows.map((r) => r.id);
}

/** How many items wait at each stage now. */
export async function waitingCounts(
  db: Db,
  t: TenantContext,
  siteId: string,
): Promise<Record<AutomationStage, number>> {
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  const [cluster, ideasN, queue, content, prompts, imagesN, publish] = await Promise.all([
    n(db.select({ n: count() }).from(keywords).where(waiting.cluster(t, siteId))),
    n(
      db
        .select({ n: count() })
        .from(clusters)
        .where(waiting.ideas(db, t, siteId)),
    ),
    n(db.select({ n: count() }).from(ideas).where(waiting.queue(t, siteId))),
    n(
      db
        .select({ n: count() })
        .from(writerTasks)
        .where(waiting.content(db, t, siteId)),
    ),
    n(
      db
        .select({ n: count() })
        .from(contents)
        .where(waiting.imagePrompts(db, t, siteId)),
    ),
    n(
      db
        .select({ n: count() })
        .from(imagePrompts)
        .where(waiting.images(db, t, siteId)),
    ),
    n(
      db
        .select({ n: count() })
        .from(contents)
        .where(waiting.publish(db, t, siteId, ['draft', 'review', 'approved'])),
    ),
  ]);
  return { cluster, ideas: ideasN, queue, content, imagePrompts: prompts, images: imagesN, publish };
}

/*
 * Platform-side (the schedule tick and the sweeper): across accounts by design, on configs and
 * runs nobody is acting on; each run they touch carries its own account.
 */

/** Enabled configs whose next start has come, oldest first. */
export async function dueConfigs(db: Db, now: Date, limit = 100) {
  return db
    .select()
    .from(automationConfigs)
    .where(and(eq(automationConfigs.enabled, true), lte(automationConfigs.nextRunAt, now)))
    .orderBy(asc(automationConfigs.nextRunAt))
    .limit(limit);
}

/** Moves a config's next start on, only if it still is `was` (of two ticks, one takes the start). */
export async function advanceSchedule(db: Db, siteId: string, was: Date, next: Date | null): Promise<boolean> {
  const rows = await db
    .update(automationConfigs)
    .set({ nextRunAt: next })
    .where(and(eq(automationConfigs.siteId, siteId), eq(automationConfigs.nextRunAt, was)))
    .returning({ id: automationConfigs.siteId });
  return rows.length === 1;
}

/** Active runs not moved on for `seconds` (a lost step job, a crashed worker): the sweeper steps them again. */
export async function idleRuns(db: Db, seconds: number, limit = 100) {
  return db
    .select({ id: automationRuns.id, accountId: automationRuns.accountId, status: automationRuns.status })
    .from(automationRuns)
    .where(and(active, sql`${automationRuns.updatedAt} < now() - make_interval(secs => ${seconds})`))
    .orderBy(asc(automationRuns.updatedAt))
    .limit(limit);
}

/** Touches a run (the sweeper's mark that it sent a step), so two sweepers do not both re-send it soon. */
export async function touchRun(db: Db, runId: string, olderThanSeconds: number): Promise<boolean> {
  const rows = await db
    .update(automationRuns)
    .set({ updatedAt: new Date() })
    .where(
      and(
        eq(automationRuns.id, runId),
        sql`${automationRuns.updatedAt} < now() - make_interval(secs => ${olderThanSeconds})`,
      ),
    )
    .returning({ id: automationRuns.id });
  return rows.length === 1;
}
