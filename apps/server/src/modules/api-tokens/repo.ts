import type { ApiToken, Role } from '@igny8/contracts';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { apiTokens, users } from '../../db/schema/index';

const columns = {
  id: apiTokens.id,
  name: apiTokens.name,
  role: apiTokens.role,
  prefix: apiTokens.prefix,
  createdById: apiTokens.createdBy,
  createdByName: users.name,
  createdByEmail: users.email,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  createdAt: apiTokens.createdAt,
};
interface Row {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdById: string;
  createdByName: string;
  createdByEmail: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

function toApiToken(r: Row): ApiToken {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    createdBy: { userId: r.createdById, name: r.createdByName, email: r.createdByEmail },
    expiresAt: iso(r.expiresAt),
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
    createdAt: r.createdAt.toISOString(),
  };
}

export async function insertApiToken(
  db: Db,
  t: TenantContext,
  v: { name: string; role: Role; tokenHash: string; prefix: string; expiresAt: Date | null },
): Promise<string> {
  const [row] = await db
    .insert(apiTokens)
    .values({ ...v, accountId: t.accountId, createdBy: t.userId })
    .returning({ id: apiTokens.id });
  return row!.id;
}

/** The account's tokens, newest first; `createdBy` narrows to one member's own. */
export async function listApiTokens(db: Db, t: TenantContext, createdBy?: string): Promise<ApiToken[]> {
  const rows = await db
    .select(columns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.accountId, t.accountId), createdBy ? eq(apiTokens.createdBy, createdBy) : undefined))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(toApiToken);
}

export async function getApiToken(db: Db, t: TenantContext, id: string): Promise<ApiToken | undefined> {
  const [row] = await db
    .select(columns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.accountId, t.accountId), eq(apiTokens.id, id)));
  return row && toApiToken(row);
}

export async function revokeApiToken(db: Db, t: TenantContext, id: string): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.accountId, t.accountId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
