/**
 * Email through a real SMTP server: the receiver runs as its own process on loopback (e2e/smtp-receiver), the
 * app's worker sends from the outbox over SMTP with nodemailer, and the tests read what arrived.
 */
import { spawnSmtpReceiver, type SmtpReceiverProcess } from '@igny8/e2e/smtp-receiver';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../src/db/schema/index';
import { EMAIL_MAX_ATTEMPTS } from '../src/modules/email/service';
import { accountIdOf, acceptInvite, bearer, setupPlatform, signup, testApp, type TestApp } from './helpers/app';
import { linkIn, smtpTo } from './helpers/mail';

let receiver: SmtpReceiverProcess;
let t: TestApp;

beforeAll(async () => {
  receiver = await spawnSmtpReceiver();
  // Verification off here so sign-up signs in at once (email-verification.test.ts covers it on).
  t = await testApp(smtpTo(receiver, { emailVerificationDefault: false }), { runtime: { worker: true } });
  await setupPlatform(t.app);
});
afterAll(async () => {
  await t?.close();
  await receiver?.stop();
});

describe('invitations by email', () => {
  it('sends the invitation with text and HTML parts; the admin gets no link, the invited person joins through the emailed one', async () => {
    const owner = await signup(t.app, 'owner@mail.test', 'Mail Co');
    const accountId = accountIdOf(owner);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/members`,
      headers: bearer(owner),
      payload: { email: 'newbie@mail.test', role: 'editor' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ emailSent: true, inviteUrl: null });

    const mail = await receiver.waitFor('newbie@mail.test');
    expect(mail.subject).toBe('You are invited to Mail Co on igny8');
    expect(mail.from).toBe('no-reply@igny8.test');
    expect(mail.text).toContain('invited you to join Mail Co on igny8 as editor');
    expect(mail.html).toContain('<a href="http://igny8.test/invite/');
    const { token } = linkIn(mail, 'invite');
    const joined = await acceptInvite(t.app, token, 'newbie@mail.test');
    expect(joined.auth.memberships.map((m) => m.accountName)).toEqual(['Mail Co']);
    expect(joined.auth.user.emailVerified).toBe(true); // the link reached the address

    // The outbox keeps the record, not the one-time link.
    const [row] = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'newbie@mail.test'));
    expect(row).toMatchObject({ status: 'sent', attempts: 1, text: '', html: '', template: 'invitation', accountId });
  });

  it('retries a refused delivery with backoff until the server takes it', async () => {
    const owner = await signup(t.app, 'owner2@mail.test', 'Retry Co');
    await receiver.failNext(1);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountIdOf(owner)}/members`,
      headers: bearer(owner),
      payload: { email: 'patient@mail.test', role: 'viewer' },
    });
    expect(res.statusCode).toBe(201);
    const mail = await receiver.waitFor('patient@mail.test', undefined, 40_000);
    expect(mail.subject).toContain('Retry Co');
    const [row] = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'patient@mail.test'));
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row!.lastError).toBeNull();
    expect(EMAIL_MAX_ATTEMPTS).toBeGreaterThan(2);
  }, 60_000);
});

describe('without SMTP', () => {
  it('keeps the copy-the-link invitation and says no email was sent; forgot-password answers that no email goes out', async () => {
    const plain = await testApp();
    try {
      await setupPlatform(plain.app);
      const owner = await signup(plain.app, 'owner@nomail.test');
      const res = await plain.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${accountIdOf(owner)}/members`,
        headers: bearer(owner),
        payload: { email: 'friend@nomail.test', role: 'viewer' },
      });
      expect(res.json()).toMatchObject({
        emailSent: false,
        inviteUrl: expect.stringMatching(/^\/invite\/[\w-]{20,}$/),
      });
      const forgot = await plain.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/forgot',
        payload: { email: 'owner@nomail.test' },
      });
      expect(forgot.statusCode).toBe(202);
      expect(forgot.json()).toEqual({ emailConfigured: false });
      expect(await plain.database.db.select().from(emailOutbox)).toEqual([]);
      expect((await plain.app.inject({ url: '/api/v1/setup/status' })).json()).toMatchObject({
        emailConfigured: false,
      });
    } finally {
      await plain.close();
    }
  });
});
