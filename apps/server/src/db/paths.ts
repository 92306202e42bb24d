import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/server, found from this file whether it runs from src/ (tsx, vitest) or dist/ (bundle). */
export function serverRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'drizzle.config.ts'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find apps/server root');
    dir = parent;
  }
  return dir;
}

export function migrationsDir(): string {
  return join(serverRoot(), 'drizzle');
}

export function webDistDir(): string {
  return join(serverRoot(), '..', 'web', 'dist');
}
