// Standalone receiver, a process of its own: `npx tsx e2e/smtp-receiver/cli.ts`.
// Env: SMTP_RECEIVER_PORT (SMTP, default 0 = any free port), SMTP_RECEIVER_HTTP_PORT (control, default 0),
// SMTP_RECEIVER_HOST (default 127.0.0.1). Prints one JSON line with both ports when ready.
import { startSmtpReceiver } from './server';

const receiver = await startSmtpReceiver({
  host: process.env.SMTP_RECEIVER_HOST ?? '127.0.0.1',
  smtpPort: Number(process.env.SMTP_RECEIVER_PORT ?? 0),
  httpPort: Number(process.env.SMTP_RECEIVER_HTTP_PORT ?? 0),
});
console.log(JSON.stringify({ ready: true, smtpPort: receiver.smtpPort, httpOrigin: receiver.httpOrigin }));

const stop = () => void receiver.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
