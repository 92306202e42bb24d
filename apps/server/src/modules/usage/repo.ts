import type { Capability } from '@igny8/contracts';
import { isPlatformSource, providerSources, type ProviderSource } from '@igny8/contracts';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { CallUsage } from '../../ai/providers/types';
import type { Db } from '../../db/client';
import { usageEvents } from '../../db/schema/index';

export async function recordUsage(
  db: Db,
  t: TenantContext,
  e: CallUsage & {
    taskRunId: string | null;
    capability: Capability;
    source: ProviderSource;
    costUsd: number | null;
  },
): Promise<void> {
  await db.insert(usageEvents).values({
    accountId: t.accountId,
    taskRunId: e.taskRunId,
    capability: e.capability,
    provider: e.provider,
    model: e.model,
    source: e.source,
    inputTokens: e.inputTokens,
    outputTokens: e.outputTokens,
    images: e.images,
    latencyMs: Math.round(e.latencyMs),
    costUsd: e.costUsd,
  });
}

/**
 * Calls per capability, provider, model and key source in [from, to). The model behind the platform's keys is
 * internal to the platform: unless `revealPlatform` (an operator asks), those rows say null and are summed per provider.
 */
export async function usageSummary(db: Db, t: TenantContext, from: Date, to: Date, revealPlatform: boolean) {
  // Constants, not parameters: the same expression is selected and grouped by, and PostgreSQL matches the two by text.
  const platformSources = sql.raw(
    providerSources
      .filter(isPlatformSource)
      .map((x) => `'${x}'`)
      .join(', '),
  );
  const model = revealPlatform
    ? sql<string | null>`${usageEvents.model}`
    : sql<
        string | null
      >`case when ${usageEvents.source} in (${platformSources}) then null else ${usageEvents.model} end`;
  const rows = await db
    .select({
      capability: usageEvents.capability,
      provider: usageEvents.provider,
      model,
      source: usageEvents.source,
      calls: sql<number>`count(*)::int`,
      inputTokens: sql<number>`coalesce(sum(${usageEvents.inputTokens}), 0)::int`,
      outputTokens: sql<number>`coalesce(sum(${usageEvents.outputTokens}), 0)::int`,
      images: sql<number>`coalesce(sum(${usageEvents.images}), 0)::int`,
      costUsd: sql<number | null>`sum(${usageEvents.costUsd})::float8`,
      unpricedCalls: sql<number>`(count(*) - count(${usageEvents.costUsd}))::int`,
    })
    .from(usageEvents)
    .where(and(eq(usageEvents.accountId, t.accountId), gte(usageEvents.createdAt, from), lt(usageEvents.createdAt, to)))
    .groupBy(usageEvents.capability, usageEvents.provider, model, usageEvents.source)
    .orderBy(usageEvents.capability, model);
  return rows;
}
