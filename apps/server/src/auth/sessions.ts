import type { SessionInfo } from '@igny8/contracts';
import { and, desc, eq, isNull, max, min, ne, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import type { Actor, Origin } from '../access/context';
import { platformScope, record } from '../modules/audit/service';
import { refreshTokens, userSessions } from '../db/schema/index';
import { describeDevice } from './device';
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

  /** A new session for a person who just signed in, remembered with the device and address it came from. */
  async begin(userId: string, origin: Origin | null) {
    const started = await this.start(userId);
    await this.db
      .insert(userSessions)
      .values({ familyId: started.familyId, userId, userAgent: origin?.userAgent ?? null, ip: origin?.ip ?? null });
    return started;
  }

  async start(userId: string, familyId: string = randomUUID(), db: Db = this.db) {
    const refreshToken = newOpaqueToken();
    const expiresAt = new Date(this.now().getTime() + this.settings.refreshTtlDays * 86_400_000);
    await db.insert(refreshTokens).values({ userId, familyId, tokenHash: hashToken(refreshToken), expiresAt });
    return { refreshToken, familyId };
  }

  async rotate(presented: string): Promise<RotateResult> {
    const now = this.now();
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, hashToken(presented)));
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

  /** `db`: a caller's transaction, so the sessions end with the change that ends them (a password reset). */
  async revokeUser(userId: string, db: Db = this.db): Promise<void> {
    await db
      .update(refreshTokens)
      .set({ revokedAt: this.now() })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  }

  /** Every other session of the user ends (a password change keeps the one that made it). */
  async revokeUserExcept(userId: string, keepFamilyId: string | null, db: Db = this.db): Promise<void> {
    await db
      .update(refreshTokens)
      .set({ revokedAt: this.now() })
      .where(
        and(
          eq(refreshTokens.userId, userId),
          isNull(refreshTokens.revokedAt),
          keepFamilyId ? ne(refreshTokens.familyId, keepFamilyId) : undefined,
        ),
      );
  }

  /** Ends one of the actor's own sessions (audited); false when it is not theirs or already over. */
  async endOwn(actor: Actor, familyId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .update(refreshTokens)
        .set({ revokedAt: this.now() })
        .where(
          and(
            eq(refreshTokens.userId, actor.userId),
            eq(refreshTokens.familyId, familyId),
            isNull(refreshTokens.revokedAt),
          ),
        )
        .returning({ id: refreshTokens.id });
      if (rows.length === 0) return false;
      await record(tx, platformScope(actor), {
        action: 'auth.session_ended',
        target: { type: 'user', id: actor.userId, label: actor.email },
        details: { sessionId: familyId, current: familyId === actor.familyId },
      });
      return true;
    });
  }

  /**
   * The user's live sessions: started when its family's first token was made, last used at its latest refresh.
   * A family is live while a token of it is neither revoked nor expired.
   */
  async list(userId: string, currentFamilyId: string | null): Promise<SessionInfo[]> {
    const rows = await this.db
      .select({
        familyId: refreshTokens.familyId,
        startedAt: min(refreshTokens.createdAt),
        lastUsedAt: max(refreshTokens.createdAt),
        userAgent: sql<string | null>`max(${userSessions.userAgent})`,
        ip: sql<string | null>`max(${userSessions.ip})`,
      })
      .from(refreshTokens)
      .leftJoin(userSessions, eq(userSessions.familyId, refreshTokens.familyId))
      .where(eq(refreshTokens.userId, userId))
      .groupBy(refreshTokens.familyId)
      .having(sql`bool_and(${refreshTokens.revokedAt} is null) and max(${refreshTokens.expiresAt}) > now()`)
      .orderBy(desc(max(refreshTokens.createdAt)));
    return rows.map((r) => ({
      id: r.familyId,
      device: describeDevice(r.userAgent),
      ip: r.ip,
      createdAt: new Date(r.startedAt!).toISOString(),
      lastUsedAt: new Date(r.lastUsedAt!).toISOString(),
      current: r.familyId === currentFamilyId,
    }));
  }
}
