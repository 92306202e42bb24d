// `npm start`: build what is missing or stale, then serve API + worker + web app on one port.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outputs = ['apps/server/dist/main.js', 'apps/web/dist/index.html'].map((p) => join(root, p));
const sources = ['apps/server/src', 'apps/web/src', 'packages/contracts/src', 'apps/web/index.html'].map((p) =>
  join(root, p),
);

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
}

const stale =
  outputs.some((p) => !existsSync(p)) ||
  Math.max(...sources.filter(existsSync).map(newest)) > Math.min(...outputs.map((p) => statSync(p).mtimeMs));
if (stale) {
  console.log('igny8: building…');
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const server = spawn(
  process.execPath,
  [
    '--enable-source-maps',
    join(root, 'apps/server/dist/main.js'),
    ...(process.argv.slice(2).length ? process.argv.slice(2) : ['serve']),
  ],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
