import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createDatabase } from './db/client';
import { webDistDir } from './db/paths';

const modes = ['serve', 'api', 'migrate'] as const;
type Mode = (typeof modes)[number];

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'serve') as Mode;
  if (!modes.includes(mode)) {
    console.error(`usage: main.js [${modes.join('|')}]`);
    process.exit(2);
  }
  const config = loadConfig();
  const database = createDatabase(
    config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', dataDir: config.DATA_DIR },
  );
  await database.migrate();
  if (mode === 'migrate') {
    await database.close();
    return;
  }

  const app = await buildApp({ config, database, webDist: config.WEB_DIST ?? webDistDir() });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(
    { mode, database: database.kind, dataDir: database.kind === 'pglite' ? config.DATA_DIR : undefined },
    `igny8 ${mode} ready`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
