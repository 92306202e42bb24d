import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app';
import { testConfig } from '../src/config';
import { createDatabase, type Database } from '../src/db/client';
import { MemoryFileStorage } from '../src/storage/files';
import { freshDatabase, testBackend } from './helpers/db';
import { setupPlatform, signup, TEST_PASSWORD } from './helpers/app';

/**
 * The login limit counts failures only, a success clears the email's count, and the counters live in the
 * database: two API processes on one database enforce one limit.
 */
const limits = { LOGIN_LIMIT_PER_EMAIL: 3, LOGIN_LIMIT_PER_IP: 6, LOGIN_LIMIT_WINDOW_SECONDS: 900 };
let database: Database & { url?: string };
let second: Database | undefined;
let a: App;
let b: App;

async function apiProcess(db: Database): Promise<App> {
  const app = await buildApp({
    config: testConfig(limits),
    database: db,
    logger: false,
    runtime: { storage: new MemoryFileStorage() },
  });
  await app.ready();
  return app;
}

beforeAll(async () => {
  database = await freshDatabase();
  a = await apiProcess(database);
  // PGlite cannot be opened twice: the second "process" shares the Database; on PostgreSQL it has its own pool.
  second = testBackend() === 'postgres' ? createDatabase({ kind: 'postgres', url: database.url! }) : undefined;
  b = await apiProcess(second ?? database);
  await setupPlatform(a);
  await signup(a, 'writer@x.io');
  await signup(a, 'other@x.io');
});
afterAll(async () => {
  await a.close();
  await b.close();
  await second?.close();
  await database.close();
});

const login = (app: App, email: string, password: string, ip = '10.1.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

describe('login limit', () => {
  it('does not count successful sign-ins: many correct logins in a window never lock the user out', async () => {
    for (let i = 0; i < 12; i++)
      expect((await login(a, 'writer@x.io', TEST_PASSWORD, `10.2.0.${i}`)).statusCode).toBe(200);
    // The same from one address: its successes do not use up the per-address limit either.
    for (let i = 0; i < 8; i++) expect((await login(a, 'writer@x.io', TEST_PASSWORD, '10.2.1.1')).statusCode).toBe(200);
  });

  it("clears the email's failures on a successful sign-in", async () => {
    for (let i = 0; i < 2; i++)
      expect((await login(a, 'writer@x.io', 'wrong-guess', `10.3.0.${i}`)).statusCode).toBe(401);
    expect((await login(a, 'writer@x.io', TEST_PASSWORD, '10.3.0.9')).statusCode).toBe(200);
    // Three more failures are allowed again (without the reset the third would already be refused).
    for (let i = 0; i < 3; i++)
      expect((await login(a, 'writer@x.io', 'wrong-guess', `10.3.1.${i}`)).statusCode).toBe(401);
    const limited = await login(a, 'writer@x.io', TEST_PASSWORD, '10.3.2.1');
    expect(limited.statusCode).toBe(429);
  });

  it('says once when to try again, with a Retry-After header', async () => {
    const limited = await login(a, 'writer@x.io', 'wrong-guess', '10.3.2.2');
    expect(limited.statusCode).toBe(429);
    const { code, message } = limited.json().error;
    expect(code).toBe('rate_limited');
    expect(message).toMatch(/^Too many failed sign-ins for this email\. Try again in \d+ minutes\.$/);
    expect(message.match(/Try again/g)).toHaveLength(1);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('is one limit across two API processes on the same database', async () => {
    const email = 'other@x.io';
    expect((await login(a, email, 'wrong-guess', '10.4.0.1')).statusCode).toBe(401);
    expect((await login(b, email, 'wrong-guess', '10.4.0.2')).statusCode).toBe(401);
    expect((await login(a, email, 'wrong-guess', '10.4.0.3')).statusCode).toBe(401);
    // The fourth failure, on the other process, is over the per-email limit of 3.
    expect((await login(b, email, TEST_PASSWORD, '10.4.0.4')).statusCode).toBe(429);
    expect((await login(a, email, TEST_PASSWORD, '10.4.0.5')).statusCode).toBe(429);
  });

  it('limits failures per address across emails, on either process', async () => {
    for (let i = 0; i < 6; i++) {
      expect((await login(i % 2 ? a : b, `nobody${i}@x.io`, 'wrong-guess', '10.5.0.1')).statusCode).toBe(401);
    }
    const limited = await login(a, 'nobody-else@x.io', 'wrong-guess', '10.5.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toContain('from this address');
  });

  it('counts a burst of parallel guesses exactly: no more than the limit get through', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => login(i % 2 ? a : b, 'burst@x.io', 'wrong-guess', `10.6.0.${i}`)),
    );
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(5);
  });
});
