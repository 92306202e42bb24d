import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../src/db/client';
import { testBackend } from './helpers/db';

describe.runIf(testBackend() === 'postgres')('a PostgreSQL connection killed while idle', () => {
  it('is reported and replaced; the process goes on', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `igny8_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const errors: Error[] = [];
    const database = createDatabase({ kind: 'postgres', url: url.toString(), onIdleError: (err) => errors.push(err) });
    try {
      await database.executeSql('select 1');
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      await expect.poll(() => errors.length).toBe(1);
      expect(errors[0]!.message).toMatch(/terminat/i);
      expect((await database.executeSql('select 2 as n')).rows).toEqual([{ n: 2 }]);
    } finally {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
