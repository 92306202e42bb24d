import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db, Transaction } from '../../db/client';
import type { TaskQueue } from '../../jobs/queue';
import * as repo from './repo';
import type { RenderedEmail } from './templates';

/** Email has its own pg-boss queue beside the task kinds: a job per outbox row. */
export const EMAIL_QUEUE = 'email.send';
const emailJobSchema = z.object({ outboxId: z.uuid() });
/** pg-boss retries a failed send this many times, with exponential backoff from RETRY_DELAY seconds. */
const RETRY_LIMIT = 5;
const RETRY_DELAY_SECONDS = 5;
export const EMAIL_MAX_ATTEMPTS = RETRY_LIMIT + 1;

/**
 * Email delivery through an outbox: `send` writes the message and its job in the caller's transaction (so an
 * email exists exactly when the change that caused it does); a worker's job delivers it over SMTP with nodemailer
 * and retries with backoff. With no SMTP configured nothing is written and `send` answers false, so callers say
 * that no email went out.
 */
export class Mailer {
  private transport: Transporter | undefined;

  constructor(
    private readonly config: Config,
    private readonly db: Db,
    private readonly queue: TaskQueue,
    private readonly log: FastifyBaseLogger,
  ) {}

  get configured(): boolean {
    return this.config.smtp !== null;
  }

  /** The public URL of a page of the web app, for links in emails (PUBLIC_URL is required with SMTP). */
  link(path: string): string {
    return `${(this.config.PUBLIC_URL ?? '').replace(/\/$/, '')}${path}`;
  }

  /** Creates the queue; before any transaction sends to it (Runtime.start, under the queue lock). */
  async prepare(): Promise<void> {
    await this.queue.ensureModuleQueue(EMAIL_QUEUE, { retryLimit: RETRY_LIMIT, retryDelay: RETRY_DELAY_SECONDS });
  }

  /** Takes email jobs in this process (worker mode). */
  async work(): Promise<void> {
    await this.queue.workJob(EMAIL_QUEUE, emailJobSchema, (job) => this.deliver(job.outboxId));
  }

  /** Queues `email` to `to` inside `tx`; false (and nothing written) when no SMTP is configured. */
  async send(tx: Transaction, to: string, email: RenderedEmail, accountId: string | null = null): Promise<boolean> {
    if (!this.configured) return false;
    const outboxId = await repo.insertOutboxEmail(tx.db, to, email, accountId);
    await this.queue.sendJob(EMAIL_QUEUE, emailJobSchema, { outboxId }, tx);
    return true;
  }

  /** One delivery attempt. Throws to have pg-boss retry; the last attempt marks the message failed instead. */
  async deliver(outboxId: string): Promise<void> {
    const row = await repo.beginAttempt(this.db, outboxId);
    if (!row) return; // sent already (a duplicate delivery of the job) or given up
    const smtp = this.config.smtp;
    if (!smtp) {
      await repo.finishOutboxEmail(this.db, outboxId, {
        status: 'failed',
        error: 'No SMTP server is configured on this worker',
      });
      return;
    }
    try {
      this.transport ??= nodemailer.createTransport(smtp.transport as never);
      await this.transport.sendMail({
        from: smtp.from,
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
      });
      await repo.finishOutboxEmail(this.db, outboxId, { status: 'sent' });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      if (row.attempts >= EMAIL_MAX_ATTEMPTS) {
        this.log.error({ outboxId, template: row.template, error }, 'email could not be sent: giving up');
        await repo.finishOutboxEmail(this.db, outboxId, { status: 'failed', error });
        return;
      }
      this.log.warn(
        { outboxId, template: row.template, attempt: row.attempts, error },
        'email not sent yet: will retry',
      );
      await repo.recordOutboxError(this.db, outboxId, error);
      throw e;
    }
  }

  close(): void {
    this.transport?.close();
  }
}
