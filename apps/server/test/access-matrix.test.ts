/**
 * The route × role matrix. Every registered route must have an entry here; each
 * entry declares the policy we expect and a request that succeeds when allowed.
 * The expected status for every caller is derived from that declaration and checked
 * against the running app, so a route whose policy changes (or disappears) fails.
 */
import { roleAtLeast, type Role } from '@igny8/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePolicy } from '../src/access/policy';
import { defaultCreditCosts } from '@igny8/contracts';
import { eq } from 'drizzle-orm';
import { defaultAutomationConfig } from '@igny8/contracts';
import {
  apiTokens,
  automationRuns,
  brandVoices,
  clusterOutliers,
  clusters,
  ideas,
  imagePrompts,
  images,
  keywords,
  plans,
  publishingDestinations,
  sectors,
  sites,
  taskRuns,
} from '../src/db/schema/index';
import { SecretBox } from '../src/modules/integrations/secrets';
import { insertArticle, insertWriterTask } from './helpers/rows';
import { defaultSectorId } from './helpers/sectors';
import { addMember, bearer, tenantFixture, TEST_PASSWORD, testApp, type Session, type TestApp } from './helpers/app';

/** `token:<role>`: an API token of the account made by its owner with that role; expired and revoked ones too. */
type TokenCaller = `token:${Role}` | 'token:expired' | 'token:revoked';
type Caller = 'anonymous' | Role | 'operator' | 'inactive' | 'outsider' | TokenCaller;
const callers: Caller[] = [
  'anonymous',
  'viewer',
  'editor',
  'admin',
  'owner',
  'operator',
  'inactive',
  'outsider',
  'token:viewer',
  'token:editor',
  'token:admin',
  'token:owner',
  'token:expired',
  'token:revoked',
];
type Declared = 'public' | 'authenticated' | 'platformOperator' | `member(${Role})` | `member(${Role},session)`;

interface Ctx {
  f: Awaited<ReturnType<typeof tenantFixture>>;
  t: TestApp;
  seq: () => number;
  siteId: string;
}
interface Req {
  url: string;
  payload?: object;
}
interface Entry {
  policy: Declared;
  /** status when the caller is allowed through */
  ok: number;
  request: (ctx: Ctx) => Req | Promise<Req>;
}

/** A task run waiting in the queue (inserted directly: no job kind is needed to test access). */
async function queuedTaskRun(c: Ctx): Promise<string> {
  const [row] = await c.t.database.db
    .insert(taskRuns)
    .values({ accountId: c.f.accountId, userId: c.f.owner.userId, kind: 'fixture', title: 'Fixture', input: {} })
    .returning({ id: taskRuns.id });
  return row!.id;
}

/** An ended idea generation whose one cluster failed (a fresh cluster each time, so retries never overlap). */
async function partialIdeasRun(c: Ctx): Promise<string> {
  const clusterId = await fixtureCluster(c);
  const [row] = await c.t.database.db
    .insert(taskRuns)
    .values({
      accountId: c.f.accountId,
      siteId: c.siteId,
      userId: c.f.owner.userId,
      kind: 'ideas.generate',
      title: 'Fixture ideas',
      status: 'partial',
      input: { siteId: c.siteId, clusterIds: [clusterId], perCluster: 1 },
      itemErrors: [{ item: `cluster-${clusterId}`, label: 'cluster', code: 'item_failed', message: 'failed' }],
      finishedAt: new Date(),
    })
    .returning({ id: taskRuns.id });
  return row!.id;
}

async function fixtureWriterTask(c: Ctx): Promise<string> {
  return insertWriterTask(c.t.database.db, c.f.accountId, c.siteId, await fixtureIdea(c));
}

function fixtureContent(c: Ctx): Promise<string> {
  return insertArticle(c.t.database.db, c.f.accountId, c.siteId, c.seq());
}

/** An article with one image prompt and its image: generated with a stored file, or refused by the content policy. */
async function fixtureImage(
  c: Ctx,
  outcome: 'generated' | 'refused' = 'generated',
): Promise<{ contentId: string; imageId: string }> {
  const { db } = c.t.database;
  const contentId = await fixtureContent(c);
  const [prompt] = await db
    .insert(imagePrompts)
    .values({
      accountId: c.f.accountId,
      siteId: c.siteId,
      contentId,
      kind: 'featured',
      position: 0,
      prompt: 'A cup',
      alt: 'A cup',
      caption: '',
      style: 'photo',
    })
    .returning({ id: imagePrompts.id });
  const fileKey = `${c.f.accountId}/${c.siteId}/matrix-${c.seq()}.png`;
  if (outcome === 'generated') await c.t.app.runtime.storage.put(fileKey, Buffer.from('png'), 'image/png');
  const [image] = await db
    .insert(images)
    .values({
      accountId: c.f.accountId,
      siteId: c.siteId,
      contentId,
      imagePromptId: prompt!.id,
      ...(outcome === 'generated'
        ? { status: 'generated' as const, fileKey, mimeType: 'image/png' }
        : { status: 'failed' as const, error: { code: 'provider_content_policy', message: 'refused' } }),
    })
    .returning({ id: images.id });
  return { contentId, imageId: image!.id };
}

/** A site of its own with an empty second sector, inserted directly: each sector request has room under the 5-sector cap. */
async function fixtureSectorSite(c: Ctx): Promise<{ siteId: string; sectorId: string }> {
  const { db } = c.t.database;
  const [site] = await db
    .insert(sites)
    .values({ accountId: c.f.accountId, name: `Sector site ${c.seq()}`, url: 'https://example.com' })
    .returning({ id: sites.id });
  const rows = await db
    .insert(sectors)
    .values([
      { accountId: c.f.accountId, siteId: site!.id, name: 'General' },
      { accountId: c.f.accountId, siteId: site!.id, name: 'Extra' },
    ])
    .returning({ id: sectors.id, name: sectors.name });
  return { siteId: site!.id, sectorId: rows.find((r) => r.name === 'Extra')!.id };
}

async function fixtureKeyword(c: Ctx): Promise<string> {
  const [row] = await c.t.database.db
    .insert(keywords)
    .values({
      accountId: c.f.accountId,
      siteId: c.siteId,
      sectorId: await defaultSectorId(c.t.database.db, c.siteId),
      phrase: `kw ${c.seq()}`,
      phraseNorm: `kw ${c.seq()}`,
    })
    .returning({ id: keywords.id });
  return row!.id;
}
async function fixtureCluster(c: Ctx): Promise<string> {
  const [row] = await c.t.database.db
    .insert(clusters)
    .values({
      accountId: c.f.accountId,
      siteId: c.siteId,
      sectorId: await defaultSectorId(c.t.database.db, c.siteId),
      name: `cluster ${c.seq()}`,
    })
    .returning({ id: clusters.id });
  return row!.id;
}
/** A cluster with one keyword the LLM flagged as not belonging: [clusterId, keywordId]. */
async function fixtureOutlier(c: Ctx): Promise<[string, string]> {
  const clusterId = await fixtureCluster(c);
  const keywordId = await fixtureKeyword(c);
  const db = c.t.database.db;
  await db.update(keywords).set({ clusterId }).where(eq(keywords.id, keywordId));
  await db
    .insert(clusterOutliers)
    .values({ keywordId, accountId: c.f.accountId, siteId: c.siteId, clusterId, reason: 'Another topic' });
  return [clusterId, keywordId];
}
async function fixtureIdea(c: Ctx): Promise<string> {
  const [row] = await c.t.database.db
    .insert(ideas)
    .values({
      accountId: c.f.accountId,
      siteId: c.siteId,
      sectorId: await defaultSectorId(c.t.database.db, c.siteId),
      title: 'An idea',
      summary: 'A summary',
      contentType: 'article',
      outline: [],
      primaryKeyword: 'kw',
      secondaryKeywords: [],
      targetWordCount: 1000,
      source: 'user',
    })
    .returning({ id: ideas.id });
  return row!.id;
}
/** A webhook destination on loopback (never reachable for an account, so nothing connects). */
async function fixtureDestination(c: Ctx): Promise<string> {
  const [row] = await c.t.database.db
    .insert(publishingDestinations)
    .values({
      accountId: c.f.accountId,
      siteId: c.siteId,
      kind: 'webhook',
      name: `hook ${c.seq()}`,
      url: 'http://127.0.0.1:9/igny8-matrix',
      secretEncrypted: new SecretBox(c.t.config.APP_SECRET).seal('matrix-secret-0123456789'),
      secretMask: '…6789',
    })
    .returning({ id: publishingDestinations.id });
  return row!.id;
}
async function fixtureVoice(c: Ctx): Promise<string> {
  const [row] = await c.t.database.db
    .insert(brandVoices)
    .values({ accountId: c.f.accountId, name: `Voice ${c.seq()}`, tone: 'plain', samples: ['A sample.'] })
    .returning({ id: brandVoices.id });
  return row!.id;
}
const promptBody = { system: 'Write in {language}.', prompt: 'About {keyword}.' };
const inADay = () => new Date(Date.now() + 86_400_000).toISOString();
/** Editors may publish on the matrix site, so `member(editor)` publishing routes answer editors too. */
const matrixPublishingSettings = {
  editorsCanPublish: true,
  scheduleMode: 'immediate',
  slotDays: [],
  slotTimes: [],
  staggerHours: 24,
  dailyCap: null,
  timezone: 'UTC',
};

/** Writer items are created by tasks; for access checks an unknown id shows the guard let the caller through (404 from the lookup, not the guard's). */
const unknownId = '00000000-0000-4000-8000-000000000001';
const S = (c: Ctx) => `/api/v1/accounts/${c.f.accountId}/sites/${c.siteId}`;

/** A site of its own per call (a site has one active automation run at a time), and its path. */
async function ownSite(c: Ctx): Promise<{ siteId: string; path: string }> {
  const [row] = await c.t.database.db
    .insert(sites)
    .values({ accountId: c.f.accountId, name: `Matrix site ${c.seq()}`, url: 'https://matrix.example' })
    .returning({ id: sites.id });
  return { siteId: row!.id, path: `/api/v1/accounts/${c.f.accountId}/sites/${row!.id}` };
}

/** An automation run in a site of its own, nothing running in it (inserted directly: no worker moves it). */
async function fixtureAutomationRun(c: Ctx, status: 'queued' | 'paused'): Promise<string> {
  const { siteId, path } = await ownSite(c);
  const [row] = await c.t.database.db
    .insert(automationRuns)
    .values({
      accountId: c.f.accountId,
      siteId,
      status,
      trigger: 'manual',
      requestedBy: c.f.owner.userId,
      config: defaultAutomationConfig as never,
      stages: [],
    })
    .returning({ id: automationRuns.id });
  return `${path}/automation/runs/${row!.id}`;
}

const A = (c: Ctx) => `/api/v1/accounts/${c.f.accountId}`;

export const matrix: Record<string, Entry> = {
  'GET /api/health': { policy: 'public', ok: 200, request: () => ({ url: '/api/health' }) },
  'GET /api/docs/json': { policy: 'public', ok: 200, request: () => ({ url: '/api/docs/json' }) },
  'GET /api/docs/yaml': { policy: 'public', ok: 200, request: () => ({ url: '/api/docs/yaml' }) },
  'GET /api/docs': { policy: 'public', ok: 200, request: () => ({ url: '/api/docs' }) },
  // swagger-ui answers its index with a redirect to the docs root
  'GET /api/docs/static/index.html': {
    policy: 'public',
    ok: 302,
    request: () => ({ url: '/api/docs/static/index.html' }),
  },
  'GET /api/docs/static/swagger-initializer.js': {
    policy: 'public',
    ok: 200,
    request: () => ({ url: '/api/docs/static/swagger-initializer.js' }),
  },
  'GET /api/docs/static/*': { policy: 'public', ok: 200, request: () => ({ url: '/api/docs/static/swagger-ui.css' }) },
  'GET /api/v1/setup/status': { policy: 'public', ok: 200, request: () => ({ url: '/api/v1/setup/status' }) },
  'POST /api/v1/setup': {
    policy: 'public',
    ok: 409,
    request: () => ({
      url: '/api/v1/setup',
      payload: { email: 'late@x.io', password: TEST_PASSWORD, name: 'L', accountName: 'L' },
    }),
  },
  'POST /api/v1/auth/signup': {
    policy: 'public',
    ok: 201,
    request: (c) => ({
      url: '/api/v1/auth/signup',
      payload: { email: `signup${c.seq()}@x.io`, password: TEST_PASSWORD, name: 'S', accountName: 'S' },
    }),
  },
  'POST /api/v1/auth/login': {
    policy: 'public',
    ok: 200,
    request: () => ({ url: '/api/v1/auth/login', payload: { email: 'owner@a.test', password: TEST_PASSWORD } }),
  },
  // No refresh cookie: 204, nothing to refresh (a signed-out visit logs no error); a bad cookie is 401.
  'POST /api/v1/auth/refresh': { policy: 'public', ok: 204, request: () => ({ url: '/api/v1/auth/refresh' }) },
  'POST /api/v1/auth/logout': { policy: 'public', ok: 204, request: () => ({ url: '/api/v1/auth/logout' }) },
  'POST /api/v1/auth/invite/accept': {
    policy: 'public',
    ok: 400,
    request: () => ({
      url: '/api/v1/auth/invite/accept',
      payload: { token: 'x'.repeat(43), name: 'N', password: TEST_PASSWORD },
    }),
  },
  'POST /api/v1/auth/invite/lookup': {
    policy: 'public',
    ok: 400, // an unknown invitation: invite_invalid
    request: () => ({ url: '/api/v1/auth/invite/lookup', payload: { token: 'x'.repeat(43) } }),
  },
  'GET /api/v1/auth/me': { policy: 'authenticated', ok: 200, request: () => ({ url: '/api/v1/auth/me' }) },
  'POST /api/v1/auth/login/two-factor': {
    policy: 'public',
    ok: 400, // an unknown challenge: challenge_invalid
    request: () => ({ url: '/api/v1/auth/login/two-factor', payload: { challenge: 'x'.repeat(43), code: '123456' } }),
  },
  'POST /api/v1/auth/password/forgot': {
    policy: 'public',
    ok: 202,
    request: (c) => ({ url: '/api/v1/auth/password/forgot', payload: { email: `nobody${c.seq()}@x.io` } }),
  },
  'POST /api/v1/auth/password/reset': {
    policy: 'public',
    ok: 400, // an unknown link: reset_invalid
    request: () => ({
      url: '/api/v1/auth/password/reset',
      payload: { token: 'x'.repeat(43), password: TEST_PASSWORD },
    }),
  },
  'POST /api/v1/auth/verify-email': {
    policy: 'public',
    ok: 400,
    request: () => ({ url: '/api/v1/auth/verify-email', payload: { token: 'x'.repeat(43) } }),
  },
  'POST /api/v1/auth/verify-email/resend': {
    policy: 'public',
    ok: 202,
    request: (c) => ({ url: '/api/v1/auth/verify-email/resend', payload: { email: `nobody${c.seq()}@x.io` } }),
  },
  // Profile routes: a too-short new password / missing fields show the guard let the caller through to validation.
  'POST /api/v1/auth/password/change': {
    policy: 'authenticated',
    ok: 400,
    request: () => ({ url: '/api/v1/auth/password/change', payload: { currentPassword: 'x', newPassword: 'short' } }),
  },
  'GET /api/v1/auth/two-factor': {
    policy: 'authenticated',
    ok: 200,
    request: () => ({ url: '/api/v1/auth/two-factor' }),
  },
  'POST /api/v1/auth/two-factor/setup': {
    policy: 'authenticated',
    ok: 400,
    request: () => ({ url: '/api/v1/auth/two-factor/setup', payload: {} }),
  },
  'POST /api/v1/auth/two-factor/enable': {
    policy: 'authenticated',
    ok: 400,
    request: () => ({ url: '/api/v1/auth/two-factor/enable', payload: { code: 'x' } }),
  },
  'POST /api/v1/auth/two-factor/disable': {
    policy: 'authenticated',
    ok: 400,
    request: () => ({ url: '/api/v1/auth/two-factor/disable', payload: {} }),
  },
  'POST /api/v1/auth/two-factor/recovery-codes': {
    policy: 'authenticated',
    ok: 400,
    request: () => ({ url: '/api/v1/auth/two-factor/recovery-codes', payload: {} }),
  },
  'GET /api/v1/auth/sessions': { policy: 'authenticated', ok: 200, request: () => ({ url: '/api/v1/auth/sessions' }) },
  'DELETE /api/v1/auth/sessions/:sessionId': {
    policy: 'authenticated',
    ok: 404, // not one of the caller's sessions
    request: () => ({ url: `/api/v1/auth/sessions/${unknownId}` }),
  },
  'PUT /api/v1/accounts/:accountId/security': {
    policy: 'member(admin,session)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/security`, payload: { requireTwoFactor: false } }),
  },
  'GET /api/v1/accounts/:accountId/api-tokens': {
    policy: 'member(viewer,session)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/api-tokens` }),
  },
  'POST /api/v1/accounts/:accountId/api-tokens': {
    policy: 'member(viewer,session)',
    ok: 201,
    request: (c) => ({ url: `${A(c)}/api-tokens`, payload: { name: `matrix ${c.seq()}`, role: 'viewer' } }),
  },
  'DELETE /api/v1/accounts/:accountId/api-tokens/:tokenId': {
    policy: 'member(viewer,session)',
    ok: 204,
    // Each caller revokes a token of its own (made for it here, through the service, as its role allows).
    request: async (c) => ({ url: `${A(c)}/api-tokens/${await ownToken(c)}` }),
  },
  'GET /api/v1/accounts/:accountId/audit': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/audit?action=member.` }),
  },
  'GET /api/v1/accounts/:accountId/audit/export': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/audit/export` }),
  },
  'GET /api/v1/platform/audit': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/audit?scope=platform' }),
  },
  'GET /api/v1/platform/audit/export': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/audit/export' }),
  },
  'GET /api/v1/platform/users': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/users?q=a.test' }),
  },
  'GET /api/v1/accounts/:accountId': { policy: 'member(viewer)', ok: 200, request: (c) => ({ url: A(c) }) },
  'PATCH /api/v1/accounts/:accountId': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: A(c), payload: { name: 'Account A' } }),
  },
  'GET /api/v1/accounts/:accountId/members': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/members` }),
  },
  'POST /api/v1/accounts/:accountId/members': {
    policy: 'member(admin)',
    ok: 201,
    request: (c) => ({ url: `${A(c)}/members`, payload: { email: `m${c.seq()}@a.test`, role: 'viewer' } }),
  },
  'PATCH /api/v1/accounts/:accountId/members/:userId': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/members/${c.f.viewer.userId}`, payload: { role: 'viewer' } }),
  },
  'DELETE /api/v1/accounts/:accountId/members/:userId': {
    policy: 'member(admin)',
    ok: 204,
    request: async (c) => {
      const temp = await addMember(c.t.app, c.f.owner, c.f.accountId, `temp${c.seq()}@a.test`, 'viewer');
      return { url: `${A(c)}/members/${temp.userId}` };
    },
  },
  'GET /api/v1/accounts/:accountId/tasks': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/tasks?active=1` }),
  },
  'GET /api/v1/accounts/:accountId/tasks/:taskId': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${A(c)}/tasks/${await queuedTaskRun(c)}` }),
  },
  'GET /api/v1/accounts/:accountId/tasks/:taskId/input': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${A(c)}/tasks/${await queuedTaskRun(c)}/input` }),
  },
  'POST /api/v1/accounts/:accountId/tasks/:taskId/cancel': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({ url: `${A(c)}/tasks/${await queuedTaskRun(c)}/cancel` }),
  },
  'POST /api/v1/accounts/:accountId/tasks/:taskId/retry-failed': {
    policy: 'member(editor)',
    ok: 202,
    request: async (c) => ({ url: `${A(c)}/tasks/${await partialIdeasRun(c)}/retry-failed` }),
  },
  'GET /api/v1/accounts/:accountId/settings/integrations': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/settings/integrations` }),
  },
  'PUT /api/v1/accounts/:accountId/settings/integrations/:capability': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/settings/integrations/text`, payload: { provider: 'builtin' } }),
  },
  'DELETE /api/v1/accounts/:accountId/settings/integrations/:capability': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/settings/integrations/text` }),
  },
  'POST /api/v1/accounts/:accountId/settings/integrations/:capability/test': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/settings/integrations/text/test` }),
  },
  'GET /api/v1/accounts/:accountId/usage': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/usage` }),
  },
  'GET /api/v1/platform/integrations': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/integrations' }),
  },
  'PUT /api/v1/platform/integrations/:capability': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/integrations/image', payload: { provider: 'builtin' } }),
  },
  'DELETE /api/v1/platform/integrations/:capability': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/integrations/image' }),
  },
  'POST /api/v1/platform/integrations/:capability/test': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/integrations/image/test' }),
  },
  'GET /api/v1/accounts/:accountId/sites': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/sites` }),
  },
  'POST /api/v1/accounts/:accountId/sites': {
    policy: 'member(editor)',
    ok: 201,
    request: (c) => ({ url: `${A(c)}/sites`, payload: { name: `Site ${c.seq()}`, url: 'https://example.com' } }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: S(c) }),
  },
  'PATCH /api/v1/accounts/:accountId/sites/:siteId': {
    policy: 'member(editor)',
    ok: 200,
    request: (c) => ({ url: S(c), payload: { niche: 'coffee' } }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/sectors': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/sectors` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/sectors': {
    policy: 'member(admin)',
    ok: 201,
    request: async (c) => ({
      url: `${A(c)}/sites/${(await fixtureSectorSite(c)).siteId}/sectors`,
      payload: { name: `Sector ${c.seq()}` },
    }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/sectors/:sectorId': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => {
      const s = await fixtureSectorSite(c);
      return { url: `${A(c)}/sites/${s.siteId}/sectors/${s.sectorId}` };
    },
  },
  'PATCH /api/v1/accounts/:accountId/sites/:siteId/sectors/:sectorId': {
    policy: 'member(admin)',
    ok: 200,
    request: async (c) => {
      const s = await fixtureSectorSite(c);
      return { url: `${A(c)}/sites/${s.siteId}/sectors/${s.sectorId}`, payload: { name: `Renamed ${c.seq()}` } };
    },
  },
  'DELETE /api/v1/accounts/:accountId/sites/:siteId/sectors/:sectorId': {
    policy: 'member(admin)',
    ok: 204,
    request: async (c) => {
      const s = await fixtureSectorSite(c);
      return { url: `${A(c)}/sites/${s.siteId}/sectors/${s.sectorId}` };
    },
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/keywords': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/keywords` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/keywords/ids': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/keywords/ids` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/keywords': {
    policy: 'member(editor)',
    ok: 201,
    request: (c) => ({ url: `${S(c)}/keywords`, payload: { keywords: [{ phrase: `added ${c.seq()}` }] } }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/keywords/cannibalisation': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/keywords/cannibalisation` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/keywords/export': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/keywords/export` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/keywords/import': {
    policy: 'member(editor)',
    ok: 415, // JSON instead of CSV: the guard let the caller through to the body check
    request: (c) => ({ url: `${S(c)}/keywords/import`, payload: { not: 'csv' } }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/keywords/serps/import': {
    policy: 'member(editor)',
    ok: 415, // JSON instead of CSV: the guard let the caller through to the body check
    request: (c) => ({ url: `${S(c)}/keywords/serps/import`, payload: { not: 'csv' } }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/keywords/serps/fetch': {
    policy: 'member(editor)',
    ok: 422, // no SERP provider in tests: the guard let the caller through to serp_provider_missing
    request: async (c) => ({ url: `${S(c)}/keywords/serps/fetch`, payload: { keywordIds: [await fixtureKeyword(c)] } }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/keywords/bulk': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({
      url: `${S(c)}/keywords/bulk`,
      payload: { action: 'setIntent', intent: 'commercial', keywordIds: [await fixtureKeyword(c)] },
    }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/keywords/:keywordId': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/keywords/${await fixtureKeyword(c)}` }),
  },
  'PATCH /api/v1/accounts/:accountId/sites/:siteId/keywords/:keywordId': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/keywords/${await fixtureKeyword(c)}`, payload: { volume: 10 } }),
  },
  'DELETE /api/v1/accounts/:accountId/sites/:siteId/keywords/:keywordId': {
    policy: 'member(editor)',
    ok: 204,
    request: async (c) => ({ url: `${S(c)}/keywords/${await fixtureKeyword(c)}` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/clusters': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/clusters` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/clusters/names': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/clusters/names?sort=name&order=asc` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/clusters/ids': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/clusters/ids` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/clusters/auto': {
    policy: 'member(editor)',
    ok: 202,
    // A keyword of its own per call: a start on work already queued would be refused (409), whoever asks.
    request: async (c) => ({ url: `${S(c)}/clusters/auto`, payload: { keywordIds: [await fixtureKeyword(c)] } }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/clusters/preview': {
    policy: 'member(editor)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/clusters/preview`, payload: { granularity: 0.5 } }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/clusters/:clusterId': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/clusters/${await fixtureCluster(c)}` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/clusters/:clusterId/outliers': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/clusters/${(await fixtureOutlier(c))[0]}/outliers` }),
  },
  'DELETE /api/v1/accounts/:accountId/sites/:siteId/clusters/:clusterId/outliers/:keywordId': {
    policy: 'member(editor)',
    ok: 204,
    request: async (c) => ({ url: `${S(c)}/clusters/${(await fixtureOutlier(c)).join('/outliers/')}` }),
  },
  'PATCH /api/v1/accounts/:accountId/sites/:siteId/clusters/:clusterId': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/clusters/${await fixtureCluster(c)}`, payload: { name: 'Renamed' } }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/clusters/:clusterId/merge': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({
      url: `${S(c)}/clusters/${await fixtureCluster(c)}/merge`,
      payload: { sourceClusterId: await fixtureCluster(c) },
    }),
  },
  'DELETE /api/v1/accounts/:accountId/sites/:siteId/clusters/:clusterId': {
    policy: 'member(editor)',
    ok: 204,
    request: async (c) => ({ url: `${S(c)}/clusters/${await fixtureCluster(c)}` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/ideas': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/ideas` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/ideas/ids': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/ideas/ids` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/ideas/generate': {
    policy: 'member(editor)',
    ok: 202,
    request: async (c) => ({ url: `${S(c)}/ideas/generate`, payload: { clusterIds: [await fixtureCluster(c)] } }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/ideas/:ideaId': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/ideas/${await fixtureIdea(c)}` }),
  },
  'PATCH /api/v1/accounts/:accountId/sites/:siteId/ideas/:ideaId': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/ideas/${await fixtureIdea(c)}`, payload: { status: 'done' } }),
  },
  'DELETE /api/v1/accounts/:accountId/sites/:siteId/ideas/:ideaId': {
    policy: 'member(editor)',
    ok: 204,
    request: async (c) => ({ url: `${S(c)}/ideas/${await fixtureIdea(c)}` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/funnel': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/funnel` }),
  },
  'POST /api/v1/accounts/:accountId/demo': {
    policy: 'member(editor)',
    ok: 409, // the account already has sites: allowed through, refused by the rule
    request: (c) => ({ url: `${A(c)}/demo` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/writer/tasks': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/writer/tasks` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/writer/tasks/ids': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/writer/tasks/ids` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/writer/tasks': {
    policy: 'member(editor)',
    ok: 201,
    request: async (c) => ({ url: `${S(c)}/writer/tasks`, payload: { ideaIds: [await fixtureIdea(c)] } }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/contents/generate': {
    policy: 'member(editor)',
    ok: 202,
    request: async (c) => ({
      url: `${S(c)}/contents/generate`,
      payload: { writerTaskIds: [await fixtureWriterTask(c)] },
    }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/contents': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/contents` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/contents/ids': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/contents/ids` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/contents/export': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/contents/export?ids=${await fixtureContent(c)}` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/contents/:contentId': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/contents/${await fixtureContent(c)}` }),
  },
  'PATCH /api/v1/accounts/:accountId/sites/:siteId/contents/:contentId': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/contents/${await fixtureContent(c)}`, payload: { status: 'review' } }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/image-prompts/generate': {
    policy: 'member(editor)',
    ok: 202,
    request: async (c) => ({
      url: `${S(c)}/image-prompts/generate`,
      payload: { contentIds: [await fixtureContent(c)] },
    }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/image-prompts': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/image-prompts` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/images/generate': {
    policy: 'member(editor)',
    ok: 202,
    request: async (c) => ({
      url: `${S(c)}/images/generate`,
      payload: { contentIds: [(await fixtureImage(c)).contentId] },
    }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/images': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/images` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/images/:imageId/file': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/images/${(await fixtureImage(c)).imageId}/file` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/images/:imageId/regenerate': {
    policy: 'member(editor)',
    ok: 202,
    request: async (c) => ({ url: `${S(c)}/images/${(await fixtureImage(c)).imageId}/regenerate` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/images/:imageId/rewrite-and-retry': {
    policy: 'member(editor)',
    ok: 202,
    request: async (c) => ({ url: `${S(c)}/images/${(await fixtureImage(c, 'refused')).imageId}/rewrite-and-retry` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/publishing/destinations': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/publishing/destinations` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/publishing/destinations': {
    policy: 'member(admin)',
    ok: 201,
    // hooks.invalid is allowed by name for this app and never resolves: nothing is ever called.
    request: (c) => ({
      url: `${S(c)}/publishing/destinations`,
      payload: {
        kind: 'webhook',
        name: `Hook ${c.seq()}`,
        url: 'https://hooks.invalid/igny8',
        secret: 'a-shared-secret-0123456789',
      },
    }),
  },
  'GET /api/v1/accounts/:accountId/prompts': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/prompts` }),
  },
  'GET /api/v1/accounts/:accountId/prompts/:function': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/prompts/article` }),
  },
  'PUT /api/v1/accounts/:accountId/prompts/:function': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/prompts/article`, payload: promptBody }),
  },
  'DELETE /api/v1/accounts/:accountId/prompts/:function': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/prompts/article` }),
  },
  'GET /api/v1/accounts/:accountId/prompts/:function/versions': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/prompts/article/versions` }),
  },
  'POST /api/v1/accounts/:accountId/prompts/:function/preview': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/prompts/article/preview`, payload: promptBody }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/ideas/:ideaId/prompts/:function': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/ideas/${await fixtureIdea(c)}/prompts/article` }),
  },
  'PUT /api/v1/accounts/:accountId/sites/:siteId/ideas/:ideaId/prompts/:function': {
    policy: 'member(admin)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/ideas/${await fixtureIdea(c)}/prompts/article`, payload: promptBody }),
  },
  'DELETE /api/v1/accounts/:accountId/sites/:siteId/ideas/:ideaId/prompts/:function': {
    policy: 'member(admin)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/ideas/${await fixtureIdea(c)}/prompts/article` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/ideas/:ideaId/prompts/:function/versions': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/ideas/${await fixtureIdea(c)}/prompts/article/versions` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/writer/tasks/:writerTaskId/prompts/:function': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/writer/tasks/${await fixtureWriterTask(c)}/prompts/article` }),
  },
  'PUT /api/v1/accounts/:accountId/sites/:siteId/writer/tasks/:writerTaskId/prompts/:function': {
    policy: 'member(admin)',
    ok: 200,
    request: async (c) => ({
      url: `${S(c)}/writer/tasks/${await fixtureWriterTask(c)}/prompts/article`,
      payload: promptBody,
    }),
  },
  'DELETE /api/v1/accounts/:accountId/sites/:siteId/writer/tasks/:writerTaskId/prompts/:function': {
    policy: 'member(admin)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/writer/tasks/${await fixtureWriterTask(c)}/prompts/article` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/writer/tasks/:writerTaskId/prompts/:function/versions': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/writer/tasks/${await fixtureWriterTask(c)}/prompts/article/versions` }),
  },
  'GET /api/v1/accounts/:accountId/brand-voices': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/brand-voices` }),
  },
  'POST /api/v1/accounts/:accountId/brand-voices': {
    policy: 'member(admin)',
    ok: 201,
    request: (c) => ({ url: `${A(c)}/brand-voices`, payload: { name: `Voice ${c.seq()}` } }),
  },
  'GET /api/v1/accounts/:accountId/brand-voices/:voiceId': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${A(c)}/brand-voices/${await fixtureVoice(c)}` }),
  },
  'PATCH /api/v1/accounts/:accountId/brand-voices/:voiceId': {
    policy: 'member(admin)',
    ok: 200,
    request: async (c) => ({ url: `${A(c)}/brand-voices/${await fixtureVoice(c)}`, payload: { tone: 'dry' } }),
  },
  'DELETE /api/v1/accounts/:accountId/brand-voices/:voiceId': {
    policy: 'member(admin)',
    ok: 204,
    request: async (c) => ({ url: `${A(c)}/brand-voices/${await fixtureVoice(c)}` }),
  },
  'POST /api/v1/accounts/:accountId/brand-voices/:voiceId/learn': {
    policy: 'member(admin)',
    ok: 202,
    request: async (c) => ({ url: `${A(c)}/brand-voices/${await fixtureVoice(c)}/learn` }),
  },
  'PUT /api/v1/accounts/:accountId/sites/:siteId/brand-voice': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/brand-voice`, payload: { brandVoiceId: null } }),
  },
  'PUT /api/v1/accounts/:accountId/sites/:siteId/writer/tasks/:writerTaskId/brand-voice': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({
      url: `${S(c)}/writer/tasks/${await fixtureWriterTask(c)}/brand-voice`,
      payload: { brandVoiceId: await fixtureVoice(c) },
    }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/contents/:contentId/links': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/contents/${await fixtureContent(c)}/links` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/contents/:contentId/links/accept': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({
      url: `${S(c)}/contents/${await fixtureContent(c)}/links/accept`,
      payload: { targetContentId: await fixtureContent(c), anchor: 'Text' },
    }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/contents/:contentId/links/reject': {
    policy: 'member(editor)',
    ok: 204,
    request: async (c) => ({
      url: `${S(c)}/contents/${await fixtureContent(c)}/links/reject`,
      payload: { targetContentId: await fixtureContent(c) },
    }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/contents/:contentId/links/auto': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/contents/${await fixtureContent(c)}/links/auto`, payload: { count: 1 } }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/links/orphans': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/links/orphans` }),
  },
  'PATCH /api/v1/accounts/:accountId/sites/:siteId/publishing/destinations/:destinationId': {
    policy: 'member(admin)',
    ok: 200,
    request: async (c) => ({
      url: `${S(c)}/publishing/destinations/${await fixtureDestination(c)}`,
      payload: { name: 'Renamed' },
    }),
  },
  'DELETE /api/v1/accounts/:accountId/sites/:siteId/publishing/destinations/:destinationId': {
    policy: 'member(admin)',
    ok: 204,
    request: async (c) => ({ url: `${S(c)}/publishing/destinations/${await fixtureDestination(c)}` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/publishing/destinations/:destinationId/test': {
    policy: 'member(admin)',
    ok: 200,
    request: async (c) => ({ url: `${S(c)}/publishing/destinations/${await fixtureDestination(c)}/test` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/publishing/settings': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/publishing/settings` }),
  },
  'PUT /api/v1/accounts/:accountId/sites/:siteId/publishing/settings': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/publishing/settings`, payload: matrixPublishingSettings }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/contents/:contentId/transition': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({
      url: `${S(c)}/contents/${await fixtureContent(c)}/transition`,
      payload: { to: 'review' },
    }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/publishing/publish': {
    policy: 'member(editor)',
    ok: 202,
    // Scheduled to a webhook: recorded, and nothing goes out before its time.
    request: async (c) => ({
      url: `${S(c)}/publishing/publish`,
      payload: {
        contentIds: [await fixtureContent(c)],
        destinationIds: [await fixtureDestination(c)],
        when: { mode: 'at', at: inADay() },
      },
    }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/publishing/unpublish': {
    policy: 'member(editor)',
    ok: 202,
    request: async (c) => ({ url: `${S(c)}/publishing/unpublish`, payload: { contentIds: [await fixtureContent(c)] } }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/publishing/reschedule': {
    policy: 'member(editor)',
    ok: 202,
    request: async (c) => {
      const contentId = await fixtureContent(c);
      const scheduled = await c.t.app.inject({
        method: 'POST',
        url: `${S(c)}/publishing/publish`,
        headers: bearer(c.f.owner),
        payload: {
          contentIds: [contentId],
          destinationIds: [await fixtureDestination(c)],
          when: { mode: 'at', at: inADay() },
        },
      });
      expect(scheduled.statusCode).toBe(202);
      return {
        url: `${S(c)}/publishing/reschedule`,
        payload: { contentId, at: new Date(Date.now() + 2 * 86_400_000).toISOString() },
      };
    },
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/publishing/sync': {
    policy: 'member(editor)',
    ok: 202,
    request: (c) => ({ url: `${S(c)}/publishing/sync`, payload: {} }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/publishing/publications': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/publishing/publications` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/publishing/calendar': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/publishing/calendar?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z` }),
  },
  'GET /api/v1/platform/settings': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/settings' }),
  },
  'PUT /api/v1/platform/settings': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/settings', payload: {} }),
  },
  'GET /api/v1/platform/accounts': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/accounts' }),
  },
  'PATCH /api/v1/platform/accounts/:accountId': {
    policy: 'platformOperator',
    ok: 200,
    request: (c) => ({ url: `/api/v1/platform/accounts/${c.f.otherAccountId}`, payload: { active: true } }),
  },
  'PATCH /api/v1/platform/users/:userId': {
    policy: 'platformOperator',
    ok: 200,
    request: (c) => ({ url: `/api/v1/platform/users/${c.f.editor.userId}`, payload: { active: true } }),
  },
  'GET /api/v1/accounts/:accountId/billing': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/billing` }),
  },
  'GET /api/v1/accounts/:accountId/billing/ledger': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/billing/ledger` }),
  },
  'GET /api/v1/accounts/:accountId/billing/ledger/export': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/billing/ledger/export` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/billing/estimate': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({
      url: `${S(c)}/billing/estimate`,
      payload: { kind: 'ideas.generate', clusterIds: [await fixtureCluster(c)], perCluster: 2 },
    }),
  },
  'POST /api/v1/accounts/:accountId/billing/estimate': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${A(c)}/billing/estimate`, payload: { kind: 'brand_voices.learn' } }),
  },
  'GET /api/v1/platform/plans': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/plans' }),
  },
  'POST /api/v1/platform/plans': {
    policy: 'platformOperator',
    ok: 201,
    request: (c) => ({ url: '/api/v1/platform/plans', payload: matrixPlan(`Matrix plan ${c.seq()}`) }),
  },
  'PUT /api/v1/platform/plans/:planId': {
    policy: 'platformOperator',
    ok: 200,
    request: async (c) => {
      const [open] = await c.t.database.db.select().from(plans).where(eq(plans.name, 'Growth'));
      return { url: `/api/v1/platform/plans/${open!.id}`, payload: { ...matrixPlan('Growth'), monthlyCredits: 2000 } };
    },
  },
  'GET /api/v1/platform/billing/costs': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/billing/costs' }),
  },
  'PUT /api/v1/platform/billing/costs': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/billing/costs', payload: defaultCreditCosts }),
  },
  'GET /api/v1/platform/billing/prices': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({ url: '/api/v1/platform/billing/prices' }),
  },
  'PUT /api/v1/platform/billing/prices': {
    policy: 'platformOperator',
    ok: 200,
    request: () => ({
      url: '/api/v1/platform/billing/prices',
      payload: { items: [{ model: 'gpt-4o-mini', inputPerMillion: 0.15, outputPerMillion: 0.6, perImage: 0 }] },
    }),
  },
  'GET /api/v1/platform/accounts/:accountId/billing': {
    policy: 'platformOperator',
    ok: 200,
    request: (c) => ({ url: `/api/v1/platform/accounts/${c.f.otherAccountId}/billing` }),
  },
  'POST /api/v1/platform/accounts/:accountId/credits': {
    policy: 'platformOperator',
    ok: 200,
    request: (c) => ({
      url: `/api/v1/platform/accounts/${c.f.otherAccountId}/credits`,
      payload: { amount: 5, reason: 'Matrix grant' },
    }),
  },
  'PUT /api/v1/platform/accounts/:accountId/plan': {
    policy: 'platformOperator',
    ok: 200,
    request: async (c) => {
      const [open] = await c.t.database.db.select().from(plans).where(eq(plans.name, 'Open'));
      return { url: `/api/v1/platform/accounts/${c.f.otherAccountId}/plan`, payload: { planId: open!.id } };
    },
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/automation': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/automation` }),
  },
  'PUT /api/v1/accounts/:accountId/sites/:siteId/automation': {
    policy: 'member(admin)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/automation`, payload: defaultAutomationConfig }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/automation/overview': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/automation/overview` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/automation/runs': {
    policy: 'member(editor)',
    ok: 202,
    request: async (c) => ({ url: `${(await ownSite(c)).path}/automation/runs` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/automation/runs': {
    policy: 'member(viewer)',
    ok: 200,
    request: (c) => ({ url: `${S(c)}/automation/runs` }),
  },
  'GET /api/v1/accounts/:accountId/sites/:siteId/automation/runs/:runId': {
    policy: 'member(viewer)',
    ok: 200,
    request: async (c) => ({ url: await fixtureAutomationRun(c, 'queued') }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/automation/runs/:runId/pause': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({ url: `${await fixtureAutomationRun(c, 'queued')}/pause` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/automation/runs/:runId/resume': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({ url: `${await fixtureAutomationRun(c, 'paused')}/resume` }),
  },
  'POST /api/v1/accounts/:accountId/sites/:siteId/automation/runs/:runId/cancel': {
    policy: 'member(editor)',
    ok: 200,
    request: async (c) => ({ url: `${await fixtureAutomationRun(c, 'queued')}/cancel` }),
  },
  'POST /api/v1/platform/accounts/:accountId/refunds': {
    policy: 'platformOperator',
    ok: 409, // nothing of this run was charged: allowed through, refused by the rule
    request: async (c) => ({
      url: `/api/v1/platform/accounts/${c.f.accountId}/refunds`,
      payload: { taskRunId: await queuedTaskRun(c), reason: 'Matrix refund' },
    }),
  },
};

function matrixPlan(name: string) {
  return {
    name,
    monthlyCredits: 100,
    limits: { sites: 3, members: 10, keywords: 1000 },
    features: { ownAiKeys: true, automation: true },
  };
}

/** What each caller should get, from the declared policy alone. */
export function expectedFor(entry: Entry, caller: Caller): { status: number; code?: string } {
  const p = entry.policy;
  if (p === 'public') return { status: entry.ok };
  if (caller === 'anonymous') return { status: 401, code: 'auth_missing' };
  if (caller === 'token:expired') return { status: 401, code: 'auth_expired' };
  if (caller === 'token:revoked') return { status: 401, code: 'auth_invalid' };
  if (caller.startsWith('token:')) {
    // API tokens serve their account's member routes only, never a session-only one.
    if (!p.startsWith('member(') || p.endsWith(',session)')) return { status: 403, code: 'api_token_not_allowed' };
    const min = p.slice('member('.length, -1) as Role;
    return roleAtLeast(caller.slice('token:'.length) as Role, min)
      ? { status: entry.ok }
      : { status: 403, code: 'role_insufficient' };
  }
  if (caller === 'inactive') return { status: 403, code: 'user_inactive' };
  if (p === 'authenticated') return { status: entry.ok };
  if (p === 'platformOperator')
    return caller === 'operator' ? { status: entry.ok } : { status: 403, code: 'platform_only' };
  const min = p.slice('member('.length, -1).replace(',session', '') as Role;
  if (caller === 'operator' || caller === 'outsider') return { status: 404, code: 'not_found' };
  return roleAtLeast(caller as Role, min) ? { status: entry.ok } : { status: 403, code: 'role_insufficient' };
}

let t: TestApp;
let ctx: Ctx;
let sessions: Record<Exclude<Caller, 'anonymous'>, Session>;
/** The caller of the request being built (DELETE api-tokens makes a token the caller may revoke). */
let currentCaller: Caller = 'owner';

async function ownToken(c: Ctx): Promise<string> {
  const who =
    currentCaller.startsWith('token:') || currentCaller === 'anonymous'
      ? c.f.owner
      : sessions[currentCaller as Exclude<Caller, 'anonymous'>];
  const res = await c.t.app.inject({
    method: 'POST',
    url: `${A(c)}/api-tokens`,
    headers: bearer(['viewer', 'editor', 'admin', 'owner'].includes(currentCaller) ? who : c.f.owner),
    payload: { name: `revoke me ${c.seq()}`, role: 'viewer' },
  });
  return res.json().token?.id ?? unknownId;
}

/** An API token of account A made by its owner; `revoked` is revoked, `expired` has its expiry moved into the past. */
async function apiToken(f: Ctx['f'], role: Role, state: 'live' | 'expired' | 'revoked' = 'live'): Promise<Session> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${f.accountId}/api-tokens`,
    headers: bearer(f.owner),
    payload: { name: `${role} ${state}`, role },
  });
  expect(res.statusCode, res.body).toBe(201);
  const { token, secret } = res.json() as { token: { id: string }; secret: string };
  if (state === 'revoked') {
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/accounts/${f.accountId}/api-tokens/${token.id}`,
          headers: bearer(f.owner),
        })
      ).statusCode,
    ).toBe(204);
  }
  if (state === 'expired') {
    await t.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, token.id));
  }
  return { token: secret, cookie: '', auth: f.owner.auth, userId: f.owner.userId };
}

beforeAll(async () => {
  t = await testApp({ OUTBOUND_ALLOW_HOSTS: 'hooks.invalid' });
  const f = await tenantFixture(t.app);
  let n = 0;
  const site = await t.app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${f.accountId}/sites`,
    headers: bearer(f.owner),
    payload: { name: 'Matrix site', url: 'https://matrix.example' },
  });
  ctx = { f, t, seq: () => ++n, siteId: site.json().id };
  const settings = await t.app.inject({
    method: 'PUT',
    url: `${S(ctx)}/publishing/settings`,
    headers: bearer(f.owner),
    payload: matrixPublishingSettings,
  });
  expect(settings.statusCode).toBe(200);
  const inactive = await addMember(t.app, f.owner, f.accountId, 'inactive@a.test', 'editor');
  const off = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/platform/users/${inactive.userId}`,
    headers: bearer(f.operator),
    payload: { active: false },
  });
  expect(off.statusCode).toBe(200);
  sessions = {
    ...f,
    inactive,
    'token:viewer': await apiToken(f, 'viewer'),
    'token:editor': await apiToken(f, 'editor'),
    'token:admin': await apiToken(f, 'admin'),
    'token:owner': await apiToken(f, 'owner'),
    'token:expired': await apiToken(f, 'owner', 'expired'),
    'token:revoked': await apiToken(f, 'owner', 'revoked'),
  };
});
afterAll(() => t.close());

describe('route × role matrix', () => {
  it('has an entry for every registered route, and no entry for a route that does not exist', () => {
    const registered = t.app.routeRegistry.map((r) => `${r.method} ${r.url}`).sort();
    expect(
      registered.filter((k) => !matrix[k]),
      'routes missing from the matrix',
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((k) => !registered.includes(k)),
      'matrix entries with no route',
    ).toEqual([]);
  });

  it('declares on every route the policy the matrix expects', () => {
    const actual = Object.fromEntries(
      t.app.routeRegistry.map((r) => [`${r.method} ${r.url}`, r.policy && describePolicy(r.policy)]),
    );
    const expected = Object.fromEntries(Object.entries(matrix).map(([k, e]) => [k, e.policy]));
    expect(actual).toEqual(expected);
  });

  for (const [key, entry] of Object.entries(matrix)) {
    it(`${key} [${entry.policy}]`, async () => {
      const method = key.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const caller of callers) {
        currentCaller = caller;
        const req = await entry.request(ctx);
        const res = await t.app.inject({
          method,
          url: req.url,
          headers: caller === 'anonymous' ? {} : bearer(sessions[caller]),
          ...(req.payload ? { payload: req.payload } : {}),
        });
        const exp = expectedFor(entry, caller);
        const code = res.statusCode >= 400 ? (res.json() as { error?: { code?: string } }).error?.code : undefined;
        got[caller] = exp.code ? `${res.statusCode} ${code}` : `${res.statusCode}`;
        want[caller] = exp.code ? `${exp.status} ${exp.code}` : `${exp.status}`;
      }
      expect(got).toEqual(want);
    });
  }
});

describe('ids from another account', () => {
  it('answers 404 for every account route with an id, called from the other account with this account ids', async () => {
    const idRoutes = Object.keys(matrix).filter((k) => /\/accounts\/:accountId\/.*:(?!accountId)\w+Id\b/.test(k));
    expect(idRoutes.length).toBeGreaterThan(0);
    for (const key of idRoutes) {
      const entry = matrix[key]!;
      const req = await entry.request(ctx);
      const url = req.url.replace(ctx.f.accountId, ctx.f.otherAccountId);
      const method = key.split(' ')[0] as 'PATCH' | 'DELETE' | 'GET';
      const res = await t.app.inject({
        method,
        url,
        headers: bearer(ctx.f.outsider),
        ...(req.payload ? { payload: req.payload } : {}),
      });
      expect(`${key} → ${res.statusCode} ${res.json().error?.code}`).toBe(`${key} → 404 not_found`);
    }
  });

  it('answers 404 for site entities of this account called through a site of the other account, so the entity lookup itself is checked', async () => {
    const { f } = ctx;
    const theirSite = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.otherAccountId}/sites`,
      headers: bearer(f.outsider),
      payload: { name: 'Their site', url: 'https://theirs.example' },
    });
    expect(theirSite.statusCode).toBe(201);
    const theirs = `/api/v1/accounts/${f.otherAccountId}/sites/${theirSite.json().id}`;
    // The site check passes for the outsider here: only the entity lookup can refuse.
    expect(
      (await t.app.inject({ method: 'GET', url: `${theirs}/keywords`, headers: bearer(f.outsider) })).statusCode,
    ).toBe(200);

    const entityRoutes = Object.keys(matrix).filter((k) => /\/sites\/:siteId\/.*:(?!accountId|siteId)\w+Id\b/.test(k));
    let checked = 0;
    for (const key of entityRoutes) {
      const req = await matrix[key]!.request(ctx);
      if (req.url.includes(unknownId)) continue; // no real entity of this account to reach
      // (Some entities live in a site of their own: any site of this account becomes theirs.)
      const url = req.url.replace(/^\/api\/v1\/accounts\/[^/]+\/sites\/[^/]+/, theirs);
      expect(url).not.toBe(req.url);
      const method = key.split(' ')[0] as 'POST' | 'PATCH' | 'DELETE' | 'GET';
      const res = await t.app.inject({
        method,
        url,
        headers: bearer(f.outsider),
        ...(req.payload ? { payload: req.payload } : {}),
      });
      expect(`${key} → ${res.statusCode} ${res.json().error?.code}`).toBe(`${key} → 404 not_found`);
      // And the entity is still there for its own account (where it can be read on its own).
      const readable = `GET ${key.split(' ')[1]!.replace(/\/merge$/, '')}`;
      if (matrix[readable]) {
        const own = await t.app.inject({
          method: 'GET',
          url: req.url.replace(/\/merge$/, ''),
          headers: bearer(f.owner),
        });
        expect(`${key} → own ${own.statusCode}`).toBe(`${key} → own 200`);
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(15); // keywords, clusters, ideas, contents and images by id
  });
});
