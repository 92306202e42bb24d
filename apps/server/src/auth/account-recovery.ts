import type { EmailRequestAccepted, SignupPending } from '@igny8/contracts';
import { eq } from 'drizzle-orm';
import type { Actor, Origin } from '../access/context';
import type { Config } from '../config';
import type { Database, Db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { users } from '../db/schema/index';
import { AppError } from '../http/errors';
import { findUserByEmail, findUserById, insertAccountWithOwner } from '../modules/accounts/repo';
import { assertCanSignUp, signup } from '../modules/accounts/service';
import { platformScope, record, type AuditWho } from '../modules/audit/service';
import type { Mailer } from '../modules/email/service';
import {
  emailVerificationEmail,
  passwordChangedEmail,
  passwordResetEmail,
  signupExistingEmail,
} from '../modules/email/templates';
import { getPlatformSettings, type PlatformDefaults } from '../modules/platform/repo';
import type { LoginLimit } from './login-limit';
import { issueOneTimeToken, peekOneTimeToken, spendOneTimeToken } from './one-time-tokens';
import { assertStrongPassword, hashPassword } from './passwords';
import { userTarget, type AuthService, type IssuedSession } from './service';
import type { Sessions } from './sessions';

const invalidReset = () =>
  new AppError(400, 'reset_invalid', 'This password-reset link is invalid, used or expired: ask for a new one');
const invalidVerification = () =>
  new AppError(400, 'verification_invalid', 'This confirmation link is invalid, used or expired: ask for a new one');

export interface AccountRecoveryDeps {
  database: Database;
  config: Config;
  auth: AuthService;
  sessions: Sessions;
  mailer: Mailer;
  /** Counts "send me a link" requests per address and per email, apart from sign-ins. */
  requestLimit: LoginLimit;
  platformDefaults: PlatformDefaults;
  now: () => Date;
}

const anonymous = (email: string, origin: Origin): AuditWho => ({ userId: null, email, via: 'anonymous', origin });

/**
 * Sign-up with email verification, forgotten and changed passwords. Every "send me a link" answer is the same
 * whether or not the email has a user; what differs happens only in the mailbox of the address's owner.
 */
export class AccountRecovery {
  private readonly db: Db;

  constructor(private readonly deps: AccountRecoveryDeps) {
    this.db = deps.database.db;
  }

  private ttlMs(kind: 'reset' | 'verify'): number {
    const c = this.deps.config;
    return kind === 'reset' ? c.PASSWORD_RESET_TTL_MINUTES * 60_000 : c.EMAIL_VERIFICATION_TTL_HOURS * 3_600_000;
  }

  /**
   * Self-service sign-up. With verification off (no SMTP) the person is signed in at once, as before. With it on,
   * the answer is always "check your email": a new address gets a confirmation link, an address that already has a
   * user gets a note saying so — and whoever typed it learns nothing.
   */
  async signup(
    body: { email: string; password: string; name: string; accountName: string },
    origin: Origin,
  ): Promise<IssuedSession | SignupPending> {
    const { database, mailer, platformDefaults } = this.deps;
    if (!(await getPlatformSettings(this.db, platformDefaults)).emailVerification) {
      return this.deps.auth.issue(await signup(this.db, platformDefaults, body), origin);
    }
    await assertCanSignUp(this.db, platformDefaults);
    assertStrongPassword(body.password, [body.email, body.name, body.accountName]);
    await this.deps.requestLimit.begin(origin.ip, body.email);
    // Hashed either way, so a known address costs the same time as a new one.
    const passwordHash = await hashPassword(body.password);
    const existing = signupExistingEmail({
      loginUrl: mailer.link('/login'),
      resetUrl: mailer.link('/forgot-password'),
    });
    const toExisting = () => database.transaction((tx) => mailer.send(tx, body.email, existing));
    try {
      await database.transaction(async (tx) => {
        if (await findUserByEmail(tx.db, body.email)) return void (await mailer.send(tx, body.email, existing));
        const userId = await insertAccountWithOwner(tx.db, { ...body, passwordHash }, false, null);
        const token = await issueOneTimeToken(tx.db, userId, 'email_verify', this.ttlMs('verify'), this.deps.now());
        const hours = this.deps.config.EMAIL_VERIFICATION_TTL_HOURS;
        await mailer.send(
          tx,
          body.email,
          emailVerificationEmail({ name: body.name, url: mailer.link(`/verify-email/${token}`), hours }),
        );
      });
    } catch (e) {
      // Two sign-ups with one address at once: the second is an existing address.
      if (!isUniqueViolation(e)) throw e;
      await toExisting();
    }
    return { verificationRequired: true, emailConfigured: mailer.configured };
  }

  async resendVerification(email: string, origin: Origin): Promise<EmailRequestAccepted> {
    const { database, mailer } = this.deps;
    await this.deps.requestLimit.begin(origin.ip, email);
    const user = await findUserByEmail(this.db, email);
    if (user?.active && user.passwordHash && !user.emailVerifiedAt && mailer.configured) {
      await database.transaction(async (tx) => {
        const token = await issueOneTimeToken(tx.db, user.id, 'email_verify', this.ttlMs('verify'), this.deps.now());
        const hours = this.deps.config.EMAIL_VERIFICATION_TTL_HOURS;
        await mailer.send(
          tx,
          user.email,
          emailVerificationEmail({ name: user.name, url: mailer.link(`/verify-email/${token}`), hours }),
        );
      });
    }
    return { emailConfigured: mailer.configured };
  }

  async verifyEmail(token: string, origin: Origin): Promise<void> {
    await this.deps.database.transaction(async (tx) => {
      const userId = await spendOneTimeToken(tx.db, token, 'email_verify', this.deps.now());
      if (!userId) throw invalidVerification();
      const [user] = await tx.db
        .update(users)
        .set({ emailVerifiedAt: this.deps.now() })
        .where(eq(users.id, userId))
        .returning();
      await record(tx.db, platformScope(anonymous(user!.email, origin)), {
        action: 'auth.email_verified',
        target: userTarget(user!),
      });
    });
  }

  /** Sends a single-use reset link (only the newest works) to an active user; answers the same for any address. */
  async forgotPassword(email: string, origin: Origin): Promise<EmailRequestAccepted> {
    const { database, mailer } = this.deps;
    await this.deps.requestLimit.begin(origin.ip, email);
    const user = await findUserByEmail(this.db, email);
    if (user?.active && mailer.configured) {
      await database.transaction(async (tx) => {
        const token = await issueOneTimeToken(tx.db, user.id, 'password_reset', this.ttlMs('reset'), this.deps.now());
        const minutes = this.deps.config.PASSWORD_RESET_TTL_MINUTES;
        await mailer.send(
          tx,
          user.email,
          passwordResetEmail({ name: user.name, url: mailer.link(`/reset-password/${token}`), minutes }),
        );
        await record(tx.db, platformScope(anonymous(email, origin)), {
          action: 'auth.password_reset_requested',
          target: userTarget(user),
        });
      });
    }
    return { emailConfigured: mailer.configured };
  }

  /** A new password from a reset link: spends the link, verifies the email (it reached its owner), ends every session. */
  async resetPassword(body: { token: string; password: string }, origin: Origin): Promise<void> {
    const now = this.deps.now();
    const pending = await peekOneTimeToken(this.db, body.token, 'password_reset', now);
    const user = pending && (await findUserById(this.db, pending.userId));
    if (!user?.active) throw invalidReset();
    assertStrongPassword(body.password, [user.email, user.name]);
    const passwordHash = await hashPassword(body.password);
    await this.deps.database.transaction(async (tx) => {
      if (!(await spendOneTimeToken(tx.db, body.token, 'password_reset', now))) throw invalidReset();
      await tx.db
        .update(users)
        .set({ passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now })
        .where(eq(users.id, user.id));
      await this.deps.sessions.revokeUser(user.id, tx.db);
      await record(tx.db, platformScope(anonymous(user.email, origin)), {
        action: 'auth.password_reset',
        target: userTarget(user),
      });
      await this.deps.mailer.send(tx, user.email, passwordChangedEmail({ name: user.name, how: 'reset' }));
    });
  }

  /** Change in the profile: the current password first (under the sign-in limit); every other session ends. */
  async changePassword(actor: Actor, body: { currentPassword: string; newPassword: string }): Promise<void> {
    const user = await findUserById(this.db, actor.userId);
    if (!user) throw new AppError(401, 'auth_invalid', 'Your session token is not valid');
    if (!(await this.deps.auth.checkPassword(user.email, body.currentPassword, actor.origin, false))) {
      throw new AppError(403, 'password_incorrect', 'Your current password is not right', [
        { path: 'body.currentPassword', message: 'not right' },
      ]);
    }
    assertStrongPassword(body.newPassword, [user.email, user.name]);
    const passwordHash = await hashPassword(body.newPassword);
    await this.deps.database.transaction(async (tx) => {
      await tx.db.update(users).set({ passwordHash }).where(eq(users.id, user.id));
      await this.deps.sessions.revokeUserExcept(user.id, actor.familyId, tx.db);
      await record(tx.db, platformScope(actor), { action: 'auth.password_changed', target: userTarget(user) });
      await this.deps.mailer.send(tx, user.email, passwordChangedEmail({ name: user.name, how: 'changed' }));
    });
  }
}
