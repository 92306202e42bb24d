import { and, eq, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { refreshTokens } from '../db/schema/index';
import { hashToken, newOpaqueToken } from './tokens';

export interface SessionSettings {
  refreshTtlDays: number;
  reuseGraceSeconds: number;
}

export type RotateResult =
  | { ok: true; userId: string; familyId: string; refreshToken: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

/** Refresh-token families: start on login, rotate on refresh, revoke on logout or reuse. */
export class Sessions {
  constructor(
    private readonly db: Db,
    private readonly settings: SessionSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(userId: string, familyId: string = randomUUID(), db: Db = this.db) {
    const refreshToken = newOpaqueToken();
    const expiresAt = new Date(this.now().getTime() + this.settings.refreshTtlDays * 86_400_000);
    await db.insert(refreshTokens).values({ userId, familyId, tokenHash: hashToken(refreshToken), expiresAt });
    return { refreshToken, familyId };
  }

  async rotate(presented: string): Promise<RotateResult> {
    const now = this.now();
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(presented)));
      if (!row) return { ok: false, reason: 'unknown' } as const;
      if (row.revokedAt) return { ok: false, reason: 'revoked' } as const;
      if (row.expiresAt <= now) return { ok: false, reason: 'expired' } as const;

      const claimed = await tx
        .update(refreshTokens)
        .set({ rotatedAt: now })
        .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.rotatedAt)))
        .returning({ id: refreshTokens.id });
      if (claimed.length === 0) {
        // Already rotated. Two tabs refreshing at the same moment is normal; a replay later is theft.
        const rotatedAt = row.rotatedAt ?? now;
        const withinGrace = now.getTime() - rotatedAt.getTime() <= this.settings.reuseGraceSeconds * 1000;
        if (!withinGrace) {
          await tx.update(refreshTokens).set({ revokedAt: now }).where(eq(refreshTokens.familyId, row.familyId));
          return { ok: false, reason: 'reused' } as const;
        }
      }
      const next = await this.start(row.userId, row.familyId, tx);
      return { ok: true, userId: row.userId, familyId: row.familyId, refreshToken: next.refreshToken } as const;
    });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db
      .update(refreshTokens)
      .set({ revokedAt: this.now() })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
  }

  async revokeByToken(presented: string): Promise<void> {
    const [row] = await this.db
      .select({ familyId: refreshTokens.familyId })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashToken(presented)));
    if (row) await this.revokeFamily(row.familyId);
  }

  async revokeUser(userId: string): Promise<void> {
    await this.db
      .update(refreshTokens)
      .set({ revokedAt: this.now() })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  }
}
