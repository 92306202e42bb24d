import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { userTokens, type UserTokenPurpose } from '../db/schema/index';
import { hashToken, newOpaqueToken } from './tokens';

/**
 * One-time tokens for links and challenges (password reset, email verification, the second step of a two-factor
 * sign-in): stored hashed, short-lived, spent by one atomic update so a token works exactly once even when two
 * requests race. A new token of a purpose replaces the user's earlier unspent ones: only the latest link works.
 */
export async function issueOneTimeToken(
  db: Db,
  userId: string,
  purpose: Exclude<UserTokenPurpose, 'invite'>,
  ttlMs: number,
  now: Date,
): Promise<string> {
  const token = newOpaqueToken();
  await db
    .delete(userTokens)
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
  await db
    .insert(userTokens)
    .values({ userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + ttlMs) });
  return token;
}

/** The live (unspent, unexpired) token's row, without spending it. */
export async function peekOneTimeToken(db: Db, token: string, purpose: UserTokenPurpose, now: Date) {
  const [row] = await db
    .select()
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
      ),
    );
  return row;
}

/** Spends the token: its user id, or undefined when it is unknown, spent or expired. */
export async function spendOneTimeToken(
  db: Db,
  token: string,
  purpose: UserTokenPurpose,
  now: Date,
): Promise<string | undefined> {
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
      ),
    )
    .returning({ userId: userTokens.userId });
  return row?.userId;
}
