import { defaultAutomationConfig } from '@igny8/contracts';
import { eq, getTableColumns, inArray, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { App } from '../../src/app';
import { makeTenantContext } from '../../src/access/context';
import { testConfig } from '../../src/config';
import { SecretBox } from '../../src/modules/integrations/secrets';
import { insertDestination } from '../../src/modules/publishing/repo';
import type { Db } from '../../src/db/client';
import * as schema from '../../src/db/schema/index';
import { bearer, type Session } from './app';
import { coffeeKeywords, createSite } from './planner';
import { pollTask } from './tasks';

/** What a seeded account's rows are called in URLs and bodies. */
export type Entity =
  | 'site'
  | 'sector'
  | 'keyword'
  | 'cluster'
  | 'idea'
  | 'writerTask'
  | 'content'
  | 'imagePrompt'
  | 'image'
  | 'task'
  | 'member'
  | 'destination'
  | 'apiToken'
  | 'brandVoice'
  | 'automationRun';

export interface SeededAccount {
  session: Session;
  accountId: string;
  /** A word in the site's name and every keyword phrase, so it reaches every text the pipeline writes. */
  marker: string;
  ids: Record<Entity, string[]>;
}

async function call(app: App, who: Session, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * One account's data made the way users make it: keywords → auto-cluster → ideas →
 * writer → content → image prompts → images, each task run to completion (offline
 * provider), then every id read back through the API.
 */
export async function seedPipeline(app: App, who: Session, accountId: string, marker: string): Promise<SeededAccount> {
  const siteId = await createSite(app, who, accountId, `${marker} coffee blog`);
  const S = `/api/v1/accounts/${accountId}/sites/${siteId}`;
  const run = async (url: string, payload: object) => {
    const { taskId } = await call(app, who, 'POST', url, payload);
    const { run } = await pollTask(app, who, accountId, taskId, 60_000);
    if (run.status !== 'succeeded')
      throw new Error(`${url}: task ${run.status} ${JSON.stringify(run.error ?? run.itemErrors)}`);
  };
  const list = async (path: string) =>
    ((await call(app, who, 'GET', `${S}/${path}`)).items as { id: string }[]).map((r) => r.id);

  await call(app, who, 'POST', `${S}/keywords`, {
    keywords: coffeeKeywords.map(([phrase, volume, difficulty, intent]) => ({
      phrase: `${phrase} ${marker}`,
      volume,
      difficulty,
      intent,
    })),
  });
  await run(`${S}/clusters/auto`, {});
  const clusterIds = await list('clusters?limit=100');
  await run(`${S}/ideas/generate`, { clusterIds, perCluster: 2 });
  const ideaIds = await list('ideas?limit=100');
  await call(app, who, 'POST', `${S}/writer/tasks`, { ideaIds: ideaIds.slice(0, 2) });
  const writerTaskIds = await list('writer/tasks?limit=100');
  await run(`${S}/contents/generate`, { writerTaskIds });
  const contentIds = await list('contents?limit=100');
  await run(`${S}/image-prompts/generate`, { contentIds });
  await run(`${S}/images/generate`, { contentIds });

  const token = (await call(app, who, 'POST', `/api/v1/accounts/${accountId}/api-tokens`, {
    name: `${marker} script`,
    role: 'viewer',
  })) as { token: { id: string } };
  // A publishing destination, inserted directly: the API refuses loopback for accounts, and a real
  // address must never be called by a test. Disabled, so nothing is ever published to it.
  const destination = await insertDestination(
    app.runtime.database.db,
    makeTenantContext(accountId, who.userId, 'owner'),
    siteId,
    {
      kind: 'webhook',
      name: `${marker} webhook`,
      url: 'http://127.0.0.1:9/igny8-seed-webhook',
      username: null,
      secretEncrypted: new SecretBox(testConfig().APP_SECRET).seal('seed-webhook-secret-0123456789'),
      secretMask: '…6789',
      enabled: false,
    },
  );

  // Writing: a brand voice the site writes in, the account's article prompt and one writer task's own.
  const voice = (await call(app, who, 'POST', `/api/v1/accounts/${accountId}/brand-voices`, {
    name: `${marker} voice`,
    tone: 'friendly',
    samples: [`${marker} sample`],
  })) as { id: string };
  await app.inject({
    method: 'PUT',
    url: `${S}/brand-voice`,
    headers: bearer(who),
    payload: { brandVoiceId: voice.id },
  });
  await app.inject({
    method: 'PUT',
    url: `/api/v1/accounts/${accountId}/prompts/article`,
    headers: bearer(who),
    payload: { system: `${marker} {language}`, prompt: `${marker} {keyword}` },
  });
  await app.inject({
    method: 'PUT',
    url: `${S}/writer/tasks/${writerTaskIds[0]}/prompts/article`,
    headers: bearer(who),
    payload: { system: `${marker} task`, prompt: `${marker} {title}` },
  });
  // An automation run with every stage turned off: it ends at once, with its stages and log, changing nothing else.
  const off = { enabled: false, batchSize: 1 };
  await app.inject({
    method: 'PUT',
    url: `${S}/automation`,
    headers: bearer(who),
    payload: {
      ...defaultAutomationConfig,
      stages: {
        cluster: off,
        ideas: { ...off, perCluster: 1 },
        queue: off,
        content: off,
        imagePrompts: off,
        images: off,
        publish: { ...off, mode: 'draft' },
      },
    },
  });
  const { runId } = (await call(app, who, 'POST', `${S}/automation/runs`)) as { runId: string };
  for (
    let i = 0;
    i < 300 && ['queued', 'running'].includes((await call(app, who, 'GET', `${S}/automation/runs/${runId}`)).status);
    i++
  )
    await new Promise((r) => setTimeout(r, 100));

  const members = (await call(app, who, 'GET', `/api/v1/accounts/${accountId}/members`)) as
    { items?: { userId: string }[] } | { userId: string }[];
  const memberRows = Array.isArray(members) ? members : (members.items ?? []);
  return {
    session: who,
    accountId,
    marker,
    ids: {
      site: [siteId],
      sector: ((await call(app, who, 'GET', `${S}/sectors`)).items as { id: string }[]).map((r) => r.id),
      keyword: await list('keywords?limit=100'),
      cluster: clusterIds,
      idea: ideaIds,
      writerTask: writerTaskIds,
      content: contentIds,
      imagePrompt: await list('image-prompts'),
      image: await list('images?limit=100'),
      task: (
        (await call(app, who, 'GET', `/api/v1/accounts/${accountId}/tasks?limit=100`)).items as { id: string }[]
      ).map((r) => r.id),
      member: memberRows.map((m) => m.userId),
      apiToken: [token.token.id],
      destination: [destination.id],
      brandVoice: [voice.id],
      automationRun: [runId],
    },
  };
}

const uuidRe = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function uuidsIn(value: unknown): string[] {
  return JSON.stringify(value ?? null).match(uuidRe) ?? [];
}

/** Every table of the schema that has an account column: tenant data, by construction of the schema. */
function tenantTables(): { name: string; table: PgTable; accountId: ReturnType<typeof getTableColumns>[string] }[] {
  return Object.entries(schema)
    .filter(([, v]) => is(v, PgTable))
    .flatMap(([name, v]) => {
      const table = v as PgTable;
      const cols = getTableColumns(table);
      return cols.accountId ? [{ name, table, accountId: cols.accountId }] : [];
    });
}

/**
 * Every row the account owns, table by table (its account row, its users, and each table
 * with an account column), in a stable order: a snapshot to compare before and after.
 */
export async function accountRows(db: Db, accountId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  out.accounts = await db.select().from(schema.accounts).where(eq(schema.accounts.id, accountId));
  for (const { name, table, accountId: col } of tenantTables()) {
    const rows = await db.select().from(table).where(eq(col, accountId));
    out[name] = rows
      .map((r) => JSON.parse(JSON.stringify(r)))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  const userIds = (out.memberships as { userId: string }[]).map((m) => m.userId);
  out.users = userIds.length ? await db.select().from(schema.users).where(inArray(schema.users.id, userIds)) : [];
  return out;
}

/** The values that identify an account: every id in its rows, its marker and its users' emails. */
export async function identifiersOf(db: Db, a: SeededAccount): Promise<string[]> {
  const rows = await accountRows(db, a.accountId);
  const emails = (rows.users as { email: string }[]).map((u) => u.email);
  return [
    ...new Set([
      ...uuidsIn(rows).map((u) => u.toLowerCase()),
      a.marker.toLowerCase(),
      ...emails.map((e) => e.toLowerCase()),
    ]),
  ];
}
