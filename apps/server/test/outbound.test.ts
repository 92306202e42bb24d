import type { LookupAddress } from 'node:dns';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { download, DownloadRefusedError } from '../src/net/download';
import { OutboundBlockedError, OutboundPolicy } from '../src/net/outbound';
import { listen, type Listener } from './helpers/listener';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
let inside: Listener; // stands for anything on the server's own network: answers a secret to whoever reaches it
let hop: Listener; // "a public provider": reached by name (localhost, allowed), redirecting as asked
beforeAll(async () => {
  inside = await listen((url, res) => {
    if (url === '/image.webp') return res.writeHead(200, { 'content-type': 'image/webp' }).end(PNG);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('internal secret 4242');
  });
  hop = await listen((url, res) => {
    const to = new URL(url, 'http://x').searchParams.get('to');
    if (to) return res.writeHead(302, { location: to }).end();
    if (url.startsWith('/loop/')) return res.writeHead(302, { location: `/loop/${Number(url.slice(6)) + 1}` }).end();
    if (url === '/image.webp') return res.writeHead(200, { 'content-type': 'image/webp; charset=binary' }).end(PNG);
    if (url === '/page') return res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>secret</h1>');
    if (url === '/huge') {
      res.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      return pump(); // never ends: only the size cap stops it
    }
    if (url === '/slow') return res.writeHead(200, { 'content-type': 'image/png' }).write(PNG); // headers, then nothing
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, auth: 'seen' }));
  });
});
afterAll(async () => {
  await inside.close();
  await hop.close();
});

const strict = new OutboundPolicy({ allowHosts: '', timeoutMs: 2000 });
const allowLocalhost = new OutboundPolicy({ allowHosts: ' LOCALHOST. , other.example', timeoutMs: 2000 });
const account = { trusted: false };
afterAll(async () => {
  await strict.close();
  await allowLocalhost.close();
});
afterEach(() => {
  inside.hits.length = 0;
  hop.hits.length = 0;
});

async function refusal(p: Promise<unknown>): Promise<OutboundBlockedError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OutboundBlockedError);
  return e as OutboundBlockedError;
}

describe('the outbound policy for requests made for an account', () => {
  // The measured list from the issue; each spelling reaches a private or loopback address.
  const blocked = [
    'http://169.254.169.254/latest',
    'http://localhost:5432',
    'http://0.0.0.0:6379',
    'http://2130706433:8080',
    'http://[::ffff:127.0.0.1]/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://10.0.0.5/',
    'http://172.16.3.4/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://[::1]/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
  ];
  it.each(blocked)('refuses %s on save and at call time', async (url) => {
    const saved = await refusal(strict.assertAllowed(url));
    expect(saved.code).toBe('outbound_blocked');
    expect(saved.message).toMatch(
      /not a public address \((loopback|private|linkLocal|unspecified|carrierGradeNat|uniqueLocal|multicast|broadcast)\)/,
    );
    await refusal(strict.fetch(url, {}, account));
  });

  it('refuses a name that does not resolve (metadata.google.internal offline) and non-http schemes', async () => {
    expect(
      (await refusal(strict.assertAllowed('http://metadata.google.internal/computeMetadata/v1/'))).message,
    ).toMatch(/does not resolve/);
    expect((await refusal(strict.fetch('file:///etc/passwd', {}, account))).message).toMatch(/only http and https/);
    await refusal(strict.fetch('data:text/plain,hello', {}, account));
  });

  it('checks the address actually connected to, not only the one seen on save (DNS rebinding)', async () => {
    let answers = 0;
    // First answer public (the save-time check passes), then loopback (the connect-time check must refuse).
    const rebinding: typeof import('node:dns').lookup = ((
      _host: string,
      _opts: unknown,
      cb: (e: null, a: LookupAddress[]) => void,
    ) => {
      cb(null, [{ address: answers++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }]);
    }) as never;
    const policy = new OutboundPolicy({ allowHosts: '', timeoutMs: 2000, resolve: rebinding });
    await policy.assertAllowed(`http://rebind.example:${inside.port}/`);
    const e = await refusal(policy.fetch(`http://rebind.example:${inside.port}/`, {}, account));
    expect(e.message).toMatch(/resolves to 127\.0\.0\.1/);
    expect(inside.hits).toEqual([]);
    await policy.close();
  });

  it('a hostname that resolves to loopback is refused at connect time and reaches nothing', async () => {
    await refusal(strict.fetch(`http://localhost:${inside.port}/`, {}, account));
    expect(inside.hits).toEqual([]);
  });

  it('trusted requests (the platform’s own settings) may reach loopback', async () => {
    const res = await strict.fetch(`http://127.0.0.1:${inside.port}/`, {}, { trusted: true });
    expect(await res.text()).toBe('internal secret 4242');
  });

  it('OUTBOUND_ALLOW_HOSTS lets an account reach a host by name, but a redirect from it to a private address is refused', async () => {
    const ok = await allowLocalhost.fetch(`http://localhost:${hop.port}/`, {}, account);
    expect(ok.status).toBe(200);
    const e = await refusal(
      allowLocalhost.fetch(
        `http://localhost:${hop.port}/go?to=${encodeURIComponent(`http://127.0.0.1:${inside.port}/`)}`,
        {},
        account,
      ),
    );
    expect(e.message).toMatch(/127\.0\.0\.1 is not a public address \(loopback\)/);
    expect(hop.hits).toHaveLength(2);
    expect(inside.hits).toEqual([]); // the redirect target was never contacted
    // ...and with every redirect spelling of loopback
    for (const to of ['http://2130706433/', 'http://[::ffff:7f00:1]/', `http://0x7f.1:${inside.port}/`]) {
      await refusal(allowLocalhost.fetch(`http://localhost:${hop.port}/go?to=${encodeURIComponent(to)}`, {}, account));
    }
    expect(inside.hits).toEqual([]);
  });

  it('follows redirects itself, at most five, and drops credentials when one leaves the origin', async () => {
    const e = await refusal(allowLocalhost.fetch(`http://localhost:${hop.port}/loop/0`, {}, account));
    expect(e.message).toMatch(/more than 5 redirects/);
    expect(hop.hits).toHaveLength(6);
    hop.hits.length = 0;
    // Same host, another port: another origin. (127.0.0.1 is allowed for this one policy only.)
    const both = new OutboundPolicy({ allowHosts: 'localhost,127.0.0.1', timeoutMs: 2000 });
    const res = await both.fetch(
      `http://localhost:${hop.port}/go?to=${encodeURIComponent(`http://127.0.0.1:${inside.port}/x`)}`,
      { headers: { authorization: 'Bearer sk-secret' } },
      account,
    );
    expect(res.status).toBe(200);
    expect(hop.hits[0]!.headers.authorization).toBe('Bearer sk-secret');
    expect(inside.hits[0]!.headers.authorization).toBeUndefined();
    await both.close();
  });
});

describe('image downloads', () => {
  const limits = { contentTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'], maxBytes: 256 * 1024 };
  const refused = async (p: Promise<unknown>, reason: DownloadRefusedError['reason']) => {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DownloadRefusedError);
    expect((e as DownloadRefusedError).reason).toBe(reason);
  };

  it('stores the real media type, and only image types', async () => {
    const got = await download(allowLocalhost, `http://localhost:${hop.port}/image.webp`, limits, account);
    expect(got).toEqual({ data: PNG, mimeType: 'image/webp' });
    await refused(download(allowLocalhost, `http://localhost:${hop.port}/page`, limits, account), 'content_type');
  });

  it('goes through the same policy: an internal address is never downloaded', async () => {
    await refusal(download(strict, `http://127.0.0.1:${inside.port}/image.webp`, limits, account));
    await refusal(
      download(
        allowLocalhost,
        `http://localhost:${hop.port}/go?to=${encodeURIComponent(`http://127.0.0.1:${inside.port}/image.webp`)}`,
        limits,
        account,
      ),
    );
    expect(inside.hits).toEqual([]);
  });

  it('streams and stops past the size cap, and gives up after the time limit', async () => {
    await refused(download(allowLocalhost, `http://localhost:${hop.port}/huge`, limits, account), 'too_large');
    const started = Date.now();
    const slow = await download(
      allowLocalhost,
      `http://localhost:${hop.port}/slow`,
      limits,
      account,
      AbortSignal.timeout(300),
    ).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(slow?.name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
