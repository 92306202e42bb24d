import type { PromptFunction, PromptItemType, PromptText, PromptVersion } from '@igny8/contracts';
import { and, desc, eq, inArray, isNull, max, or, sql, type SQL } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { ideas, promptVersions, writerTasks } from '../../db/schema/index';
import { inSite, isUuid } from '../../db/query';
import { notFound } from '../../http/errors';

/** Where an override sits: the account (itemId null), or one idea or writer task. */
export interface PromptScope {
  itemType: 'account' | PromptItemType;
  itemId: string | null;
}
export const accountScope: PromptScope = { itemType: 'account', itemId: null };

const inScope = (s: PromptScope): SQL =>
  and(
    eq(promptVersions.itemType, s.itemType),
    s.itemId ? eq(promptVersions.itemId, s.itemId) : isNull(promptVersions.itemId),
  )!;

type Row = typeof promptVersions.$inferSelect;
const textOf = (r: Row | undefined): PromptText | null =>
  r?.system != null && r.prompt != null ? { system: r.system, prompt: r.prompt } : null;

/**
 * The override in force in each scope (its newest version; null when none or when the newest is a reset),
 * for the given functions, in one query.
 */
export async function overridesIn(
  db: Db,
  t: TenantContext,
  fns: PromptFunction[],
  scopes: PromptScope[],
): Promise<Map<string, PromptText | null>> {
  if (!fns.length || !scopes.length) return new Map();
  const rows = await db
    .selectDistinctOn([promptVersions.function, promptVersions.itemType, promptVersions.itemId])
    .from(promptVersions)
    .where(
      and(eq(promptVersions.accountId, t.accountId), inArray(promptVersions.function, fns), or(...scopes.map(inScope))),
    )
    .orderBy(promptVersions.function, promptVersions.itemType, promptVersions.itemId, desc(promptVersions.version));
  return new Map(
    rows.map((r) => [overrideKey(r.function as PromptFunction, { itemType: r.itemType, itemId: r.itemId }), textOf(r)]),
  );
}

export const overrideKey = (fn: PromptFunction, s: PromptScope) => `${fn}|${s.itemType}|${s.itemId ?? ''}`;

/** Appends a version (text null: reset to default). The version number is the next in its scope. */
export async function appendVersion(
  db: Db,
  t: TenantContext,
  fn: PromptFunction,
  scope: PromptScope,
  text: PromptText | null,
): Promise<PromptVersion> {
  // Two saves at once would pick the same number: the lock orders them (held until the transaction commits).
  await db.execute(
    sql`select pg_advisory_xact_lock(hashtext('igny8.prompts'), hashtext(${`${t.accountId}|${overrideKey(fn, scope)}`}))`,
  );
  const [last] = await db
    .select({ n: max(promptVersions.version) })
    .from(promptVersions)
    .where(and(eq(promptVersions.accountId, t.accountId), eq(promptVersions.function, fn), inScope(scope)));
  const [row] = await db
    .insert(promptVersions)
    .values({
      accountId: t.accountId,
      function: fn,
      itemType: scope.itemType,
      itemId: scope.itemId,
      version: (last?.n ?? 0) + 1,
      system: text?.system ?? null,
      prompt: text?.prompt ?? null,
      createdBy: t.userId || null,
    })
    .returning();
  return toVersion(row!);
}

export async function listVersions(
  db: Db,
  t: TenantContext,
  fn: PromptFunction,
  scope: PromptScope,
): Promise<PromptVersion[]> {
  const rows = await db
    .select()
    .from(promptVersions)
    .where(and(eq(promptVersions.accountId, t.accountId), eq(promptVersions.function, fn), inScope(scope)))
    .orderBy(desc(promptVersions.version))
    .limit(200);
  return rows.map(toVersion);
}

function toVersion(r: Row): PromptVersion {
  return {
    id: r.id,
    version: r.version,
    system: r.system,
    prompt: r.prompt,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}

/** An idea or writer task of the site, as a prompt scope; 404 when it is not the site's. */
export async function requireItem(
  db: Db,
  t: TenantContext,
  siteId: string,
  itemType: PromptItemType,
  itemId: string,
): Promise<PromptScope> {
  const table = itemType === 'idea' ? ideas : writerTasks;
  const what = itemType === 'idea' ? 'Idea' : 'Writer task';
  if (!isUuid(itemId)) throw notFound(what);
  const [row] = await db
    .select({ id: table.id })
    .from(table as typeof ideas)
    .where(and(inSite(table, t, siteId), eq(table.id, itemId)));
  if (!row) throw notFound(what);
  return { itemType, itemId };
}

/** The idea a writer task came from (its overrides come next in line). */
export async function ideaOfWriterTask(db: Db, t: TenantContext, writerTaskId: string): Promise<string | null> {
  const [row] = await db
    .select({ ideaId: writerTasks.ideaId })
    .from(writerTasks)
    .where(and(eq(writerTasks.accountId, t.accountId), eq(writerTasks.id, writerTaskId)));
  return row?.ideaId ?? null;
}
