import { randomUUID } from 'node:crypto';
import { startSerpStandIn, type SerpStandIn } from '@igny8/e2e/serp-standin';
import type { TaskRun } from '@igny8/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeTenantContext } from '../src/access/context';
import { accountBilling } from '../src/db/schema/index';
import { serpsOf } from '../src/modules/keywords/serp-repo';
import { bearer, tenantFixture, testApp, type Session, type TestApp } from './helpers/app';
import { createSite } from './helpers/planner';
import { fastRetry, pollTask } from './helpers/tasks';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let serp: SerpStandIn;
let siteId: string;

const S = () => `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
const call = (method: 'GET' | 'POST', url: string, who: Session, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
type Kw = { id: string; phrase: string; clusterId: string | null };
const keywords = async (): Promise<Kw[]> => (await call('GET', `${S()}/keywords?limit=500`, f.viewer)).json().items;
async function fetchSerps(keywordIds: string[]): Promise<TaskRun> {
  const res = await call('POST', `${S()}/keywords/serps/fetch`, f.editor, { keywordIds });
  expect(res.statusCode).toBe(202);
  return (await pollTask(t.app, f.viewer, f.accountId, res.json().taskId)).run;
}

const shoes = ['https://runnersworld.com/flat-feet', 'https://shoes.example/overpronation', 'https://rei.com/running'];

beforeAll(async () => {
  serp = await startSerpStandIn('serp-test-key');
  t = await testApp(
    { SERP_PROVIDER: 'serpapi', SERPAPI_API_KEY: 'serp-test-key', SERPAPI_BASE_URL: serp.origin },
    { runtime: { worker: true, retryPolicy: fastRetry } },
  );
  f = await tenantFixture(t.app);
  siteId = await createSite(t.app, f.editor, f.accountId, 'Running Blog');
  await call('POST', `${S()}/keywords`, f.editor, {
    keywords: ['best running shoes for flat feet', 'overpronation trainers', 'garden hose reel'].map((phrase) => ({
      phrase,
    })),
  });
  serp.setResults('best running shoes for flat feet', [...shoes, 'https://a.example/1']);
  serp.setResults('overpronation trainers', ['https://b.example/1', ...shoes]);
}, 300_000);
afterAll(async () => {
  await t?.close();
  await serp?.close();
});

describe('SERP provider (SerpApi, against a stand-in)', () => {
  it('is named to members on the integrations page', async () => {
    const view = await call('GET', `/api/v1/accounts/${f.accountId}/settings/integrations`, f.viewer);
    expect(view.statusCode).toBe(200);
    expect(view.json().serpProvider).toBe('serpapi');
  });

  it('searches each keyword once, keeps the organic results by position, and auto-cluster links shared results', async () => {
    const kws = await keywords();
    const run = await fetchSerps(kws.map((k) => k.id));
    expect(run.status).toBe('succeeded');
    expect(run.result).toMatchObject({ keywords: 3, searched: 3, failed: 0, results: 4 + 4 + 3 });
    expect(serp.searches.map((s) => s.q).sort()).toEqual(kws.map((k) => k.phrase).sort());
    expect(serp.searches[0]).toMatchObject({ engine: 'google', num: '10', hl: 'en', api_key: 'serp-test-key' });
    const byPhrase = new Map(kws.map((k) => [k.phrase, k.id]));
    const stored = await serpsOf(t.database.db, makeTenantContext(f.accountId, f.editor.userId, 'editor'), [
      ...byPhrase.values(),
    ]);
    // Each search is charged once, through the ledger.
    const billing = (await call('GET', `/api/v1/accounts/${f.accountId}/billing`, f.viewer)).json();
    expect(billing.spentByOperation).toEqual([{ operation: 'serpSearch', credits: 3 }]);
    // The stand-in answers out of order: positions decide.
    expect(stored.get(byPhrase.get('overpronation trainers')!)).toEqual(['https://b.example/1', ...shoes]);

    const res = await call('POST', `${S()}/clusters/auto`, f.editor, {});
    expect((await pollTask(t.app, f.viewer, f.accountId, res.json().taskId)).run.status).toBe('succeeded');
    const after = new Map((await keywords()).map((k) => [k.phrase, k.clusterId]));
    expect(after.get('best running shoes for flat feet')).not.toBeNull();
    expect(after.get('best running shoes for flat feet')).toBe(after.get('overpronation trainers'));
  });

  it('a search the provider refuses fails that keyword only (partial), with the provider’s words', async () => {
    serp.fail(429);
    const kws = await keywords();
    const run = await fetchSerps(kws.slice(0, 2).map((k) => k.id));
    expect(run.status).toBe('partial');
    expect(run.result).toMatchObject({ keywords: 2, searched: 1, failed: 1 });
    // The refused search is not charged.
    const billing = (await call('GET', `/api/v1/accounts/${f.accountId}/billing`, f.viewer)).json();
    expect(billing.spentByOperation).toEqual([{ operation: 'serpSearch', credits: 4 }]);
    expect(run.itemErrors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('run out of searches') }),
    ]);
  });

  it('holds a search per keyword before it starts: 402 insufficient_credits when the account lacks them, nothing searched', async () => {
    const kws = await keywords();
    const ids = kws.map((k) => k.id);
    const setCredits = (bonusCredits: number) =>
      t.database.db
        .update(accountBilling)
        .set({ planCredits: 0, bonusCredits })
        .where(eq(accountBilling.accountId, f.accountId));
    await setCredits(2);
    // The start dialog's estimate says so before anyone clicks.
    const est = await call('POST', `${S()}/billing/estimate`, f.viewer, { kind: 'keywords.serps', keywordIds: ids });
    expect(est.json()).toEqual({ credits: 3, charged: true, available: 2 });
    const searches = serp.searches.length;
    const refused = await call('POST', `${S()}/keywords/serps/fetch`, f.editor, { keywordIds: ids });
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error).toMatchObject({ code: 'insufficient_credits', details: { needed: 3, available: 2 } });
    expect(serp.searches.length).toBe(searches);

    await setCredits(10);
    const run = await fetchSerps(ids.slice(0, 2));
    expect(run.status).toBe('succeeded');
    // Two searches charged; the rest of the hold is given back when the run ends.
    const billing = (await call('GET', `/api/v1/accounts/${f.accountId}/billing`, f.viewer)).json();
    expect(billing).toMatchObject({ reserved: 0, available: 8 });
    const unknown = await call('POST', `${S()}/billing/estimate`, f.viewer, {
      kind: 'keywords.serps',
      keywordIds: [randomUUID()],
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses viewers and keywords of no site of theirs', async () => {
    const [k] = await keywords();
    expect((await call('POST', `${S()}/keywords/serps/fetch`, f.viewer, { keywordIds: [k!.id] })).statusCode).toBe(403);
    const unknown = await call('POST', `${S()}/keywords/serps/fetch`, f.editor, { keywordIds: [randomUUID()] });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('without a SERP provider', () => {
  it('answers 422 serp_provider_missing, pointing to a SERP export, when the provider is named without its key', async () => {
    const bare = await testApp({ SERP_PROVIDER: 'serpapi' });
    try {
      const g = await tenantFixture(bare.app);
      const site = await createSite(bare.app, g.editor, g.accountId);
      const added = await bare.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${g.accountId}/sites/${site}/keywords`,
        headers: bearer(g.editor),
        payload: { keywords: [{ phrase: 'cold brew ratio' }] },
      });
      const [keyword] = (
        await bare.app.inject({
          method: 'GET',
          url: `/api/v1/accounts/${g.accountId}/sites/${site}/keywords`,
          headers: bearer(g.editor),
        })
      ).json().items as { id: string }[];
      expect(added.statusCode).toBe(201);
      const res = await bare.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${g.accountId}/sites/${site}/keywords/serps/fetch`,
        headers: bearer(g.editor),
        payload: { keywordIds: [keyword!.id] },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'serp_provider_missing' });
      expect(res.json().error.message).toMatch(/SERP export/);
      const view = await bare.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${g.accountId}/settings/integrations`,
        headers: bearer(g.editor),
      });
      expect(view.json().serpProvider).toBeNull();
    } finally {
      await bare.close();
    }
  });
});
