import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { emailOutbox } from '../../db/schema/index';
import type { RenderedEmail } from './templates';

/*
 * The outbox is the platform's, not a tenant's: a message may be about an account (accountId) but is written and
 * sent by the product itself, so these queries take no TenantContext.
 */

export async function insertOutboxEmail(
  db: Db,
  to: string,
  email: RenderedEmail,
  accountId: string | null,
): Promise<string> {
  const [row] = await db
    .insert(emailOutbox)
    .values({ to, accountId, template: email.template, subject: email.subject, text: email.text, html: email.html })
    .returning({ id: emailOutbox.id });
  return row!.id;
}

export async function getOutboxEmail(db: Db, id: string) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row;
}

/** Counts an attempt on a queued message; undefined when it is no longer queued (sent or given up). */
export async function beginAttempt(db: Db, id: string) {
  const [row] = await db
    .update(emailOutbox)
    .set({ attempts: sql`${emailOutbox.attempts} + 1` })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'queued')))
    .returning();
  return row;
}

/** Sent, or failed for good: the bodies (one-time links) go, the record stays. */
export async function finishOutboxEmail(db: Db, id: string, outcome: { status: 'sent' | 'failed'; error?: string }) {
  await db
    .update(emailOutbox)
    .set({
      status: outcome.status,
      text: '',
      html: '',
      lastError: outcome.error ?? null,
      sentAt: outcome.status === 'sent' ? new Date() : null,
    })
    .where(eq(emailOutbox.id, id));
}

export async function recordOutboxError(db: Db, id: string, error: string) {
  await db.update(emailOutbox).set({ lastError: error }).where(eq(emailOutbox.id, id));
}
