import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './helpers/app';

const precompress = fileURLToPath(new URL('../../web/scripts/precompress.mjs', import.meta.url));
/** A built web app in miniature: the shell, a hashed bundle, and an unhashed file. */
const bundle = `export const greeting = ${JSON.stringify('hello from the web app '.repeat(200))};\n`;
const shell = `<!doctype html><html><head><script type="module" src="/assets/index-Bx1c9dQe.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;

let dir: string;
let t: TestApp;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'igny8-web-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), shell);
  await writeFile(join(dir, 'assets', 'index-Bx1c9dQe.js'), bundle);
  await writeFile(join(dir, 'robots.txt'), 'User-agent: *\nDisallow:\n');
  // The web build's own step makes the compressed copies.
  const built = spawnSync(process.execPath, [precompress, dir], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  t = await testApp({}, { webDist: dir });
});

afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the web app is served compressed and cached by content hash', () => {
  it('a hashed asset: brotli when accepted, cached for a year without revalidation', async () => {
    const res = await t.app.inject({
      url: '/assets/index-Bx1c9dQe.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(bundle.length / 4);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(bundle);
  });

  it('gzip for a client without brotli, the file itself for one accepting neither', async () => {
    const gz = await t.app.inject({ url: '/assets/index-Bx1c9dQe.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(bundle);
    const plain = await t.app.inject({ url: '/assets/index-Bx1c9dQe.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bundle);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('index.html (at / and for client-side routes) and unhashed files are revalidated, never immutable', async () => {
    for (const url of ['/', '/index.html', '/a/some-account/sites']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(shell);
    }
    const robots = await t.app.inject({ url: '/robots.txt', headers: { 'accept-encoding': 'br' } });
    expect(robots.headers['cache-control']).toBe('no-cache');
    // Too small to gain from compression: no copy was made, the file is sent as it is.
    expect(robots.headers['content-encoding']).toBeUndefined();
  });

  it('a missing asset is a 404, not the app shell', async () => {
    const res = await t.app.inject({ url: '/assets/index-gone.js', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(404);
  });
});
