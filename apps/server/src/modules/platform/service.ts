import type { PlatformSettings, UpdatePlatformUserBody } from '@igny8/contracts';
import type { Actor } from '../../access/context';
import type { Db } from '../../db/client';
import { conflict, notFound } from '../../http/errors';
import { platformScope, record } from '../audit/service';
import * as repo from './repo';

/** Operators' platform-wide changes, each audited in the platform's log. */
export async function saveSettings(
  db: Db,
  actor: Actor,
  defaults: repo.PlatformDefaults,
  patch: Partial<PlatformSettings>,
  emailConfigured: boolean,
) {
  if (patch.emailVerification && !emailConfigured) {
    throw conflict('conflict', 'Email verification needs SMTP: configure SMTP_URL (or SMTP_HOST) first');
  }
  return db.transaction(async (tx) => {
    const before = await repo.getPlatformSettings(tx, defaults);
    const after = await repo.savePlatformSettings(tx, defaults, patch);
    const changed = Object.fromEntries(
      (Object.keys(after) as (keyof PlatformSettings)[])
        .filter((k) => before[k] !== after[k])
        .map((k) => [k, { from: before[k], to: after[k] }]),
    );
    if (Object.keys(changed).length > 0) {
      await record(tx, platformScope(actor), {
        action: 'platform.settings_changed',
        target: { type: 'platform', label: 'settings' },
        details: changed,
      });
    }
    return after;
  });
}

export async function setAccountActive(db: Db, actor: Actor, accountId: string, active: boolean) {
  return db.transaction(async (tx) => {
    const current = await repo.findAccount(tx, accountId);
    if (!current) throw notFound('Account');
    if (current.isSystem && !active) throw conflict('conflict', 'The system account cannot be deactivated');
    const account = (await repo.setAccountActive(tx, accountId, active))!;
    if (current.active !== active) {
      await record(tx, platformScope(actor), {
        action: active ? 'platform.account_activated' : 'platform.account_deactivated',
        target: { type: 'account', id: accountId, label: account.name },
      });
    }
    return account;
  });
}

/**
 * Activation and the developer flag (which makes someone a platform operator). Operators cannot deactivate
 * themselves or drop their own flag: the platform must not lose its last way in by a slip.
 */
export async function updateUser(
  db: Db,
  actor: Actor,
  userId: string,
  body: UpdatePlatformUserBody,
  endSessions: (userId: string, db: Db) => Promise<void>,
) {
  if (userId === actor.userId && (body.active === false || body.isDeveloper === false)) {
    throw conflict(
      'conflict',
      body.active === false ? 'You cannot deactivate yourself' : 'You cannot remove your own developer flag',
    );
  }
  return db.transaction(async (tx) => {
    const before = await repo.findUser(tx, userId);
    if (!before) throw notFound('User');
    const user = (await repo.updateUser(tx, userId, body))!;
    const target = { type: 'user', id: user.id, label: user.email };
    if (body.active !== undefined && body.active !== before.active) {
      await record(tx, platformScope(actor), {
        action: body.active ? 'platform.user_activated' : 'platform.user_deactivated',
        target,
      });
      if (!body.active) await endSessions(user.id, tx);
    }
    if (body.isDeveloper !== undefined && body.isDeveloper !== before.isDeveloper) {
      await record(tx, platformScope(actor), {
        action: body.isDeveloper ? 'platform.developer_granted' : 'platform.developer_removed',
        target,
      });
    }
    return user;
  });
}
