import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export interface AccessClaims {
  userId: string;
  familyId: string;
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

/** Short-lived HS256 access tokens, keyed from APP_SECRET. */
export class AccessTokens {
  private readonly key: Uint8Array;

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
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'igny8', algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.fid !== 'string') return { ok: false, reason: 'invalid' };
      return { ok: true, claims: { userId: payload.sub, familyId: payload.fid } };
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
