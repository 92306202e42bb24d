import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusters, keywords, taskRuns } from '../src/db/schema/index';
import { MemoryFileStorage } from '../src/storage/files';
import { bearer, tenantFixture, testApp, type TestApp } from './helpers/app';
import { addCoffeeKeywords, createSite } from './helpers/planner';
import { pollTask } from './helpers/tasks';
import { defaultSectorId } from './helpers/sectors';

/** The file storage, remembering which keys are there (uploads kept for a background import must be gone afterwards). */
class KeyedStorage extends MemoryFileStorage {
  readonly keys = new Set<string>();
  override async put(key: string, data: Buffer) {
    this.keys.add(key);
    return super.put(key, data);
  }
  override async delete(key: string) {
    this.keys.delete(key);
    return super.delete(key);
  }
}

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let siteId: string;
const storage = new KeyedStorage();
beforeAll(async () => {
  t = await testApp({}, { runtime: { worker: true, storage } });
  f = await tenantFixture(t.app);
  siteId = await createSite(t.app, f.editor, f.accountId);
});
afterAll(() => t.close());

const K = () => `/api/v1/accounts/${f.accountId}/sites/${siteId}/keywords`;
const csv = (body: string, query = '', who = f.editor) =>
  t.app.inject({
    method: 'POST',
    url: `${K()}/import${query}`,
    headers: { ...bearer(who), 'content-type': 'text/csv' },
    payload: body,
  });
const list = async (query = '') =>
  (await t.app.inject({ method: 'GET', url: `${K()}${query}`, headers: bearer(f.viewer) })).json();

describe('sites', () => {
  it('creates, lists, edits and archives sites; bad input has field paths', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.accountId}/sites`,
      headers: bearer(f.editor),
      payload: { name: '', url: 'ftp://x', language: 'english' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.language', 'body.name', 'body.url']);
    const other = await createSite(t.app, f.editor, f.accountId, 'Tea Blog');
    const archived = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${f.accountId}/sites/${other}`,
      headers: bearer(f.editor),
      payload: { archived: true },
    });
    expect(archived.json().archived).toBe(true);
    const active = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${f.accountId}/sites?archived=0`,
      headers: bearer(f.viewer),
    });
    expect(active.json().items.map((s: { name: string }) => s.name)).toEqual(['Coffee Blog']);
    const viewerCreate = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.accountId}/sites`,
      headers: bearer(f.viewer),
      payload: { name: 'x', url: 'https://x.io' },
    });
    expect(viewerCreate.statusCode).toBe(403);
  });

  it('takes an address without a scheme as https, on create and on edit; other schemes stay refused', async () => {
    const S = `/api/v1/accounts/${f.accountId}/sites`;
    const created = await t.app.inject({
      method: 'POST',
      url: S,
      headers: bearer(f.editor),
      payload: { name: 'Green Thumb', url: ' greenthumb.example ' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().url).toBe('https://greenthumb.example');
    const read = await t.app.inject({ method: 'GET', url: `${S}/${created.json().id}`, headers: bearer(f.viewer) });
    expect(read.json().url).toBe('https://greenthumb.example');
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `${S}/${created.json().id}`,
      headers: bearer(f.editor),
      payload: { url: 'greenthumb.example/blog' },
    });
    expect(edited.json().url).toBe('https://greenthumb.example/blog');
    const http = await t.app.inject({
      method: 'PATCH',
      url: `${S}/${created.json().id}`,
      headers: bearer(f.editor),
      payload: { url: 'http://greenthumb.example' },
    });
    expect(http.json().url).toBe('http://greenthumb.example');
    const ftp = await t.app.inject({
      method: 'POST',
      url: S,
      headers: bearer(f.editor),
      payload: { name: 'x', url: 'ftp://greenthumb.example' },
    });
    expect(ftp.statusCode).toBe(400);
    expect(ftp.json().error.details[0].path).toBe('body.url');
    await t.app.inject({
      method: 'PATCH',
      url: `${S}/${created.json().id}`,
      headers: bearer(f.editor),
      payload: { archived: true },
    });
  });
});

describe('keywords', () => {
  it('adds keywords, merging duplicates by normalised phrase (case, whitespace, NFKC)', async () => {
    expect(await addCoffeeKeywords(t.app, f.editor, f.accountId, siteId)).toEqual({ created: 12, merged: 0 });
    const res = await t.app.inject({
      method: 'POST',
      url: K(),
      headers: bearer(f.editor),
      payload: {
        keywords: [
          { phrase: '  Best   ESPRESSO machine ', cpc: 1.5 },
          { phrase: 'ｃａｆｅ latte' },
          { phrase: 'cafe LATTE', volume: 10 },
        ],
      },
    });
    expect(res.json()).toEqual({ created: 1, merged: 2 });
    const merged = (await list('?q=best%20espresso%20machine&sort=phrase&order=asc')).items[0];
    expect(merged).toMatchObject({ phrase: 'best espresso machine', volume: 2400, cpc: 1.5 });
    expect((await list('?q=latte')).items).toEqual([expect.objectContaining({ phrase: 'ｃａｆｅ latte', volume: 10 })]);
  });

  it('walks later pages in the order of one long page, with filters and empty values (unfiltered pages pick their ids first, filtered ones read directly)', async () => {
    for (const query of [
      'sort=volume&order=desc',
      'sort=cpc&order=asc',
      'sort=phrase&order=desc&q=co',
      'sort=difficulty&order=desc&volumeMin=100',
    ]) {
      const all = (await list(`?${query}&limit=100`)).items.map((k: { id: string }) => k.id);
      expect(all.length).toBeGreaterThan(2);
      const paged: string[] = [];
      for (let offset = 0; offset < all.length; offset += 2)
        paged.push(...(await list(`?${query}&limit=2&offset=${offset}`)).items.map((k: { id: string }) => k.id));
      expect(paged).toEqual(all);
    }
  });

  it('pages, sorts and filters on the server', async () => {
    const page = await list('?sort=volume&order=desc&limit=3&offset=1');
    expect(page.total).toBe(13);
    expect(page.items.map((k: { volume: number }) => k.volume)).toEqual([4400, 2900, 2400]);
    expect((await list('?intent=commercial')).total).toBe(4);
    expect(
      (await list('?volumeMin=1000&volumeMax=2000')).items.map((k: { phrase: string }) => k.phrase).sort(),
    ).toEqual([
      'best espresso machines for home',
      'cold brew coffee at home',
      'cold brew ratio',
      'french press coffee ratio',
      'pour over coffee guide',
    ]);
    expect((await list('?difficultyMin=40')).total).toBe(2);
    expect((await list('?clustered=1')).total).toBe(0);
    expect((await list('?q=100%25')).total).toBe(0); // LIKE wildcards are literal
  });

  it('bulk-sets intent, bulk-deletes, and exports the current filter as CSV', async () => {
    const ids = (await list('?q=cold%20brew')).items.map((k: { id: string }) => k.id);
    const setIntent = await t.app.inject({
      method: 'POST',
      url: `${K()}/bulk`,
      headers: bearer(f.editor),
      payload: { action: 'setIntent', keywordIds: ids, intent: 'transactional' },
    });
    expect(setIntent.json()).toEqual({ affected: 4 });
    const exported = await t.app.inject({
      method: 'GET',
      url: `${K()}/export?intent=transactional`,
      headers: bearer(f.viewer),
    });
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    const lines = exported.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('Keyword,Volume,Difficulty,CPC,Intent,Status,Cluster');
    expect(lines).toHaveLength(5);
    const del = await t.app.inject({
      method: 'POST',
      url: `${K()}/bulk`,
      headers: bearer(f.editor),
      payload: { action: 'delete', keywordIds: ids.slice(0, 1) },
    });
    expect(del.json()).toEqual({ affected: 1 });
    const viewerBulk = await t.app.inject({
      method: 'POST',
      url: `${K()}/bulk`,
      headers: bearer(f.viewer),
      payload: { action: 'delete', keywordIds: ids },
    });
    expect(viewerBulk.statusCode).toBe(403);
  });
});

describe('editing a keyword', () => {
  it('refuses to rename a keyword onto a phrase the site already has, with 409', async () => {
    const [a, b] = (await list('?q=french%20press&sort=phrase&order=asc')).items;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${K()}/${a.id}`,
      headers: bearer(f.editor),
      payload: { phrase: b.phrase.toUpperCase() },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `${K()}/${a.id}`,
      headers: bearer(f.editor),
      payload: { phrase: 'french press basics', intent: 'informational' },
    });
    expect(renamed.json()).toMatchObject({ phrase: 'french press basics', intent: 'informational' });
  });
});

describe('CSV import', () => {
  it('previews with header detection from SEO-tool column names, BOM and ; separators, writing nothing', async () => {
    const before = (await list()).total;
    const res = await csv(
      '\uFEFFKeyword;Search Volume;KD %;CPC (USD);Intent\n"grinder; burr";1.200;35%;$1,20;C\nmoka pot;900;12;0.8;i\n',
      '?dryRun=1',
    );
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.delimiter).toBe(';');
    expect(p.mapping).toEqual({
      Keyword: 'phrase',
      'Search Volume': 'volume',
      'KD %': 'difficulty',
      'CPC (USD)': 'cpc',
      Intent: 'intent',
    });
    expect(p.preview[0]).toMatchObject({
      phrase: 'grinder; burr',
      difficulty: 35,
      cpc: 1.2,
      intent: 'commercial',
      line: 2,
    });
    expect(p.preview[1]).toMatchObject({ phrase: 'moka pot', volume: 900, intent: 'informational' });
    expect((await list()).total).toBe(before);
  });

  it('imports nothing when any row is bad, reporting every bad row with its line; "valid" mode imports the rest', async () => {
    const before = (await list()).total;
    const body =
      'Keyword,Volume,KD\n"aeropress, inverted",500,20\n\nsiphon coffee,lots,10\n,100,5\nchemex,300,150\naeropress recipe,700,25\n';
    const strict = await csv(body);
    expect(strict.statusCode).toBe(400);
    expect(strict.json().error.code).toBe('import_invalid');
    expect(strict.json().error.details.errors).toEqual([
      { line: 4, field: 'volume', message: 'Volume "lots" is not a number' },
      { line: 5, field: 'phrase', message: 'Keyword must not be empty' },
      { line: 6, field: 'difficulty', message: 'Difficulty must be between 0 and 100' },
    ]);
    expect((await list()).total).toBe(before);
    const valid = await csv(body, '?mode=valid');
    expect(valid.statusCode).toBe(201);
    expect(valid.json()).toMatchObject({ created: 2, merged: 0, validRows: 2, taskId: null });
    expect((await list('?q=aeropress')).items.map((k: { phrase: string }) => k.phrase).sort()).toEqual([
      'aeropress recipe',
      'aeropress, inverted',
    ]);
  });

  it('previews in the categories the result reports: new, already on the site (merged), repeated rows combined', async () => {
    await csv('Keyword,Volume\ncounted existing,10\n');
    const body = 'Keyword,Volume\ncounted existing,20\ncounted new,30\nCounted New,40\ncounted other,50\n';
    const p = (await csv(body, '?dryRun=1')).json();
    expect(p).toMatchObject({
      totalRows: 4,
      validRows: 3,
      newKeywords: 2,
      existingKeywords: 1,
      duplicateRows: 1,
      errors: [],
    });
    const r = await csv(body);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ created: p.newKeywords, merged: p.existingKeywords, duplicateRows: 1 });
  });

  it('refuses files with 0 valid rows, empty or malformed files (csv_invalid) and non-CSV bodies clearly', async () => {
    expect((await csv('Keyword,Volume\n,1\n', '?mode=valid')).json().error.code).toBe('import_empty');
    const empty = await csv('');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('csv_invalid');
    const unclosed = await csv('Keyword,Volume\n"cold brew,100\nmoka pot,900\n');
    expect(unclosed.statusCode).toBe(400);
    expect(unclosed.json().error.code).toBe('csv_invalid');
    // An unclosed quote (or one giant cell) is refused at 64 KB, not buffered to the end of the file.
    const swallowed = await csv(`Keyword,Volume\n"cold brew,100\n${'moka pot,900\n'.repeat(10_000)}`);
    expect(swallowed.json().error).toMatchObject({
      code: 'csv_invalid',
      message: expect.stringMatching(/Max Record Size/i),
    });
    const json = await t.app.inject({
      method: 'POST',
      url: `${K()}/import`,
      headers: bearer(f.editor),
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('unsupported_media_type');
  });

  it('accepts a header-less list of phrases and a multipart upload', async () => {
    const plain = await csv('v60 pour over\nkalita wave\n');
    expect(plain.json()).toMatchObject({ created: 2, mapping: { Keyword: 'phrase' } });
    const boundary = '----igny8';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="k.csv"\r\nContent-Type: text/csv\r\n\r\nkeyword,volume\nturkish coffee,400\n\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: `${K()}/import`,
      headers: { ...bearer(f.editor), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().created).toBe(1);
  });

  it('refuses a multipart upload without a "file" field with 400 validation_failed, importing nothing', async () => {
    const before = (await list()).total;
    const boundary = '----igny8';
    for (const part of [
      'Content-Disposition: form-data; name="upload"; filename="k.csv"\r\nContent-Type: text/csv\r\n\r\nkeyword\nturkish delight coffee\n',
      'Content-Disposition: form-data; name="note"\r\n\r\njust a text field',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${K()}/import`,
        headers: { ...bearer(f.editor), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\n${part}\r\n--${boundary}--\r\n`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await list()).total).toBe(before);
  });

  it('imports a large file as a task with progress, from the stored upload: the task input stays small, the upload is deleted after', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `bulk keyword ${i},${i}`).join('\n');
    const res = await csv(`keyword,volume\n${rows}\n`);
    expect(res.statusCode).toBe(202);
    const taskId = res.json().taskId;
    const [stored] = await t.database.db
      .select({ input: taskRuns.input })
      .from(taskRuns)
      .where(eq(taskRuns.id, taskId));
    expect(JSON.stringify(stored!.input).length).toBeLessThan(500);
    expect(JSON.stringify(stored!.input)).not.toContain('bulk keyword');
    const { run } = await pollTask(t.app, f.viewer, f.accountId, taskId);
    expect(run.status).toBe('succeeded');
    expect(run.result).toMatchObject({ rows: 6000, created: 6000 });
    expect(JSON.stringify(run)).not.toContain('bulk keyword 5999');
    expect((await list('?q=bulk%20keyword')).total).toBe(6000);
    expect([...storage.keys].filter((k) => k.startsWith('keyword-imports/'))).toEqual([]);
  });

  it('reads a file bigger than one parser slice intact (multi-byte characters across slice boundaries)', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `crème brûlée façon ${i},${i}`).join('\n');
    const res = await csv(`keyword,volume\n${rows}\n`, '?dryRun=1');
    expect(Buffer.byteLength(rows)).toBeGreaterThan(64 * 1024);
    expect(res.json()).toMatchObject({ totalRows: 3000, validRows: 3000, errors: [] });
  });

  it('refuses a row with a NUL byte (PostgreSQL cannot store it) with its line, never a 500; "valid" mode imports the rest', async () => {
    const body = 'Keyword,Volume\nnul test ok,10\nnul\u0000 test,20\nnul test fine,30\n';
    const strict = await csv(body);
    expect(strict.statusCode).toBe(400);
    expect(strict.json().error.code).toBe('import_invalid');
    expect(strict.json().error.details.errors).toEqual([
      { line: 3, field: 'phrase', message: 'Keyword contains a NUL character (0x00), which cannot be stored' },
    ]);
    const valid = await csv(body, '?mode=valid');
    expect(valid.statusCode).toBe(201);
    expect(valid.json()).toMatchObject({ created: 2, errors: [expect.objectContaining({ line: 3 })] });
    expect((await csv('Keyword,Volume\nnul volume,1\u00002\n')).json().error.details.errors).toEqual([
      { line: 2, field: 'volume', message: 'Volume contains a NUL character (0x00), which cannot be stored' },
    ]);
  });
});

describe('tenant isolation', () => {
  it('answers 404 for another account’s site and keywords, and ignores foreign ids in bulk actions', async () => {
    const kw = (await list('?limit=1')).items[0];
    const foreign = [
      `/api/v1/accounts/${f.otherAccountId}/sites/${siteId}/keywords`,
      `/api/v1/accounts/${f.otherAccountId}/sites/${siteId}`,
      `/api/v1/accounts/${f.otherAccountId}/sites/${siteId}/keywords/${kw.id}`,
      `${K()}`,
    ];
    for (const url of foreign) {
      const res = await t.app.inject({ method: 'GET', url, headers: bearer(f.outsider) });
      expect(`${url} ${res.statusCode}`).toBe(`${url} 404`);
    }
    const otherSite = await createSite(t.app, f.outsider, f.otherAccountId, 'Theirs');
    const bulk = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.otherAccountId}/sites/${otherSite}/keywords/bulk`,
      headers: bearer(f.outsider),
      payload: { action: 'delete', keywordIds: [kw.id] },
    });
    expect(bulk.json()).toEqual({ affected: 0 });
    expect((await list(`?q=${encodeURIComponent(kw.phrase)}`)).total).toBeGreaterThan(0);
  });
});

describe('CSV upload limits', () => {
  let c: TestApp;
  let cf: Awaited<ReturnType<typeof tenantFixture>>;
  let cSite: string;
  beforeAll(async () => {
    c = await testApp({ IMPORT_MAX_BYTES: 40_000, IMPORT_MAX_ROWS: 50, ACCOUNT_MAX_KEYWORDS: 60 });
    cf = await tenantFixture(c.app);
    cSite = await createSite(c.app, cf.editor, cf.accountId);
  });
  afterAll(() => c.close());
  const url = () => `/api/v1/accounts/${cf.accountId}/sites/${cSite}/keywords`;
  const upload = (body: string, query = '') =>
    c.app.inject({
      method: 'POST',
      url: `${url()}/import${query}`,
      headers: { ...bearer(cf.editor), 'content-type': 'text/csv' },
      payload: body,
    });
  const total = async () =>
    (await c.app.inject({ method: 'GET', url: url(), headers: bearer(cf.viewer) })).json().total;
  const rows = (n: number, from = 0) =>
    `keyword\n${Array.from({ length: n }, (_, i) => `capped keyword ${from + i}`).join('\n')}\n`;

  it('refuses a file over IMPORT_MAX_BYTES with 413 import_too_large, as text/csv and as multipart, writing nothing', async () => {
    const big = `keyword\n${'x'.repeat(45_000)}\n`;
    for (const query of ['', '?dryRun=1']) {
      const res = await upload(big, query);
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'import_too_large', details: { maxBytes: 40_000 } });
    }
    const boundary = '----igny8';
    const res = await c.app.inject({
      method: 'POST',
      url: `${url()}/import`,
      headers: { ...bearer(cf.editor), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="k.csv"\r\nContent-Type: text/csv\r\n\r\n${big}\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('import_too_large');
    expect(await total()).toBe(0);
  });

  it('refuses more than IMPORT_MAX_ROWS rows with 413 import_too_many_rows, preview included, writing nothing', async () => {
    for (const query of ['', '?dryRun=1', '?mode=valid']) {
      const res = await upload(rows(51), query);
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'import_too_many_rows', details: { maxRows: 50 } });
    }
    expect(await total()).toBe(0);
    expect((await upload(rows(50))).statusCode).toBe(201);
  });

  it('refuses an import that would take the account past ACCOUNT_MAX_KEYWORDS with 400 keyword_limit_reached; merges do not count', async () => {
    // 50 held (previous test); 10 more fit, 11 do not.
    const over = await upload(rows(11, 50));
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toMatchObject({
      code: 'keyword_limit_reached',
      details: { limit: 60, current: 50, adding: 11 },
    });
    expect(await total()).toBe(50);
    // 40 already held + 10 new: within the cap, though the file has 50 rows.
    const merged = await upload(rows(50, 10));
    expect(merged.statusCode).toBe(201);
    expect(merged.json()).toMatchObject({ created: 10, merged: 40 });
    expect(await total()).toBe(60);
  });
});

describe('CSV upload streaming', () => {
  it('stops reading an upload past the row cap: the refusal comes long before the client has sent the file', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const fileBytes = 48 * 1024 * 1024; // under the 50 MB byte cap; ~2.4 M rows, over the 100,000-row cap
    let sent = 0;
    const body = Readable.from(
      (function* () {
        yield 'keyword,volume\n';
        for (let i = 0; sent < fileBytes; i++) {
          const chunk = Array.from({ length: 1000 }, (_, j) => `streamed ${i * 1000 + j},1`).join('\n') + '\n';
          sent += chunk.length;
          yield chunk;
        }
      })(),
    );
    const answer = await new Promise<{ status: number; body: string; sentAtAnswer: number }>((resolve, reject) => {
      const req = request(
        {
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: `${K()}/import?dryRun=1`,
          headers: { ...bearer(f.editor), 'content-type': 'text/csv' },
        },
        (res) => {
          const sentAtAnswer = sent;
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, sentAtAnswer }));
        },
      );
      req.on('error', (e) => (sent >= fileBytes ? reject(e) : undefined)); // the server closes an upload it refused
      body.pipe(req);
    });
    body.destroy();
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('import_too_many_rows');
    expect(answer.sentAtAnswer).toBeLessThan(fileBytes / 3);
  });
});

describe('CSV export', () => {
  it('prefixes text cells a spreadsheet would run as a formula (OWASP CSV injection); numbers stay numbers', async () => {
    const payloads = [
      '=1+1',
      '+1+1',
      '-1+1',
      '@SUM(A1:A2)',
      '\t=1+1',
      '\r=1+1',
      '=HYPERLINK("http://evil.test","click")',
      "=cmd|' /C calc'!A0",
      '-2+3+cmd',
      '+cmd',
      '@cmd',
    ];
    const tea = await createSite(t.app, f.editor, f.accountId, 'Formula Blog');
    const sectorId = await defaultSectorId(t.database.db, tea);
    const [cluster] = await t.database.db
      .insert(clusters)
      .values({ accountId: f.accountId, siteId: tea, sectorId, name: '=cmd|"/C calc"!A0' })
      .returning();
    // Inserted directly: the API trims a leading tab or CR, older rows may still hold them.
    await t.database.db.insert(keywords).values(
      payloads.map((phrase, i) => ({
        accountId: f.accountId,
        siteId: tea,
        sectorId,
        phrase,
        phraseNorm: `payload ${i}`,
        volume: 100 + i,
        cpc: 1.5,
        clusterId: cluster!.id,
      })),
    );
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${f.accountId}/sites/${tea}/keywords/export`,
      headers: bearer(f.viewer),
    });
    const records = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.Keyword).sort()).toEqual(payloads.map((p) => `'${p}`).sort());
    for (const r of records) {
      expect(r.Cluster).toBe(`'=cmd|"/C calc"!A0`);
      expect(r.Volume).toMatch(/^1\d\d$/);
      expect(r.CPC).toBe('1.5');
    }
  });
});
