import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * A real WordPress for tests: Debian's `wordpress` package served by `php -S` on 127.0.0.1, on its own
 * database in the local MariaDB (127.0.0.1:3306, root without password) and its own content folder, so
 * any number of them (parallel test files, parallel runs) never share anything but the code. Installed
 * through its own installer, with an application password and, unless asked otherwise, the igny8 bridge
 * plugin active. A start takes a few seconds.
 */

const here = fileURLToPath(new URL('.', import.meta.url));
const WORDPRESS = '/usr/share/wordpress';
const CONFIG_FILE = '/etc/wordpress/config-127.0.0.1.php';
export const BRIDGE_PLUGIN_DIR = join(here, '../../integrations/wordpress/igny8-bridge');
const run = promisify(execFile);

export interface WordPress {
  /** http://127.0.0.1:PORT (plain permalinks: the REST API answers at /index.php?rest_route=/) */
  origin: string;
  username: string;
  password: string;
  /** an application password of `username`, for REST Basic auth */
  appPassword: string;
  database: string;
  contentDir: string;
  /** Basic auth header value for the REST API */
  authorization: string;
  /** GET/POST/DELETE on the REST API as the admin (path like /wp/v2/posts/1?context=edit) */
  rest<T = unknown>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** A PHP snippet run inside this WordPress (wp-load.php already required); returns its stdout. */
  php(code: string): Promise<string>;
  close(): Promise<void>;
}

export interface StartWordPressOptions {
  /** activate the igny8 bridge plugin (default true) */
  bridge?: boolean;
  port?: number;
}

export class WordPressUnavailableError extends Error {}

export async function startWordPress(opts: StartWordPressOptions = {}): Promise<WordPress> {
  if (!existsSync(join(WORDPRESS, 'wp-load.php'))) {
    throw new WordPressUnavailableError('WordPress is not installed: apt-get install -y wordpress php-cli php-mysql');
  }
  writeConfig();
  const id = randomBytes(5).toString('hex');
  const database = `igny8_wp_${id}`;
  const dbUser = `igny8_wp_${id}`;
  const dbPassword = randomBytes(12).toString('hex');
  await mariadb(
    `CREATE DATABASE ${database}; CREATE USER '${dbUser}'@'127.0.0.1' IDENTIFIED BY '${dbPassword}'; ` +
      `CREATE USER '${dbUser}'@'localhost' IDENTIFIED BY '${dbPassword}'; ` +
      `GRANT ALL ON ${database}.* TO '${dbUser}'@'127.0.0.1'; GRANT ALL ON ${database}.* TO '${dbUser}'@'localhost';`,
  );

  const contentDir = mkdtempSync(join(tmpdir(), 'igny8-wp-'));
  mkdirSync(join(contentDir, 'plugins'));
  mkdirSync(join(contentDir, 'uploads'));
  symlinkSync(join(WORDPRESS, 'wp-content/themes'), join(contentDir, 'themes'));
  cpSync(BRIDGE_PLUGIN_DIR, join(contentDir, 'plugins/igny8-bridge'), { recursive: true });

  const port = opts.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    IGNY8_WP_DB: database,
    IGNY8_WP_DB_USER: dbUser,
    IGNY8_WP_DB_PASSWORD: dbPassword,
    IGNY8_WP_CONTENT: contentDir,
    IGNY8_WP_HOST: `127.0.0.1:${port}`,
    // Several requests at once (the publisher uploads while a test reads).
    PHP_CLI_SERVER_WORKERS: '4',
  };
  // Its own process group: `php -S` forks its workers, and stopping the group stops them all.
  const server = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', WORDPRESS, join(here, 'router.php')], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let serverLog = '';
  server.stderr?.on('data', (d: Buffer) => {
    serverLog = (serverLog + d.toString()).slice(-4000);
  });

  const cleanup = async () => {
    await stop(server);
    await mariadb(
      `DROP DATABASE IF EXISTS ${database}; DROP USER IF EXISTS '${dbUser}'@'127.0.0.1'; DROP USER IF EXISTS '${dbUser}'@'localhost';`,
    ).catch(() => {});
    rmSync(contentDir, { recursive: true, force: true });
  };

  try {
    await waitForHttp(`${origin}/wp-includes/images/blank.gif`, () => serverLog);
    const username = 'igny8admin';
    const password = randomBytes(12).toString('base64url');
    const form = new URLSearchParams({
      weblog_title: 'igny8 test blog',
      user_name: username,
      admin_password: password,
      admin_password2: password,
      pw_weak: '1',
      admin_email: 'admin@wordpress.test',
      blog_public: '0',
      language: '',
    });
    const installed = await fetch(`${origin}/wp-admin/install.php?step=2`, { method: 'POST', body: form });
    const page = await installed.text();
    if (!installed.ok || !page.includes('wp-login.php'))
      throw new Error(`WordPress install failed (${installed.status}): ${page.slice(0, 500)}`);

    const setup = await run('php', [join(here, 'setup.php')], {
      env: { ...env, IGNY8_WP_PLUGINS: opts.bridge === false ? '' : 'igny8-bridge/igny8-bridge.php' },
    });
    const { appPassword } = JSON.parse(setup.stdout) as { appPassword: string };
    const authorization = `Basic ${Buffer.from(`${username}:${appPassword}`).toString('base64')}`;

    return {
      origin,
      username,
      password,
      appPassword,
      database,
      contentDir,
      authorization,
      async rest<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
        const [route, query] = path.split('?');
        const url = `${origin}/index.php?rest_route=${encodeURIComponent(route!)}${query ? `&${query}` : ''}`;
        const res = await fetch(url, {
          method,
          headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
      },
      async php(code: string) {
        const file = join(contentDir, `snippet-${randomBytes(4).toString('hex')}.php`);
        writeFileSync(
          file,
          `<?php\n$_SERVER['HTTP_HOST'] = getenv('IGNY8_WP_HOST');\n$_SERVER['REQUEST_URI'] = '/';\nrequire '${WORDPRESS}/wp-load.php';\n${code}\n`,
        );
        try {
          return (await run('php', [file], { env })).stdout;
        } finally {
          rmSync(file, { force: true });
        }
      },
      close: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** The one config file every test WordPress on 127.0.0.1 uses; it reads its database and folder from the environment. */
function writeConfig(): void {
  const wanted = readFileSync(join(here, 'config.php'), 'utf8');
  if (existsSync(CONFIG_FILE) && readFileSync(CONFIG_FILE, 'utf8') === wanted) return;
  try {
    writeFileSync(CONFIG_FILE, wanted);
  } catch (e) {
    throw new WordPressUnavailableError(
      `Cannot write ${CONFIG_FILE} (run the tests as root, or copy e2e/wordpress/config.php there): ${(e as Error).message}`,
    );
  }
}

async function mariadb(sql: string): Promise<void> {
  await run('mariadb', ['-h', '127.0.0.1', '-P', '3306', '-u', 'root', '-e', sql]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`php -S did not answer at ${url}: ${log()}`);
}

/** Stops the server and its forked workers (its process group), which outlive a parent killed alone. */
async function stop(child: ChildProcess): Promise<void> {
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      group('SIGTERM');
      setTimeout(() => group('SIGKILL'), 3000).unref();
    });
  }
  group('SIGKILL');
}
