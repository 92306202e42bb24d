import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginAttempts } from '../db/schema/index';
import { AppError } from '../http/errors';

export interface LoginLimitSettings {
  perIp: number;
  perEmail: number;
  windowSeconds: number;
  /** Counters of another kind of attempt (e.g. `reset:` for password-reset requests) kept apart from sign-ins. */
  keyPrefix?: string;
}

/**
 * Two limits on failed sign-ins, per client address and per email, so neither spraying one account from many
 * addresses nor many accounts from one address works. The counters live in the database, so every API process
 * enforces the same limit.
 *
 * An attempt is counted before the password is checked (one atomic upsert per key), so a burst of parallel
 * guesses cannot all slip under the limit; a successful sign-in then takes its own attempt back from the
 * address and clears the email's count. What remains are failures only.
 */
/** 429 with the seconds until the window that refused the attempt ends (the route's Retry-After header). */
export class LoginRefused extends AppError {
  constructor(
    readonly retryAfter: number,
    what: string,
  ) {
    super(429, 'rate_limited', `Too many failed sign-ins ${what}. Try again in ${humanWait(retryAfter)}.`);
  }
}

export class LoginLimit {
  constructor(
    private readonly db: Db,
    private readonly settings: LoginLimitSettings,
  ) {}

  private key(kind: 'ip' | 'email', value: string): string {
    return `${this.settings.keyPrefix ?? ''}${kind}:${value}`;
  }

  /** Counts an attempt for both keys; throws LoginRefused when either is over its limit. */
  async begin(ip: string, email: string): Promise<void> {
    const window = sql`make_interval(secs => ${this.settings.windowSeconds})`;
    const expired = sql`${loginAttempts.windowStartedAt} <= now() - ${window}`;
    const rows = await this.db
      .insert(loginAttempts)
      .values([
        { key: this.key('ip', ip), windowStartedAt: sql`now()`, failures: 1 },
        { key: this.key('email', email), windowStartedAt: sql`now()`, failures: 1 },
      ])
      .onConflictDoUpdate({
        target: loginAttempts.key,
        set: {
          failures: sql`case when ${expired} then 1 else ${loginAttempts.failures} + 1 end`,
          windowStartedAt: sql`case when ${expired} then now() else ${loginAttempts.windowStartedAt} end`,
        },
      })
      .returning({
        key: loginAttempts.key,
        failures: loginAttempts.failures,
        retryAfter: sql<number>`ceil(extract(epoch from ${loginAttempts.windowStartedAt} + ${window} - now()))::int`,
      });
    for (const [key, max, what] of [
      [this.key('ip', ip), this.settings.perIp, 'from this address'],
      [this.key('email', email), this.settings.perEmail, 'for this email'],
    ] as const) {
      const row = rows.find((r) => r.key === key);
      if (row && row.failures > max) {
        throw new LoginRefused(Math.max(1, row.retryAfter), what);
      }
    }
  }

  /** The attempt succeeded: it was no failure, and the email starts afresh. Also drops counters that expired. */
  async succeeded(ip: string, email: string): Promise<void> {
    await this.db
      .update(loginAttempts)
      .set({ failures: sql`greatest(${loginAttempts.failures} - 1, 0)` })
      .where(eq(loginAttempts.key, this.key('ip', ip)));
    await this.db.delete(loginAttempts).where(eq(loginAttempts.key, this.key('email', email)));
    // Skip rows other sign-ins hold: cleanup never waits on (or deadlocks with) a live attempt.
    const window = sql`make_interval(secs => ${this.settings.windowSeconds})`;
    await this.db.execute(sql`
      delete from ${loginAttempts} where ${loginAttempts.key} in (
        select ${loginAttempts.key} from ${loginAttempts}
        where ${loginAttempts.windowStartedAt} <= now() - ${window}
        limit 500 for update skip locked)`);
  }
}

function humanWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
