import type { AuthResponse, Me } from '@igny8/contracts';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { isPlatformOperator } from '../access/lookup';
import type { Db } from '../db/client';
import { memberships, userTokens, users } from '../db/schema/index';
import { AppError } from '../http/errors';
import { findUserByEmail, findUserById, membershipsOf } from '../modules/accounts/repo';
import type { LoginLimit } from './login-limit';
import { assertStrongPassword, dummyHash, hashPassword, verifyPassword } from './passwords';
import type { Sessions } from './sessions';
import { hashToken, type AccessTokens } from './tokens';

type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

const invalidCredentials = () => new AppError(401, 'auth_invalid', 'Email or password is incorrect');
const invalidInvite = () => new AppError(400, 'invite_invalid', 'This invitation link is invalid, used, withdrawn or expired');

export interface IssuedSession {
  response: AuthResponse;
  refreshToken: string;
}

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly tokens: AccessTokens,
    private readonly sessions: Sessions,
    private readonly loginLimit: LoginLimit,
  ) {}

  /** `known`: the user row when the caller has just read it. */
  async me(userId: string, known?: UserRow): Promise<Me> {
    const user = known ?? (await findUserById(this.db, userId));
    if (!user) throw new AppError(401, 'auth_invalid', 'Your session token is not valid');
    return {
      user: { id: user.id, email: user.email, name: user.name, isDeveloper: user.isDeveloper, active: user.active },
      memberships: await membershipsOf(this.db, user.id),
      platformOperator: await isPlatformOperator(this.db, user),
    };
  }

  /** A new session (refresh-token family) for a user who just proved who they are. */
  async issue(userId: string): Promise<IssuedSession> {
    const { refreshToken, familyId } = await this.sessions.start(userId);
    return { response: await this.respond(userId, familyId), refreshToken };
  }

  /** `ip`: the client address the failure limit counts (see TRUST_PROXY). */
  async login(email: string, password: string, ip: string): Promise<IssuedSession> {
    const user = await this.checkPassword(email, password, ip);
    if (!user) throw invalidCredentials();
    if (!user.active) throw new AppError(403, 'user_inactive', 'Your user has been deactivated');
    return this.issue(user.id);
  }

  /**
   * The user whose password this is, or undefined, under the failed sign-in limit. Same answer, same cost,
   * for an unknown email and a wrong password.
   */
  private async checkPassword(email: string, password: string, ip: string): Promise<UserRow | undefined> {
    await this.loginLimit.begin(ip, email);
    const user = await findUserByEmail(this.db, email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !user.passwordHash || !ok) return undefined;
    await this.loginLimit.succeeded(ip, email);
    return user;
  }

  async refresh(presented: string | undefined): Promise<IssuedSession> {
    if (!presented) throw new AppError(401, 'auth_missing', 'No session: sign in to continue');
    const rotated = await this.sessions.rotate(presented);
    if (!rotated.ok) {
      throw rotated.reason === 'expired'
        ? new AppError(401, 'auth_expired', 'Your session expired: sign in again')
        : new AppError(401, 'auth_invalid', 'Your session is no longer valid: sign in again');
    }
    const user = await findUserById(this.db, rotated.userId);
    if (!user?.active) {
      await this.sessions.revokeFamily(rotated.familyId);
      throw new AppError(403, 'user_inactive', 'Your user has been deactivated');
    }
    return { response: await this.respond(rotated.userId, rotated.familyId, user), refreshToken: rotated.refreshToken };
  }

  async logout(presented: string | undefined): Promise<void> {
    if (presented) await this.sessions.revokeByToken(presented);
  }

  /**
   * Accepting an invitation makes its pending membership real and spends the one-time token. A person new to
   * igny8 chooses name and password here; an existing user proves it is them with their password (under the
   * sign-in limit). A revoked invitation (the pending member was removed) has no token any more.
   */
  async acceptInvite(body: { token: string; name?: string; password: string }, ip: string): Promise<IssuedSession> {
    const [invite] = await this.db
      .select({ tokenId: userTokens.id, accountId: memberships.accountId, user: users })
      .from(userTokens)
      .innerJoin(users, eq(users.id, userTokens.userId))
      .innerJoin(memberships, and(eq(memberships.accountId, userTokens.accountId), eq(memberships.userId, userTokens.userId)))
      .where(
        and(
          eq(userTokens.tokenHash, hashToken(body.token)),
          eq(userTokens.purpose, 'invite'),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, new Date()),
          eq(memberships.pending, true),
        ),
      );
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
      if (!(await this.checkPassword(user.email, body.password, ip))) {
        throw new AppError(401, 'auth_invalid', 'That password is not right for the user this invitation is for');
      }
      if (!user.active) throw new AppError(403, 'user_inactive', 'Your user has been deactivated');
    }
    await this.db.transaction(async (tx) => {
      const spent = await tx
        .update(userTokens)
        .set({ usedAt: new Date() })
        .where(and(eq(userTokens.id, invite.tokenId), isNull(userTokens.usedAt)))
        .returning({ id: userTokens.id });
      if (spent.length === 0) throw invalidInvite();
      await tx
        .update(memberships)
        .set({ pending: false })
        .where(and(eq(memberships.accountId, invite.accountId), eq(memberships.userId, user.id)));
      if (newUser) await tx.update(users).set(newUser).where(eq(users.id, user.id));
    });
    return this.issue(user.id);
  }

  private async respond(userId: string, familyId: string, known?: UserRow): Promise<AuthResponse> {
    const me = await this.me(userId, known);
    const accessToken = await this.tokens.sign({ userId, familyId });
    return { ...me, accessToken, expiresIn: this.tokens.ttlSeconds };
  }
}
