// Typed client for the receiver's /__smtp/* control routes, and a way to run the receiver as its own process.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ReceivedMail } from './server';

export interface SmtpReceiverClient {
  messages(to?: string): Promise<ReceivedMail[]>;
  /** Waits (polling) until a message to `to` matching `match` has arrived; the newest such message. */
  waitFor(to: string, match?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  reset(): Promise<void>;
  /** The next `times` messages are refused with 451 (a temporary failure). */
  failNext(times: number): Promise<void>;
}

export function smtpReceiverClient(httpOrigin: string): SmtpReceiverClient {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${httpOrigin}/__smtp/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`smtp-receiver ${method} ${path}: ${res.status}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const messages = async (to?: string) =>
    (await call('GET', `messages${to ? `?to=${encodeURIComponent(to)}` : ''}`)).messages as ReceivedMail[];
  return {
    messages,
    waitFor: async (to, match = () => true, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await messages(to)).filter(match).at(-1);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no email to ${to} arrived within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    reset: async () => void (await call('POST', 'reset')),
    failNext: async (times) => void (await call('POST', 'fail', { times })),
  };
}

export interface SmtpReceiverProcess extends SmtpReceiverClient {
  smtpPort: number;
  httpOrigin: string;
  stop(): Promise<void>;
}

/** Starts the receiver as a child process on loopback (free ports) and answers once it listens. */
export async function spawnSmtpReceiver(): Promise<SmtpReceiverProcess> {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', tsx, cli], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise<{ smtpPort: number; httpOrigin: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.includes('"ready"'));
      if (line) resolve(JSON.parse(line) as { smtpPort: number; httpOrigin: string });
    });
    child.once('exit', (code) => reject(new Error(`smtp-receiver exited with ${code} before it was ready`)));
  });
  return {
    ...ready,
    ...smtpReceiverClient(ready.httpOrigin),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
