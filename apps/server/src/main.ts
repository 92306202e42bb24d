import pino from 'pino';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createDatabase } from './db/client';
import { webDistDir } from './db/paths';
import { Runtime } from './runtime';

const modes = ['serve', 'api', 'worker', 'migrate'] as const;
type Mode = (typeof modes)[number];

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'serve') as Mode;
  if (!modes.includes(mode)) {
    console.error(`usage: main.js [${modes.join('|')}]
  serve    API + worker + web app in one process (default)
  api      API + web app only (run workers separately)
  worker   task worker only; run as many as you like against one PostgreSQL
  migrate  apply database migrations and exit`);
    process.exit(2);
  }
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL });
  const database = createDatabase(
    config.DATABASE_URL
      ? {
          kind: 'postgres',
          url: config.DATABASE_URL,
          onIdleError: (err) => log.warn({ err }, 'an idle database connection failed; the pool replaces it'),
        }
      : { kind: 'pglite', dataDir: config.DATA_DIR },
  );
  await database.migrate();
  if (mode === 'migrate') return database.close();

  let stop: () => Promise<void>;
  if (mode === 'worker') {
    const runtime = new Runtime(config, database, log, { worker: true });
    await runtime.start();
    log.info({ mode, database: database.kind }, 'igny8 worker ready');
    stop = () => runtime.stop();
  } else {
    const app = await buildApp({
      config,
      database,
      loggerInstance: log,
      webDist: config.WEB_DIST ?? webDistDir(),
      runtime: { worker: mode === 'serve' },
    });
    await app.listen({ port: config.PORT, host: config.HOST });
    log.info(
      { mode, database: database.kind, dataDir: database.kind === 'pglite' ? config.DATA_DIR : undefined },
      `igny8 ${mode} ready on port ${config.PORT}`,
    );
    stop = () => app.close();
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: running tasks stop at their next item and are handed back to the queue');
    await stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
