import type { ClusterPreview, SerpImportResult } from '@igny8/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenantContext } from '../src/access/context';
import { serpsOf } from '../src/modules/keywords/serp-repo';
import { bearer, tenantFixture, testApp, type Session, type TestApp } from './helpers/app';
import { createSite } from './helpers/planner';
import { fastRetry, pollTask } from './helpers/tasks';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let siteId: string;

const S = () => `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
const call = (method: 'GET' | 'POST', url: string, who: Session, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
const importSerps = (csv: string | Buffer, who: Session = f.editor) =>
  t.app.inject({
    method: 'POST',
    url: `${S()}/keywords/serps/import`,
    headers: { ...bearer(who), 'content-type': 'text/csv' },
    payload: csv,
  });
type Kw = { id: string; phrase: string; clusterId: string | null };
const keywords = async (): Promise<Kw[]> => (await call('GET', `${S()}/keywords?limit=500`, f.viewer)).json().items;
const tenant = () => makeTenantContext(f.accountId, f.editor.userId, 'editor');

// Two pairs of keywords that share no word with each other, but whose searches are answered by the same pages.
const shoes = [
  'https://runnersworld.com/flat-feet',
  'https://shoes.example/overpronation',
  'https://rei.com/expert-advice/running-shoes',
];
const latte = ['https://barista.example/milk', 'https://coffee.example/steaming', 'https://home-grounds.com/latte-art'];
const page = (n: number) => `https://site${n}.example/page`;

beforeAll(async () => {
  t = await testApp({}, { runtime: { worker: true, retryPolicy: fastRetry } });
  f = await tenantFixture(t.app);
  siteId = await createSite(t.app, f.editor, f.accountId, 'SERP Site');
  const res = await call('POST', `${S()}/keywords`, f.editor, {
    keywords: [
      'best running shoes for flat feet',
      'overpronation trainers',
      'how to steam milk',
      'latte art for beginners',
      'garden hose reel',
      'garden hose reel wall mounted',
    ].map((phrase, i) => ({ phrase, volume: 1000 - i })),
  });
  expect(res.statusCode).toBe(201);
}, 300_000);
afterAll(async () => {
  await t.close();
});

describe('SERP import', () => {
  it('reads a long export (Keyword, Position, URL): top 10 per keyword, best first, one entry per page', async () => {
    const rows = [
      'Keyword,Position,URL,Type',
      // Out of order, a repeat of one page (tracking parameters, "www."), a SERP feature without a page.
      `best running shoes for flat feet,2,${shoes[1]},Organic`,
      `best running shoes for flat feet,1,${shoes[0]},Organic`,
      `best running shoes for flat feet,,,People also ask`,
      `best running shoes for flat feet,3,${shoes[2]}?utm_source=x,Organic`,
      `best running shoes for flat feet,4,https://www.rei.com/expert-advice/running-shoes,Organic`,
      ...Array.from({ length: 12 }, (_, i) => `Overpronation Trainers,${i + 1},${i < 3 ? shoes[i] : page(i)},Organic`),
      `a keyword the site lacks,1,${page(1)},Organic`,
      `how to steam milk,first,${latte[0]},Organic`,
      `how to steam milk,1,n/a,Organic`,
    ];
    const res = await importSerps(rows.join('\n'));
    expect(res.statusCode).toBe(200);
    const body = res.json() as SerpImportResult;
    expect(body).toMatchObject({
      keywords: 2,
      results: 3 + 10,
      unknownKeywords: 1,
      unknownSample: ['a keyword the site lacks'],
      errorCount: 2,
    });
    expect(body.errors.map((e) => [e.line, e.field])).toEqual([
      [20, 'position'],
      [21, 'url'],
    ]);
    const byPhrase = new Map((await keywords()).map((k) => [k.phrase, k.id]));
    const stored = await serpsOf(t.database.db, tenant(), [...byPhrase.values()]);
    expect(stored.get(byPhrase.get('best running shoes for flat feet')!)).toEqual([
      shoes[0],
      shoes[1],
      `${shoes[2]}?utm_source=x`,
    ]);
    expect(stored.get(byPhrase.get('overpronation trainers')!)).toHaveLength(10);
    expect(stored.has(byPhrase.get('how to steam milk')!)).toBe(false);
  });

  it('reads a wide export (Suchbegriff; URL 1 … URL 10) in another language and replaces earlier results', async () => {
    const header = ['Suchbegriff', ...Array.from({ length: 10 }, (_, i) => `URL ${i + 1}`)].join(';');
    const csv = [
      header,
      ['how to steam milk', ...latte, page(20)].join(';'),
      ['latte art for beginners', latte[2], latte[0], latte[1]].join(';'),
      ['Overpronation trainers', ...shoes].join(';'),
    ].join('\r\n');
    const res = await importSerps(Buffer.from(`\uFEFF${csv}`));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ keywords: 3, results: 4 + 3 + 3, unknownKeywords: 0, errorCount: 0 });
    const byPhrase = new Map((await keywords()).map((k) => [k.phrase, k.id]));
    const stored = await serpsOf(t.database.db, tenant(), [byPhrase.get('overpronation trainers')!]);
    expect([...stored.values()]).toEqual([shoes]);
  });

  it('auto-cluster puts keywords that share top results together, even without a shared word', async () => {
    const shown = (await call('POST', `${S()}/clusters/preview`, f.editor, {})).json() as ClusterPreview;
    expect(shown.withSerp).toBe(4);
    const res = await call('POST', `${S()}/clusters/auto`, f.editor, {});
    expect((await pollTask(t.app, f.viewer, f.accountId, res.json().taskId)).run.status).toBe('succeeded');
    const k = new Map((await keywords()).map((x) => [x.phrase, x.clusterId]));
    expect(k.get('best running shoes for flat feet')).not.toBeNull();
    expect(k.get('best running shoes for flat feet')).toBe(k.get('overpronation trainers'));
    expect(k.get('how to steam milk')).not.toBeNull();
    expect(k.get('how to steam milk')).toBe(k.get('latte art for beginners'));
    expect(k.get('how to steam milk')).not.toBe(k.get('overpronation trainers'));
    // Words still count where there are no results.
    expect(k.get('garden hose reel')).toBe(k.get('garden hose reel wall mounted'));
  });

  it('skips rows no database could store (NUL characters) with row errors, never a 500', async () => {
    const res = await importSerps(
      `Keyword,URL\ngarden\u0000hose,${page(1)}\ngarden hose reel,https://x.example/a\u0000b\n`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ keywords: 0, errorCount: 2 });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['keyword', 'url']);
  });

  it('refuses a file without SERP columns, with a machine code, and viewers', async () => {
    const none = await importSerps('Keyword,Volume\nbest running shoes for flat feet,100\n');
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('csv_invalid');
    expect((await importSerps(`Keyword,URL\nx,${page(1)}\n`, f.viewer)).statusCode).toBe(403);
    const empty = await importSerps('');
    expect(empty.statusCode).toBe(400);
  });
});
