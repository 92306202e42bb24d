// A real SMTP server (the `smtp-server` package) that keeps what it receives, parsed with `mailparser`, and
// shows it over a small HTTP control API. For tests only: NEVER import from product code.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** envelope recipients, as the server was told them (RCPT TO) */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
}

export interface SmtpReceiver {
  smtpPort: number;
  /** http://127.0.0.1:PORT, for the /__smtp/* control routes */
  httpOrigin: string;
  messages: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(
  opts: { host?: string; smtpPort?: number; httpPort?: number } = {},
): Promise<SmtpReceiver> {
  const host = opts.host ?? '127.0.0.1';
  const messages: ReceivedMail[] = [];
  /** refuse this many messages with a temporary error (451), to exercise the sender's retries */
  let failNext = 0;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, cb) => cb(null, { user: 'test' }),
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failNext > 0) {
          failNext--;
          const err = Object.assign(new Error('Try again later (test receiver told to refuse)'), { responseCode: 451 });
          return cb(err);
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              receivedAt: new Date().toISOString(),
            });
            cb();
          })
          .catch((e: Error) => cb(e));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(opts.smtpPort ?? 0, host, () => resolve());
  });

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    void (async () => {
      if (req.method === 'GET' && url.pathname === '/__smtp/health') return json(res, 200, { status: 'ok' });
      if (req.method === 'GET' && url.pathname === '/__smtp/messages') {
        const to = url.searchParams.get('to')?.toLowerCase();
        return json(res, 200, {
          messages: to ? messages.filter((m) => m.to.some((a) => a.toLowerCase() === to)) : messages,
        });
      }
      if (req.method === 'POST' && url.pathname === '/__smtp/reset') {
        messages.length = 0;
        failNext = 0;
        return json(res, 200, { ok: true });
      }
      if (req.method === 'POST' && url.pathname === '/__smtp/fail') {
        failNext = Number((await readBody(req)).times ?? 1);
        return json(res, 200, { ok: true });
      }
      json(res, 404, { error: 'not found' });
    })().catch((e: Error) => json(res, 500, { error: e.message }));
  });
  await new Promise<void>((resolve) => http.listen(opts.httpPort ?? 0, host, () => resolve()));

  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    httpOrigin: `http://${host}:${(http.address() as AddressInfo).port}`,
    messages,
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
