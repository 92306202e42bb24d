import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';

export interface AccessClaims {
  userId: string;
  familyId: string;
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Short-lived HS256 access tokens, keyed from APP_SECRET. A token whose signature checked out is remembered
 * until it expires (the signature cannot change, and the HMAC check is a thread-pool round trip on every
 * request); whether its session is still live is checked on every request anyway (`findUserForAccess`).
 */
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly verified = new LRUCache<string, AccessClaims & { expiresAt: number }>({ max: 10_000 });

  constructor(
    appSecret: string,
    readonly ttlSeconds: number,
  ) {
    this.key = new Uint8Array(hkdfSync('sha256', appSecret, 'igny8', 'access-token', 32));
  }

  sign(claims: AccessClaims): Promise<string> {
    return new SignJWT({ fid: claims.familyId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .setIssuer('igny8')
      .sign(this.key);
  }

  async verify(token: string): Promise<VerifyResult> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAt) return { ok: true, claims: { userId: known.userId, familyId: known.familyId } };
      this.verified.delete(token);
      return { ok: false, reason: 'expired' };
    }
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'igny8', algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.fid !== 'string') return { ok: false, reason: 'invalid' };
      const claims = { userId: payload.sub, familyId: payload.fid };
      // jose has checked `exp` (a number of seconds) and refuses a token at or after it.
      if (typeof payload.exp === 'number') this.verified.set(token, { ...claims, expiresAt: payload.exp * 1000 });
      return { ok: true, claims };
    } catch (e) {
      return { ok: false, reason: e instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}

/** Opaque random token for cookies and links; only its hash is stored. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
