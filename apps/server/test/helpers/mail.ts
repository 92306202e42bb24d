import type { ReceivedMail, SmtpReceiverProcess } from '@igny8/e2e/smtp-receiver';
import type { Config } from '../../src/config';

export const PUBLIC_URL = 'http://igny8.test';

/** Config overrides that send email to the receiver process (plain SMTP on loopback). */
export function smtpTo(receiver: SmtpReceiverProcess, overrides: Partial<Config> = {}): Partial<Config> {
  return {
    PUBLIC_URL,
    smtp: {
      transport: { host: '127.0.0.1', port: receiver.smtpPort, secure: false },
      from: 'igny8 <no-reply@igny8.test>',
    },
    emailVerificationDefault: true,
    ...overrides,
  };
}

/** The path and token of the product link in an email (`/reset-password/<token>`), checked in both parts. */
export function linkIn(mail: ReceivedMail, page: string): { url: string; token: string } {
  const re = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/${page}/([A-Za-z0-9_-]+)`);
  const text = mail.text.match(re);
  const html = mail.html.match(re);
  if (!text || !html || text[1] !== html[1]) throw new Error(`no ${page} link in both parts of "${mail.subject}"`);
  return { url: text[0], token: text[1]! };
}
