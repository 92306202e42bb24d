import type { AuthResponse, Me } from '@igny8/contracts';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { isPlatformOperator } from '../access/lookup';
import type { Db } from '../db/client';
import { userTokens, users } from '../db/schema/index';
import { AppError } from '../http/errors';
import { findUserByEmail, findUserById, membershipsOf } from '../modules/accounts/repo';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import type { Sessions } from './sessions';
import { hashToken, type AccessTokens } from './tokens';

type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

const invalidCredentials = () => new AppError(401, 'auth_invalid', 'Email or password is incorrect');

export interface IssuedSession {
  response: AuthResponse;
  refreshToken: string;
}

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly tokens: AccessTokens,
    private readonly sessions: Sessions,
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

  async login(email: string, password: string): Promise<IssuedSession> {
    const user = await findUserByEmail(this.db, email);
    // Same answer, same cost, for an unknown email and a wrong password.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !user.passwordHash || !ok) throw invalidCredentials();
    if (!user.active) throw new AppError(403, 'user_inactive', 'Your user has been deactivated');
    return this.issue(user.id);
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

  /** An invited user chooses a name and password; the one-time token is spent. */
  async acceptInvite(token: string, name: string, password: string): Promise<IssuedSession> {
    const passwordHash = await hashPassword(password);
    const userId = await this.db.transaction(async (tx) => {
      const [spent] = await tx
        .update(userTokens)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(userTokens.tokenHash, hashToken(token)),
            eq(userTokens.purpose, 'invite'),
            isNull(userTokens.usedAt),
            gt(userTokens.expiresAt, new Date()),
          ),
        )
        .returning({ userId: userTokens.userId });
      if (!spent) throw new AppError(400, 'invite_invalid', 'This invitation link is invalid, used or expired');
      await tx.update(users).set({ name, passwordHash }).where(eq(users.id, spent.userId));
      return spent.userId;
    });
    return this.issue(userId);
  }

  private async respond(userId: string, familyId: string, known?: UserRow): Promise<AuthResponse> {
    const me = await this.me(userId, known);
    const accessToken = await this.tokens.sign({ userId, familyId });
    return { ...me, accessToken, expiresIn: this.tokens.ttlSeconds };
  }
}
