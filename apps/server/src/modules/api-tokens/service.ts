import { API_TOKEN_PREFIX, roleAtLeast, type ApiToken, type CreatedApiToken, type Role } from '@igny8/contracts';
import { randomBytes } from 'node:crypto';
import type { TenantContext } from '../../access/context';
import { hashToken } from '../../auth/tokens';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../http/errors';
import { record } from '../audit/service';
import * as repo from './repo';

/** A new token: the prefix, then 32 random bytes. Only its SHA-256 is stored (it has full entropy: no slow hash needed). */
export function newApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function isApiTokenSecret(s: string): boolean {
  return s.startsWith(API_TOKEN_PREFIX);
}

/** Admins see and manage every token of the account; other members their own. */
const managesAll = (t: TenantContext) => roleAtLeast(t.role, 'admin');

export function listTokens(db: Db, t: TenantContext): Promise<ApiToken[]> {
  return repo.listApiTokens(db, t, managesAll(t) ? undefined : t.userId);
}

export async function createToken(
  db: Db,
  t: TenantContext,
  body: { name: string; role: Role; expiresAt?: string | null },
  now: Date,
): Promise<CreatedApiToken> {
  if (!roleAtLeast(t.role, body.role)) {
    throw new AppError(403, 'role_insufficient', `A token's role cannot be higher than yours (${t.role})`, [
      { path: 'body.role', message: 'higher than yours' },
    ]);
  }
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  if (expiresAt && expiresAt <= now) {
    throw new AppError(400, 'validation_failed', 'The expiry must be in the future', [
      { path: 'body.expiresAt', message: 'in the past' },
    ]);
  }
  const secret = newApiTokenSecret();
  return db.transaction(async (tx) => {
    const id = await repo.insertApiToken(tx, t, {
      name: body.name,
      role: body.role,
      tokenHash: hashToken(secret),
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      expiresAt,
    });
    await record(tx, t, {
      action: 'api_token.created',
      target: { type: 'api_token', id, label: body.name },
      details: { role: body.role, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { token: (await repo.getApiToken(tx, t, id))!, secret };
  });
}

export async function revokeToken(db: Db, t: TenantContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const token = await repo.getApiToken(tx, t, id);
    if (!token || (!managesAll(t) && token.createdBy.userId !== t.userId)) throw notFound('API token');
    if (!roleAtLeast(t.role, token.role))
      throw new AppError(403, 'role_insufficient', `Only an ${token.role} or higher can revoke this token`);
    if (!(await repo.revokeApiToken(tx, t, id))) return; // already revoked: nothing changes
    await record(tx, t, {
      action: 'api_token.revoked',
      target: { type: 'api_token', id, label: token.name },
      details: { role: token.role },
    });
  });
}
