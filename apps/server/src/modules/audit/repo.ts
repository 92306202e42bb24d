import type { AuditEvent } from '@igny8/contracts';
import { and, desc, eq, gte, isNull, like, lt, type SQL } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { contains } from '../../db/query';
import { auditEvents } from '../../db/schema/index';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = typeof auditEvents.$inferInsert;

/** The only write: the table is append-only (a trigger refuses updates and deletes). */
export async function insertAuditEvent(db: Db, row: NewAuditRow): Promise<void> {
  await db.insert(auditEvents).values(row);
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
}

function conditions(f: AuditFilter): SQL[] {
  const out: SQL[] = [];
  if (f.action)
    out.push(f.action.endsWith('.') ? like(auditEvents.action, `${f.action}%`) : eq(auditEvents.action, f.action));
  if (f.actor) out.push(contains(auditEvents.actorEmail, f.actor));
  if (f.from) out.push(gte(auditEvents.createdAt, new Date(f.from)));
  if (f.to) out.push(lt(auditEvents.createdAt, new Date(f.to)));
  return out;
}

async function page(db: Db, where: SQL | undefined, p: { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(p.limit)
      .offset(p.offset),
    db.$count(auditEvents, where),
  ]);
  return { items: rows.map(toAuditEvent), total };
}

/** The account's own events. */
export function listAccountAudit(db: Db, t: TenantContext, f: AuditFilter, p: { limit: number; offset: number }) {
  return page(db, and(eq(auditEvents.accountId, t.accountId), ...conditions(f)), p);
}

/** Operators: every account's events and the platform's, or one account's, or the platform's only. */
export function listPlatformAudit(
  db: Db,
  f: AuditFilter & { accountId?: string; scope: 'all' | 'platform' },
  p: { limit: number; offset: number },
) {
  const scope =
    f.scope === 'platform'
      ? isNull(auditEvents.accountId)
      : f.accountId
        ? eq(auditEvents.accountId, f.accountId)
        : undefined;
  return page(db, and(...(scope ? [scope] : []), ...conditions(f)), p);
}

export function toAuditEvent(r: AuditRow): AuditEvent {
  return {
    id: r.id,
    accountId: r.accountId,
    action: r.action,
    actor: { userId: r.actorUserId, email: r.actorEmail, via: r.actorVia, apiTokenId: r.apiTokenId },
    ip: r.ip,
    userAgent: r.userAgent,
    target: r.targetType ? { type: r.targetType, id: r.targetId, label: r.targetLabel } : null,
    details: r.details,
    createdAt: r.createdAt.toISOString(),
  };
}
