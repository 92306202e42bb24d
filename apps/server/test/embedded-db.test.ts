import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../src/db/client';
import { MAX_DEFERRED_CHECKS } from '../src/db/embedded-vacuum';
import { takeTurns } from '../src/db/pglite-turns';
import { testBackend } from './helpers/db';

/** How many of `n` awaited statements ran before a callback queued for the next turn of the event loop (setImmediate) ran. */
function statementsBeforeNextTurn(client: Pick<PGlite, 'query'>, n: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let ran = 0;
    let fired: number | null = null;
    setImmediate(() => (fired = ran));
    void (async () => {
      for (let i = 0; i < n; i++) {
        await client.query('SELECT $1::int AS i', [i]);
        ran++;
      }
      resolve(fired ?? n);
    })().catch(reject);
  });
}

describe.runIf(testBackend() === 'pglite')('the embedded database (PGlite) shares the event loop', () => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('a long run of statements lets timers and sockets in between them, where the bare client does not', async () => {
    const client = new PGlite();
    try {
      await client.query('SELECT 1');
      // The bare client settles every statement as a microtask: the event loop waits for the whole run.
      expect(await statementsBeforeNextTurn(client, 200)).toBe(200);
      takeTurns(client);
      expect(await statementsBeforeNextTurn(client, 200)).toBeLessThan(3);
    } finally {
      await client.close();
    }
  });

  it('a transaction of many statements lets timers in between them too, and still commits or rolls back whole', async () => {
    const client = takeTurns(new PGlite());
    try {
      await client.exec('CREATE TABLE t (id int PRIMARY KEY)');
      const before = await client.transaction(async (tx) => {
        const n = await statementsBeforeNextTurn(tx, 200);
        await tx.query('INSERT INTO t VALUES (1)');
        return n;
      });
      expect(before).toBeLessThan(3);
      await expect(
        client.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (2)');
          await tx.query('INSERT INTO t VALUES (1)');
        }),
      ).rejects.toThrow(/duplicate key/);
      expect((await client.query<{ id: number }>('SELECT id FROM t')).rows).toEqual([{ id: 1 }]);
    } finally {
      await client.close();
    }
  });

  it('merges the text-search indexes’ pending lists in pieces of 512 kB, and keeps PGlite’s own start settings', async () => {
    database = createDatabase({ kind: 'pglite' });
    const show = async (name: string) =>
      Object.values(((await database!.executeSql(`show ${name}`)) as { rows: Record<string, string>[] }).rows[0]!)[0];
    // At the default 4 MB one write in a long run paid a 100-130 ms merge on the API's thread (client.ts).
    expect(await show('gin_pending_list_limit')).toBe('512kB');
    expect(await show('max_parallel_workers')).toBe('0');
    expect(await show('search_path')).toBe('public');
  });

  it('vacuums and analyses tables past autovacuum thresholds, and leaves quiet tables alone', async () => {
    database = createDatabase({ kind: 'pglite' });
    const sql = database.executeSql;
    await sql('CREATE TABLE churn (id int PRIMARY KEY, v text)');
    await sql('CREATE TABLE quiet (id int PRIMARY KEY)');
    await sql("INSERT INTO churn SELECT g, 'a' FROM generate_series(1, 2000) g");
    await sql('INSERT INTO quiet SELECT g FROM generate_series(1, 10) g');
    await database.vacuum!.runOnce();
    await sql("UPDATE churn SET v = 'b'");
    const dead = async () =>
      (await sql('SELECT pg_stat_force_next_flush()'),
      await sql("SELECT n_dead_tup::int AS n FROM pg_stat_user_tables WHERE relname = 'churn'")).rows[0] as {
        n: number;
      };
    expect((await dead()).n).toBe(2000);
    await database.vacuum!.runOnce();
    expect((await dead()).n).toBe(0);
    expect(database.vacuum!.done).toContainEqual({ table: 'public.churn', action: 'vacuum analyze' });
    expect(database.vacuum!.done.filter((d) => d.table === 'public.quiet')).toEqual([]);
  });
});

describe.runIf(testBackend() === 'pglite')('the embedded vacuum while tasks run', () => {
  it('only analyses while the process runs tasks, at most MAX_DEFERRED_CHECKS checks in a row, then vacuums', async () => {
    const database = createDatabase({ kind: 'pglite' });
    try {
      const sql = database.executeSql;
      const vacuum = database.vacuum!;
      await sql('CREATE TABLE churn (id int PRIMARY KEY, v text)');
      await sql("INSERT INTO churn SELECT g, 'a' FROM generate_series(1, 2000) g");
      await vacuum.runOnce();
      const stats = async () =>
        (await sql('SELECT pg_stat_force_next_flush()'),
        await sql(
          "SELECT n_dead_tup::int AS dead, n_mod_since_analyze::int AS changed FROM pg_stat_user_tables WHERE relname = 'churn'",
        )).rows[0] as { dead: number; changed: number };
      let busy = true;
      vacuum.deferWhile(() => busy);
      await sql("UPDATE churn SET v = 'b'");
      expect(await vacuum.tick()).toBe('analysed');
      // The statistics are fresh for the running task; the dead rows wait.
      expect(await stats()).toEqual({ dead: 2000, changed: 0 });
      for (let i = 1; i < MAX_DEFERRED_CHECKS; i++) expect(await vacuum.tick()).toBe('analysed');
      expect((await stats()).dead).toBe(2000);
      // A task that never ends does not stop the vacuum for ever.
      expect(await vacuum.tick()).toBe('checked');
      expect((await stats()).dead).toBe(0);
      // The count starts again; once the tasks end, the next check vacuums.
      await sql("UPDATE churn SET v = 'c'");
      expect(await vacuum.tick()).toBe('analysed');
      busy = false;
      expect(await vacuum.tick()).toBe('checked');
      expect((await stats()).dead).toBe(0);
    } finally {
      await database.close();
    }
  });
});

describe.runIf(testBackend() === 'postgres')('PostgreSQL', () => {
  it('has no embedded vacuum: its autovacuum does the work', async () => {
    const database = createDatabase({ kind: 'postgres', url: process.env.TEST_DATABASE_URL! });
    try {
      expect(database.vacuum).toBeUndefined();
    } finally {
      await database.close();
    }
  });
});
