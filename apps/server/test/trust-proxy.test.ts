import { afterAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../src/http/trust-proxy';
import { setupPlatform, testApp, type TestApp } from './helpers/app';

describe('parseTrustProxy', () => {
  it('reads off, all, a hop count and an address list', () => {
    for (const off of ['false', 'FALSE', '0', '', '  ']) expect(parseTrustProxy(off)).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    const twoHops = parseTrustProxy('2');
    expect(typeof twoHops).toBe('function');
    const hop = twoHops as (addr: string, i: number) => boolean;
    expect([0, 1, 2].map((i) => hop('10.0.0.1', i))).toEqual([true, true, false]);
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1,,loopback ')).toEqual(['10.0.0.0/8', '127.0.0.1', 'loopback']);
  });
});

/** With TRUST_PROXY=<value>, 4 failed logins from one peer, each with a new X-Forwarded-For: how many got 429? */
describe('the login limit behind (or without) a proxy', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  async function appWith(trustProxy: string) {
    const t = await testApp({ TRUST_PROXY: trustProxy, LOGIN_LIMIT_PER_IP: 2, LOGIN_LIMIT_PER_EMAIL: 1000 });
    apps.push(t);
    await setupPlatform(t.app);
    return (peer: string, forwardedFor: string, i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `user${i}@x.io`, password: 'wrong-guess' },
        remoteAddress: peer,
        headers: { 'x-forwarded-for': forwardedFor },
      });
  }

  it('off (the default): a rotating X-Forwarded-For does not escape the per-address limit', async () => {
    const attempt = await appWith('false');
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await attempt('198.51.100.7', `203.0.113.${i}`, i)).statusCode);
    expect(codes).toEqual([401, 401, 429, 429]);
  });

  it('a hop count: the address the proxy forwarded is the client, so clients are limited one by one', async () => {
    const attempt = await appWith('1');
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await attempt('10.0.0.2', `203.0.113.${i}`, i)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401]);
    // One client behind the proxy is still limited.
    for (let i = 4; i < 6; i++) expect((await attempt('10.0.0.2', '203.0.113.50', i)).statusCode).toBe(401);
    expect((await attempt('10.0.0.2', '203.0.113.50', 6)).statusCode).toBe(429);
  });

  it('a proxy list: forwarded addresses count only when the peer is a listed proxy', async () => {
    const attempt = await appWith('10.0.0.0/8');
    for (let i = 0; i < 4; i++) expect((await attempt('10.9.9.9', `203.0.113.${i}`, i)).statusCode).toBe(401);
    // A direct client outside the list cannot pick its address.
    const codes = [];
    for (let i = 4; i < 8; i++) codes.push((await attempt('198.51.100.8', `203.0.113.${i}`, i)).statusCode);
    expect(codes).toEqual([401, 401, 429, 429]);
  });
});
