import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, tenantFixture, testApp, type TestApp } from './helpers/app';
import { createSite } from './helpers/planner';

/** Real-shaped exports of SEO tools: the import must read each one as the tool meant it, never corrupt a keyword. */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/keywords/${name}`, import.meta.url));

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
let siteId: string;
beforeAll(async () => {
  t = await testApp();
  f = await tenantFixture(t.app);
  siteId = await createSite(t.app, f.editor, f.accountId, 'Garden Blog');
});
afterAll(() => t.close());

const K = () => `/api/v1/accounts/${f.accountId}/sites/${siteId}/keywords`;
const upload = (body: string | Buffer, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `${K()}/import${query}`,
    headers: { ...bearer(f.editor), 'content-type': 'text/csv' },
    payload: body,
  });
type Row = {
  phrase: string;
  volume: number | null;
  difficulty: number | null;
  cpc: number | null;
  intent: string | null;
};
const keyword = async (phrase: string): Promise<Row | undefined> => {
  const res = await t.app.inject({
    method: 'GET',
    url: `${K()}?q=${encodeURIComponent(phrase)}&limit=100`,
    headers: bearer(f.viewer),
  });
  return (res.json().items as Row[]).find((k) => k.phrase === phrase);
};

describe('Google Keyword Planner export (UTF-16LE, tab-separated, two title lines)', () => {
  it('skips the title lines, reads the header and the numbers, and imports only the keywords', async () => {
    const preview = await upload(fixture('google-keyword-planner-utf16.csv'), '?dryRun=1');
    expect(preview.statusCode).toBe(200);
    const p = preview.json();
    expect(p).toMatchObject({
      encoding: 'utf-16le',
      delimiter: '\t',
      skippedLines: [1, 2],
      totalRows: 5,
      validRows: 5,
      errors: [],
    });
    expect(p.mapping).toMatchObject({
      Keyword: 'phrase',
      'Avg. monthly searches': 'volume',
      Currency: null,
      'Searches: Nov 2025': null,
    });
    expect(p.preview[0]).toMatchObject({ phrase: 'seed starting mix', volume: 1900, line: 4 });

    const res = await upload(fixture('google-keyword-planner-utf16.csv'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: 5, merged: 0 });
    expect(await keyword('when to start seeds indoors')).toMatchObject({ volume: 8100 });
    expect(await keyword('Keyword Stats 2026-11-02 at 09_14_31')).toBeUndefined();
    const all = await t.app.inject({ method: 'GET', url: `${K()}?q=2026`, headers: bearer(f.viewer) });
    expect(all.json().total).toBe(0);
  });
});

describe('Ahrefs export', () => {
  it('keeps "Volume" as the volume: "Global volume" never overwrites it (CSV and UTF-16 TSV without a byte-order mark)', async () => {
    const p = (await upload(fixture('ahrefs-keywords.csv'), '?dryRun=1')).json();
    expect(p.mapping).toMatchObject({
      Keyword: 'phrase',
      Volume: 'volume',
      'Global volume': null,
      Difficulty: 'difficulty',
      CPC: 'cpc',
      Intents: 'intent',
    });
    expect(p.preview[0]).toMatchObject({
      phrase: 'potting soil for seedlings',
      volume: 1000,
      difficulty: 12,
      cpc: 0.9,
      intent: 'informational',
    });

    const tsv = (await upload(fixture('ahrefs-keywords-utf16-nobom.tsv'), '?dryRun=1')).json();
    expect(tsv).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', validRows: 3 });
    expect(tsv.preview.map((r: Row) => r.volume)).toEqual([1000, 700, 4400]);

    expect((await upload(fixture('ahrefs-keywords.csv'))).statusCode).toBe(201);
    expect(await keyword('potting soil for seedlings')).toMatchObject({ volume: 1000 });
  });

  it('uses a global volume only when the file has no local one', async () => {
    const p = (await upload('Keyword,Global volume\nraised bed soil,5000\n', '?dryRun=1')).json();
    expect(p.mapping).toEqual({ Keyword: 'phrase', 'Global volume': 'volume' });
    expect(p.preview[0]).toMatchObject({ volume: 5000 });
  });
});

describe('headers in other languages', () => {
  it.each([
    [
      'de',
      'Keyword;Suchvolumen;Keyword-Schwierigkeit;CPC (EUR);Suchintention',
      ['phrase', 'volume', 'difficulty', 'cpc', 'intent'],
    ],
    [
      'fr',
      'Mot-clé;Volume de recherche;Difficulté;CPC (EUR);Intention',
      ['phrase', 'volume', 'difficulty', 'cpc', 'intent'],
    ],
    [
      'es',
      'Palabra clave;Volumen de búsqueda;Dificultad;CPC (EUR);Intención',
      ['phrase', 'volume', 'difficulty', 'cpc', 'intent'],
    ],
    [
      'it',
      'Parola chiave;Volume di ricerca;Difficoltà;CPC (EUR);Intento',
      ['phrase', 'volume', 'difficulty', 'cpc', 'intent'],
    ],
    [
      'pt',
      'Palavra-chave;Volume de pesquisa;Dificuldade;CPC (BRL);Intenção',
      ['phrase', 'volume', 'difficulty', 'cpc', 'intent'],
    ],
    [
      'nl',
      'Zoekwoord;Zoekvolume;Moeilijkheid;Kosten per klik;Zoekintentie',
      ['phrase', 'volume', 'difficulty', 'cpc', 'intent'],
    ],
  ])(
    'maps %s column names, reading 1.200 as a thousand two hundred and 0,45 as a decimal',
    async (_lang, header, fields) => {
      const p = (await upload(`${header}\ntomates cerises;1.200;35;0,45;informational\n`, '?dryRun=1')).json();
      expect(Object.values(p.mapping)).toEqual(fields);
      expect(p.preview[0]).toMatchObject({
        phrase: 'tomates cerises',
        volume: 1200,
        difficulty: 35,
        cpc: 0.45,
        intent: 'informational',
      });
    },
  );

  it('reads a Windows-1252 file saved by a French spreadsheet', async () => {
    const p = (await upload(fixture('semrush-fr-windows1252.csv'), '?dryRun=1')).json();
    expect(p.encoding).not.toBe('utf-8');
    expect(p.headers[0]).toBe('Mot-clé');
    expect(p.preview.map((r: Row) => [r.phrase, r.volume, r.cpc])).toEqual([
      ['café crème maison', 1200, 0.45],
      ['machine à café pas chère', 8100, 1.2],
    ]);
  });
});

describe('pasted rows', () => {
  it('reads "seed starting mix, 900, 20" as keyword, volume and difficulty, as a header-less CSV', async () => {
    const p = (
      await upload('seed starting mix, 900, 20\nrooting hormone, 1.300, 11\nhow to harden off seedlings\n', '?dryRun=1')
    ).json();
    expect(p.mapping).toEqual({ Keyword: 'phrase', 'Column 2': 'volume', 'Column 3': 'difficulty' });
    expect(p.preview).toEqual([
      { phrase: 'seed starting mix', volume: 900, difficulty: 20, line: 1 },
      { phrase: 'rooting hormone', volume: 1300, difficulty: 11, line: 2 },
      { phrase: 'how to harden off seedlings', volume: null, difficulty: null, line: 3 },
    ]);
  });

  it('ignores a header-less column that is not a number', async () => {
    const p = (await upload('compost tea, brewing notes\nleaf mould, more notes\n', '?dryRun=1')).json();
    expect(p.mapping).toEqual({ Keyword: 'phrase', 'Column 2': null });
    expect(p.errors).toEqual([]);
  });
});

describe('merges into existing keywords', () => {
  it('lists every metric the import would overwrite in the preview; filling an empty metric is not a change', async () => {
    const add = await t.app.inject({
      method: 'POST',
      url: K(),
      headers: bearer(f.editor),
      payload: {
        keywords: [{ phrase: 'Seedling Potting Mix', volume: 22232, difficulty: 20 }, { phrase: 'peat free compost' }],
      },
    });
    expect(add.statusCode).toBe(201);
    const p = (
      await upload('seedling potting mix, 900, 20\npeat free compost, 3600\nnew keyword here, 10\n', '?dryRun=1')
    ).json();
    expect(p.changedKeywords).toBe(1);
    expect(p.changes).toEqual([{ line: 1, phrase: 'seedling potting mix', field: 'volume', from: 22232, to: 900 }]);
    expect(await keyword('Seedling Potting Mix')).toMatchObject({ volume: 22232 });
    const done = await upload('seedling potting mix, 900, 20\n');
    expect(done.json()).toMatchObject({ merged: 1, changedKeywords: 1 });
    expect(await keyword('Seedling Potting Mix')).toMatchObject({ volume: 900 });
  });
});

describe('phrase length', () => {
  it('refuses a keyword longer than 120 characters with a row error naming its line; the others import in "valid" mode', async () => {
    const long = `${'very long keyword '.repeat(17)}end`;
    expect(long.length).toBeGreaterThan(120);
    const res = await upload(`Keyword,Volume\nshort keyword,10\n${long},20\n`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.errors).toEqual([
      { line: 3, field: 'phrase', message: 'Keyword is longer than 120 characters' },
    ]);
    const valid = await upload(`Keyword,Volume\nshort keyword,10\n${long},20\n`, '?mode=valid');
    expect(valid.json()).toMatchObject({ created: 1 });
    const json = await t.app.inject({
      method: 'POST',
      url: K(),
      headers: bearer(f.editor),
      payload: { keywords: [{ phrase: long }] },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('validation_failed');
  });
});
