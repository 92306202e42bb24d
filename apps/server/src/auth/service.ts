import type { AuthResponse, InviteDetails, Me, TwoFactorChallenge } from '@igny8/contracts';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Origin } from '../access/context';
import { isPlatformOperator } from '../access/lookup';
import type { Database, Db } from '../db/client';
import { accounts, memberships, userTokens, users } from '../db/schema/index';
import { AppError } from '../http/errors';
import { findUserByEmail, findUserById, membershipsOf } from '../modules/accounts/repo';
import { record, type AuditWho } from '../modules/audit/service';
import { getPlatformSettings, type PlatformDefaults } from '../modules/platform/repo';
import type { LoginLimit } from './login-limit';
import { issueOneTimeToken, peekOneTimeToken, spendOneTimeToken } from './one-time-tokens';
import { assertStrongPassword, dummyHash, hashPassword, verifyPassword } from './passwords';
import type { Sessions } from './sessions';
import { hashToken, type AccessTokens } from './tokens';
import type { TwoFactor } from './two-factor';

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

const invalidCredentials = () => new AppError(401, 'auth_invalid', 'Email or password is incorrect');
const invalidInvite = () =>
  new AppError(400, 'invite_invalid', 'This invitation link is invalid, used, withdrawn or expired');
const invalidChallenge = () =>
  new AppError(400, 'challenge_invalid', 'This sign-in step expired: enter your email and password again');
/** How long the second step of a two-factor sign-in may take. */
const CHALLENGE_TTL_SECONDS = 300;

export interface IssuedSession {
  response: AuthResponse;
  refreshToken: string;
}

export interface AuthServiceDeps {
  database: Database;
  tokens: AccessTokens;
  sessions: Sessions;
  loginLimit: LoginLimit;
  twoFactor: TwoFactor;
  platformDefaults: PlatformDefaults;
  now: () => Date;
}

export const whoSignsIn = (user: { id: string; email: string }, origin: Origin): AuditWho => ({
  userId: user.id,
  email: user.email,
  via: 'session',
  origin,
});

export class AuthService {
  private readonly db: Db;

  constructor(private readonly deps: AuthServiceDeps) {
    this.db = deps.database.db;
  }

  /** `known`: the user row when the caller has just read it. */
  async me(userId: string, known?: UserRow): Promise<Me> {
    const user = known ?? (await findUserById(this.db, userId));
    if (!user) throw new AppError(401, 'auth_invalid', 'Your session token is not valid');
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        isDeveloper: user.isDeveloper,
        active: user.active,
        emailVerified: user.emailVerifiedAt !== null,
        twoFactorEnabled: user.totpEnabledAt !== null,
      },
      memberships: await membershipsOf(this.db, user.id),
      platformOperator: await isPlatformOperator(this.db, user),
    };
  }

  /** A new session (refresh-token family) for a user who just proved who they are. */
  async issue(userId: string, origin: Origin | null): Promise<IssuedSession> {
    const { refreshToken, familyId } = await this.deps.sessions.begin(userId, origin);
    return { response: await this.respond(userId, familyId), refreshToken };
  }

  /**
   * First step of signing in. A user with two-factor on gets a one-time challenge instead of a session; the
   * code goes with it to `loginTwoFactor`. `origin.ip`: the client address the failure limit counts (TRUST_PROXY).
   */
  async login(email: string, password: string, origin: Origin): Promise<IssuedSession | TwoFactorChallenge> {
    const user = await this.checkPassword(email, password, origin);
    if (!user) throw invalidCredentials();
    if (!user.active) throw new AppError(403, 'user_inactive', 'Your user has been deactivated');
    await this.assertVerified(user);
    if (user.totpEnabledAt) {
      const challenge = await issueOneTimeToken(
        this.db,
        user.id,
        'two_factor_login',
        CHALLENGE_TTL_SECONDS * 1000,
        this.deps.now(),
      );
      return { twoFactorRequired: true, challenge, expiresIn: CHALLENGE_TTL_SECONDS };
    }
    await record(
      this.db,
      { accountId: null, who: whoSignsIn(user, origin) },
      { action: 'auth.signed_in', target: userTarget(user) },
    );
    return this.issue(user.id, origin);
  }

  /** Second step: the challenge from `login` and a code from the app (or a recovery code), under the sign-in limit. */
  async loginTwoFactor(
    body: { challenge: string; code?: string; recoveryCode?: string },
    origin: Origin,
  ): Promise<IssuedSession> {
    const now = this.deps.now();
    const pending = await peekOneTimeToken(this.db, body.challenge, 'two_factor_login', now);
    if (!pending) throw invalidChallenge();
    const user = await findUserById(this.db, pending.userId);
    if (!user?.active) throw invalidChallenge();
    // Codes are short: guesses count against the same limits as passwords.
    await this.deps.loginLimit.begin(origin.ip, user.email);
    const who = whoSignsIn(user, origin);
    const verified = await this.deps.database.transaction(async (tx) => {
      const how = await this.deps.twoFactor.verifyLogin(tx.db, user, body);
      if (!how) return null;
      if (!(await spendOneTimeToken(tx.db, body.challenge, 'two_factor_login', now))) throw invalidChallenge();
      if (how === 'recovery_code')
        await record(tx.db, { accountId: null, who }, { action: 'auth.recovery_code_used', target: userTarget(user) });
      await record(
        tx.db,
        { accountId: null, who },
        { action: 'auth.signed_in', target: userTarget(user), details: { twoFactor: how } },
      );
      return how;
    });
    if (!verified) {
      await record(
        this.db,
        { accountId: null, who },
        { action: 'auth.sign_in_failed', target: userTarget(user), details: { reason: 'two_factor_code' } },
      );
      throw new AppError(400, 'two_factor_invalid', 'That code is not right, or was already used');
    }
    await this.deps.loginLimit.succeeded(origin.ip, user.email);
    return this.issue(user.id, origin);
  }

  /** With the platform's verification switch on, an unverified email cannot sign in (the right password told us nothing new). */
  private async assertVerified(user: UserRow): Promise<void> {
    if (user.emailVerifiedAt) return;
    if (!(await getPlatformSettings(this.db, this.deps.platformDefaults)).emailVerification) return;
    throw new AppError(
      403,
      'email_unverified',
      'Confirm your email first: open the link we sent you, or ask for a new one',
    );
  }

  /**
   * The user whose password this is, or undefined, under the failed sign-in limit. Same answer, same cost,
   * for an unknown email and a wrong password. A wrong password for a real user at sign-in is audited; a
   * signed-in person re-confirming their password (profile changes) is refused without a record.
   */
  async checkPassword(
    email: string,
    password: string,
    origin: Origin,
    auditFailure = true,
  ): Promise<UserRow | undefined> {
    await this.deps.loginLimit.begin(origin.ip, email);
    const user = await findUserByEmail(this.db, email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !user.passwordHash || !ok) {
      if (user && auditFailure) {
        await record(
          this.db,
          { accountId: null, who: whoSignsIn(user, origin) },
          { action: 'auth.sign_in_failed', target: userTarget(user), details: { reason: 'password' } },
        );
      }
      return undefined;
    }
    await this.deps.loginLimit.succeeded(origin.ip, email);
    return user;
  }

  async refresh(presented: string | undefined): Promise<IssuedSession> {
    if (!presented) throw new AppError(401, 'auth_missing', 'No session: sign in to continue');
    const rotated = await this.deps.sessions.rotate(presented);
    if (!rotated.ok) {
      throw rotated.reason === 'expired'
        ? new AppError(401, 'auth_expired', 'Your session expired: sign in again')
        : new AppError(401, 'auth_invalid', 'Your session is no longer valid: sign in again');
    }
    const user = await findUserById(this.db, rotated.userId);
    if (!user?.active) {
      await this.deps.sessions.revokeFamily(rotated.familyId);
      throw new AppError(403, 'user_inactive', 'Your user has been deactivated');
    }
    return { response: await this.respond(rotated.userId, rotated.familyId, user), refreshToken: rotated.refreshToken };
  }

  async logout(presented: string | undefined): Promise<void> {
    if (presented) await this.deps.sessions.revokeByToken(presented);
  }

  /**
   * Accepting an invitation makes its pending membership real and spends the one-time token. A person new to
   * igny8 chooses name and password here; an existing user proves it is them with their password (under the
   * sign-in limit). A revoked invitation (the pending member was removed) has no token any more. The link
   * reached the invited address, so accepting also verifies it.
   */
  async acceptInvite(body: { token: string; name?: string; password: string }, origin: Origin): Promise<IssuedSession> {
    const invite = await this.findLiveInvite(body.token);
    if (!invite) throw invalidInvite();
    const { user } = invite;
    let newUser: { name: string; passwordHash: string } | undefined;
    if (user.passwordHash === null) {
      if (!body.name) {
        throw new AppError(400, 'validation_failed', 'Choose the name your team will see', [
          { path: 'body.name', message: 'Required' },
        ]);
      }
      assertStrongPassword(body.password, [user.email, body.name]);
      newUser = { name: body.name, passwordHash: await hashPassword(body.password) };
    } else {
      if (!(await this.checkPassword(user.email, body.password, origin))) {
        throw new AppError(401, 'auth_invalid', 'That password is not right for the user this invitation is for');
      }
      if (!user.active) throw new AppError(403, 'user_inactive', 'Your user has been deactivated');
    }
    await this.db.transaction(async (tx) => {
      const spent = await tx
        .update(userTokens)
        .set({ usedAt: this.deps.now() })
        .where(and(eq(userTokens.id, invite.tokenId), isNull(userTokens.usedAt)))
        .returning({ id: userTokens.id });
      if (spent.length === 0) throw invalidInvite();
      await tx
        .update(memberships)
        .set({ pending: false })
        .where(and(eq(memberships.accountId, invite.accountId), eq(memberships.userId, user.id)));
      const userPatch = { ...newUser, ...(user.emailVerifiedAt ? {} : { emailVerifiedAt: this.deps.now() }) };
      if (Object.keys(userPatch).length > 0) await tx.update(users).set(userPatch).where(eq(users.id, user.id));
      await record(
        tx,
        { accountId: invite.accountId, who: whoSignsIn(user, origin) },
        {
          action: 'member.invitation_accepted',
          target: { type: 'member', id: user.id, label: user.email },
          details: { role: invite.role },
        },
      );
    });
    return this.issue(user.id, origin);
  }

  /**
   * The accept page's view of an invitation: account, role and inviter. The same refusal as accepting for a
   * link that is unknown, used, withdrawn or expired; nothing about the invited user.
   */
  async lookupInvite(token: string): Promise<InviteDetails> {
    const invite = await this.findLiveInvite(token);
    if (!invite) throw invalidInvite();
    const [account] = await this.db
      .select({ name: accounts.name })
      .from(accounts)
      .where(eq(accounts.id, invite.accountId));
    const inviter = invite.invitedBy ? await findUserById(this.db, invite.invitedBy) : undefined;
    return { accountName: account?.name ?? '', role: invite.role, inviterName: inviter?.name ?? null };
  }

  /** A live invitation: token unused and unexpired, its membership still pending. */
  private async findLiveInvite(token: string) {
    const [invite] = await this.db
      .select({
        tokenId: userTokens.id,
        accountId: memberships.accountId,
        role: memberships.role,
        invitedBy: memberships.invitedBy,
        user: users,
      })
      .from(userTokens)
      .innerJoin(users, eq(users.id, userTokens.userId))
      .innerJoin(
        memberships,
        and(eq(memberships.accountId, userTokens.accountId), eq(memberships.userId, userTokens.userId)),
      )
      .where(
        and(
          eq(userTokens.tokenHash, hashToken(token)),
          eq(userTokens.purpose, 'invite'),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, this.deps.now()),
          eq(memberships.pending, true),
        ),
      );
    return invite;
  }

  private async respond(userId: string, familyId: string, known?: UserRow): Promise<AuthResponse> {
    const me = await this.me(userId, known);
    const accessToken = await this.deps.tokens.sign({ userId, familyId });
    return { ...me, accessToken, expiresIn: this.deps.tokens.ttlSeconds };
  }
}

export const userTarget = (user: { id: string; email: string }) => ({ type: 'user', id: user.id, label: user.email });
