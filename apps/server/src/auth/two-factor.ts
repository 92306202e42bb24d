import type { RecoveryCodes, TwoFactorSetup, TwoFactorStatus } from '@igny8/contracts';
import { and, count, eq, isNull, lt, or } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../access/context';
import type { Db } from '../db/client';
import { recoveryCodes, users } from '../db/schema/index';
import { AppError, conflict } from '../http/errors';
import { platformScope, record } from '../modules/audit/service';
import { SecretBox } from '../modules/integrations/secrets';
import { userTarget } from './service';
import { hashToken } from './tokens';

const PERIOD = 30;
const RECOVERY_CODES = 10;
const invalidCode = () => new AppError(400, 'two_factor_invalid', 'That code is not right, or was already used');

type UserRow = typeof users.$inferSelect;

/** Ten characters of base32 in two groups (50 random bits), easy to type from paper. */
function newRecoveryCode(): string {
  const s = new Secret({ buffer: randomBytes(7).buffer }).base32.slice(0, 10).toLowerCase();
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}
const normalizeRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/[\s-]/g, '');

/**
 * TOTP two-factor sign-in (RFC 6238 via `otpauth`: SHA-1, 6 digits, 30 s, one step of clock drift either way).
 * The secret is sealed with APP_SECRET like provider keys. A code is accepted once: the accepted time step is
 * remembered and an equal or older step is refused. Recovery codes are stored as SHA-256 hashes, each good once.
 * `now` is injectable so tests run on a fixed clock.
 */
export class TwoFactor {
  private readonly box: SecretBox;

  constructor(
    private readonly db: Db,
    appSecret: string,
    private readonly now: () => Date,
  ) {
    this.box = new SecretBox(appSecret);
  }

  private totp(user: { email: string }, secret: Secret | string): TOTP {
    return new TOTP({
      issuer: 'igny8',
      label: user.email,
      algorithm: 'SHA1',
      digits: 6,
      period: PERIOD,
      secret: typeof secret === 'string' ? Secret.fromBase32(secret) : secret,
    });
  }

  async status(userId: string): Promise<TwoFactorStatus> {
    const [u] = await this.db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
    const [left] = await this.db
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    return { enabled: Boolean(u?.enabledAt), recoveryCodesLeft: u?.enabledAt ? (left?.n ?? 0) : 0 };
  }

  /** A new secret, kept until `enable` proves the app has it (a later setup replaces it). */
  async setup(user: UserRow): Promise<TwoFactorSetup> {
    if (user.totpEnabledAt)
      throw conflict('conflict', 'Two-factor sign-in is already on: turn it off first to set up a new app');
    const secret = new Secret({ size: 20 });
    await this.db
      .update(users)
      .set({ totpSecret: this.box.seal(secret.base32), totpLastStep: null })
      .where(eq(users.id, user.id));
    const otpauthUrl = this.totp(user, secret).toString();
    const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { secret: secret.base32, otpauthUrl, qrSvg };
  }

  async enable(user: UserRow, code: string, actor: Actor): Promise<RecoveryCodes> {
    if (user.totpEnabledAt) throw conflict('conflict', 'Two-factor sign-in is already on');
    if (!user.totpSecret) throw conflict('conflict', 'Start the setup first: there is no secret to confirm');
    return this.db.transaction(async (tx) => {
      if (!(await this.acceptCode(tx, user, code))) throw invalidCode();
      await tx.update(users).set({ totpEnabledAt: this.now() }).where(eq(users.id, user.id));
      const codes = await this.replaceRecoveryCodes(tx, user.id);
      await record(tx, platformScope(actor), { action: 'auth.two_factor_enabled', target: userTarget(user) });
      return { recoveryCodes: codes };
    });
  }

  async disable(user: UserRow, code: string, actor: Actor): Promise<void> {
    if (!user.totpEnabledAt) throw conflict('conflict', 'Two-factor sign-in is not on');
    await this.db.transaction(async (tx) => {
      if (!(await this.acceptCode(tx, user, code))) throw invalidCode();
      await tx
        .update(users)
        .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
        .where(eq(users.id, user.id));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
      await record(tx, platformScope(actor), { action: 'auth.two_factor_disabled', target: userTarget(user) });
    });
  }

  async regenerateRecoveryCodes(user: UserRow, actor: Actor): Promise<RecoveryCodes> {
    if (!user.totpEnabledAt) throw conflict('conflict', 'Two-factor sign-in is not on');
    return this.db.transaction(async (tx) => {
      const codes = await this.replaceRecoveryCodes(tx, user.id);
      await record(tx, platformScope(actor), { action: 'auth.recovery_codes_regenerated', target: userTarget(user) });
      return { recoveryCodes: codes };
    });
  }

  /** The second step of a sign-in: a current code from the app, or an unused recovery code (spent here). */
  async verifyLogin(
    db: Db,
    user: UserRow,
    proof: { code?: string; recoveryCode?: string },
  ): Promise<'code' | 'recovery_code' | null> {
    if (!user.totpEnabledAt) return null;
    if (proof.code) return (await this.acceptCode(db, user, proof.code)) ? 'code' : null;
    if (!proof.recoveryCode) return null;
    const spent = await db
      .update(recoveryCodes)
      .set({ usedAt: this.now() })
      .where(
        and(
          eq(recoveryCodes.userId, user.id),
          eq(recoveryCodes.codeHash, hashToken(normalizeRecoveryCode(proof.recoveryCode))),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    return spent.length > 0 ? 'recovery_code' : null;
  }

  /** Checks a TOTP code at `now` and records its time step, refusing a step already used (a replayed code). */
  private async acceptCode(db: Db, user: UserRow, code: string): Promise<boolean> {
    if (!user.totpSecret) return false;
    const at = this.now().getTime();
    const delta = this.totp(user, this.box.open(user.totpSecret)).validate({
      token: code.trim(),
      timestamp: at,
      window: 1,
    });
    if (delta === null) return false;
    const step = Math.floor(at / 1000 / PERIOD) + delta;
    const claimed = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return claimed.length > 0;
  }

  private async replaceRecoveryCodes(db: Db, userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await db
      .insert(recoveryCodes)
      .values(codes.map((c) => ({ userId, codeHash: hashToken(normalizeRecoveryCode(c)) })));
    return codes;
  }
}
