import type { AuditAction, AuditEvent } from '@igny8/contracts';
import { stringify } from 'csv-stringify/sync';
import type { Actor, Origin, TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import * as repo from './repo';

/** Who did it: a signed-in person (session or API token), someone not signed in (e.g. a reset link), or the product. */
export interface AuditWho {
  userId: string | null;
  email: string | null;
  via: 'session' | 'api_token' | 'system' | 'anonymous';
  apiTokenId?: string | null;
  origin?: Origin | null;
}

/** Where the event belongs: an account's log, or the platform's (accountId null). */
export interface AuditScope {
  accountId: string | null;
  who: AuditWho;
}

export interface AuditEventInput {
  action: AuditAction;
  target?: { type: string; id?: string | null; label?: string | null };
  /** What changed, never a secret (keys, passwords, tokens). */
  details?: Record<string, unknown>;
}

export function whoFromActor(actor: Actor): AuditWho {
  return {
    userId: actor.userId,
    email: actor.email,
    via: actor.apiTokenId ? 'api_token' : 'session',
    apiTokenId: actor.apiTokenId,
    origin: actor.origin,
  };
}

/** An account's event, acted by the tenant context's actor (or by the product, for a task). */
export function accountScope(t: TenantContext): AuditScope {
  return {
    accountId: t.accountId,
    who: t.actor ? whoFromActor(t.actor) : { userId: t.userId || null, email: null, via: 'system' },
  };
}

export function platformScope(who: AuditWho | Actor): AuditScope {
  return { accountId: null, who: 'origin' in who && 'isDeveloper' in who ? whoFromActor(who) : (who as AuditWho) };
}

/**
 * Records one event. Call it from services, inside the same transaction as the change, so the log and the data
 * agree: `db` is that transaction. Routes never call this.
 */
export async function record(db: Db, where: TenantContext | AuditScope, event: AuditEventInput): Promise<void> {
  const scope: AuditScope = 'who' in where ? where : accountScope(where);
  const { who } = scope;
  await repo.insertAuditEvent(db, {
    accountId: scope.accountId,
    action: event.action,
    actorUserId: who.userId,
    actorEmail: who.email,
    actorVia: who.via,
    apiTokenId: who.apiTokenId ?? null,
    ip: who.origin?.ip ?? null,
    userAgent: who.origin?.userAgent ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    targetLabel: event.target?.label ?? null,
    details: event.details ?? {},
  });
}

/** The module's service API for other modules: `audit.record(tx, tenantOrScope, event)`. */
export const audit = { record };

/** Most rows in one CSV export; a filter narrows a larger log. */
export const AUDIT_EXPORT_MAX = 50_000;

export function auditCsv(events: AuditEvent[]): string {
  return stringify(
    events.map((e) => [
      e.createdAt,
      e.accountId ?? '',
      e.action,
      e.actor.email ?? '',
      e.actor.userId ?? '',
      e.actor.via,
      e.actor.apiTokenId ?? '',
      e.ip ?? '',
      e.userAgent ?? '',
      e.target?.type ?? '',
      e.target?.id ?? '',
      e.target?.label ?? '',
      JSON.stringify(e.details),
    ]),
    {
      header: true,
      columns: [
        'time',
        'account_id',
        'action',
        'actor_email',
        'actor_user_id',
        'via',
        'api_token_id',
        'ip',
        'user_agent',
        'target_type',
        'target_id',
        'target_label',
        'details',
      ],
      // A cell a spreadsheet would run as a formula is prefixed, like the keyword export.
      cast: { string: (v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) },
    },
  );
}
