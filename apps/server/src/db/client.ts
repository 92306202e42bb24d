import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index';
import { migrationsDir } from './paths';
import { EmbeddedVacuum } from './embedded-vacuum';
import { takeTurns } from './pglite-turns';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Runs raw SQL for libraries that bring their own queries (pg-boss). */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

/** One open transaction, for our queries and a library's (pg-boss `send` with `{ db }`) alike. */
export interface Transaction {
  db: Db;
  executeSql: ExecuteSql;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  executeSql: ExecuteSql;
  /** Applies migrations; on PostgreSQL under an advisory lock, so processes started together take turns. */
  migrate(): Promise<void>;
  /**
   * Runs `fn` in one transaction shared by Drizzle and raw SQL: both commit or neither does.
   * `fn` must use only `tx` (on PGlite the outer client waits until the transaction ends).
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` while holding a PostgreSQL session advisory lock named `name` on a connection of
   * its own, so startup steps that race in PostgreSQL's catalog (CREATE TABLE/TYPE, partition
   * attach) run one process at a time. PGlite is one process: `fn` just runs.
   */
  withAdvisoryLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** PGlite only: its vacuum/analyze on a timer (PostgreSQL has autovacuum). */
  vacuum?: EmbeddedVacuum;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | {
      kind: 'postgres';
      url: string;
      /** An idle pooled connection died (server restart, admin kill); the pool replaces it. */
      onIdleError?: (err: Error) => void;
    }
  | { kind: 'pglite'; dataDir?: string };

/** PostgreSQL when a URL is given, otherwise embedded PGlite (in memory when no dataDir). */
export function createDatabase(target: DatabaseTarget): Database {
  return target.kind === 'postgres' ? postgresDatabase(target.url, target.onIdleError) : pgliteDatabase(target.dataDir);
}

function pgliteDatabase(dataDir?: string): Database {
  let client: PGlite;
  // pg_trgm and btree_gin back the lists' text search (the migrations create site-scoped trigram indexes).
  const extensions = { pg_trgm, btree_gin };
  // A trigram index keeps new entries in a pending list and merges it when it passes this size; the write
  // that passes it pays the whole merge, on this thread. At the default 4 MB, saving a 100k auto-cluster (every
  // keyword's cluster_id rewritten) spent 100-130 ms in one cluster's update about every two seconds, with no
  // request answered meanwhile. At 512 kB the API's p99 during it fell from ~93 to ~46 ms, for ~5-10 % more time
  // on bulk writes (bench/README.md, bench:health). PostgreSQL merges in its own process: it keeps the default.
  const startParams = [...PGlite.defaultStartParams, '-c', 'gin_pending_list_limit=512kB'];
  if (dataDir) {
    const dir = join(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    client = takeTurns(new PGlite(dir, { extensions, startParams }));
  } else {
    client = takeTurns(new PGlite({ extensions, startParams }));
  }
  const vacuum = new EmbeddedVacuum(client, (err) =>
    console.error(`database: vacuum of the embedded database failed: ${String(err)}`),
  );
  vacuum.start();
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    executeSql: pgliteExecuteSql(client),
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: migrationsDir() }),
    transaction: (fn) =>
      client.transaction((tx) =>
        // The config form, so Drizzle takes the transaction as its client instead of opening a new PGlite.
        fn({
          db: drizzlePglite({ client: tx as unknown as PGlite, schema }) as unknown as Db,
          executeSql: pgliteExecuteSql(tx),
        }),
      ),
    withAdvisoryLock: (_name, fn) => fn(),
    vacuum,
    close: async () => {
      await vacuum.stop();
      await client.close();
    },
  };
}

/** PGlite's query() takes one statement; pg-boss sends multi-statement scripts without parameters. */
function pgliteExecuteSql(client: Pick<PGlite, 'query' | 'exec'>): ExecuteSql {
  return async (text, values) =>
    values && values.length > 0 ? client.query(text, values) : { rows: (await client.exec(text)).at(-1)?.rows ?? [] };
}

function postgresDatabase(
  url: string,
  onIdleError = (err: Error) => console.error(`database: an idle connection failed: ${err.message}`),
): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Without a listener, an idle connection's error would crash the process.
  pool.on('error', onIdleError);
  const db = drizzlePg(pool, { schema }) as unknown as Db;

  const withAdvisoryLock = async <T>(name: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    // A session lock on a connection held for the whole step; a crashed holder's lock ends with its connection.
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      try {
        return await fn(client);
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
      }
    } finally {
      client.release();
    }
  };

  return {
    kind: 'postgres',
    db,
    executeSql: async (text, values) => pool.query(text, values as unknown[]),
    // Concurrent first migrations collide on CREATE SCHEMA/TABLE (duplicate key in pg_type): one at a time.
    migrate: () =>
      withAdvisoryLock('igny8.migrate', (client) =>
        migratePg(drizzlePg({ client }), { migrationsFolder: migrationsDir() }),
      ),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          db: drizzlePg({ client, schema }) as unknown as Db,
          executeSql: async (text, values) => client.query(text, values as unknown[]),
        });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    withAdvisoryLock: (name, fn) => withAdvisoryLock(name, () => fn()),
    close: () => pool.end(),
  };
}
