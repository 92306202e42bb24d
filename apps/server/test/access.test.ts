import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { testConfig } from '../src/config';
import { createDatabase } from '../src/db/client';
import { freshDatabase } from './helpers/db';
import { bearer, setupPlatform, signup } from './helpers/app';

describe('access guard', () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of closers) await c();
  });

  it('refuses to start when a route declares no policy', async () => {
    // The check runs before anything touches the database: an unmigrated one will do.
    const database = createDatabase({ kind: 'pglite' });
    closers.push(() => database.close());
    const app = await buildApp({ config: testConfig(), database, logger: false });
    app.get('/api/v1/forgotten', async () => ({ ok: true }));
    await expect(app.ready()).rejects.toThrow(/without an access policy: GET \/api\/v1\/forgotten/);
  });

  it('logs each denial once, structured, and answers with a machine code', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(JSON.parse(String(chunk)));
        cb();
      },
    });
    const database = await freshDatabase();
    const app = await buildApp({ config: testConfig(), database, loggerInstance: pino({ level: 'info' }, stream) });
    closers.push(async () => {
      await app.close();
      await database.close();
    });
    await app.ready();
    await setupPlatform(app);
    const owner = await signup(app, 'o@a.test');
    const outsider = await signup(app, 'o@b.test');
    const accountId = owner.auth.memberships[0]!.accountId;

    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${accountId}/members`,
      headers: bearer(outsider),
    });
    expect(res.statusCode).toBe(404);
    const denials = lines.filter((l) => l.event === 'access.denied');
    expect(denials).toEqual([
      expect.objectContaining({
        event: 'access.denied',
        policy: 'member(viewer)',
        reason: 'not_a_member',
        userId: outsider.userId,
        accountId,
        route: 'GET /api/v1/accounts/:accountId/members',
      }),
    ]);
    const platform = await app.inject({ method: 'GET', url: '/api/v1/platform/settings', headers: bearer(owner) });
    expect(platform.json().error.code).toBe('platform_only');
    expect(lines.filter((l) => l.event === 'access.denied').at(-1)).toMatchObject({
      policy: 'platformOperator',
      reason: 'platform_only',
    });
  });
});
