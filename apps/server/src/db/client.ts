import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index';
import { migrationsDir } from './paths';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Runs raw SQL for libraries that bring their own queries (pg-boss). */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  executeSql: ExecuteSql;
  migrate(): Promise<void>;
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
  if (dataDir) {
    const dir = join(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir);
  } else {
    client = new PGlite();
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    // PGlite's query() takes one statement; pg-boss sends multi-statement scripts without parameters.
    executeSql: async (text, values) =>
      values && values.length > 0
        ? client.query(text, values)
        : { rows: (await client.exec(text)).at(-1)?.rows ?? [] },
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: migrationsDir() }),
    close: () => client.close(),
  };
}

function postgresDatabase(url: string, onIdleError = (err: Error) => console.error(`database: an idle connection failed: ${err.message}`)): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Without a listener, an idle connection's error would crash the process.
  pool.on('error', onIdleError);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    executeSql: async (text, values) => pool.query(text, values as unknown[]),
    migrate: () => migratePg(drizzlePg(pool), { migrationsFolder: migrationsDir() }),
    close: () => pool.end(),
  };
}
