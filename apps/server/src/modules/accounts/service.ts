import { roleAtLeast, type AddMemberResponse, type Member, type Role } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import { assertStrongPassword, hashPassword } from '../../auth/passwords';
import { hashToken, newOpaqueToken } from '../../auth/tokens';
import type { Database, Db } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { AppError, conflict, notFound } from '../../http/errors';
import { record } from '../audit/service';
import type { Mailer } from '../email/service';
import { invitationEmail } from '../email/templates';
import { getPlatformSettings, type PlatformDefaults } from '../platform/repo';
import * as repo from './repo';

const INVITE_TTL_DAYS = 7;

interface NewOwner {
  email: string;
  password: string;
  name: string;
  accountName: string;
}

/** First run: the platform's system account and its owner (whose email counts as verified). Only while no user exists. */
export async function setup(db: Db, defaults: PlatformDefaults, body: NewOwner): Promise<string> {
  assertStrongPassword(body.password, [body.email, body.name, body.accountName]);
  const passwordHash = await hashPassword(body.password);
  try {
    return await db.transaction(async (tx) => {
      if ((await repo.countUsers(tx)) > 0) throw conflict('setup_done', 'Setup has already been completed');
      const userId = await repo.insertAccountWithOwner(tx, { ...body, passwordHash }, true, new Date());
      await repo.insertPlatformSettings(tx, defaults);
      return userId;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('setup_done', 'Setup has already been completed');
    throw e;
  }
}

/** Sign-up is possible at all: the platform is set up and its switch is on. */
export async function assertCanSignUp(db: Db, defaults: PlatformDefaults): Promise<void> {
  if ((await repo.countUsers(db)) === 0) {
    throw new AppError(409, 'setup_required', 'The platform has not been set up yet');
  }
  if (!(await getPlatformSettings(db, defaults)).signupEnabled) {
    throw new AppError(403, 'signup_disabled', 'Sign-up is switched off on this platform');
  }
}

/**
 * Self-service sign-up without email verification: a new account with the new user as its owner, signed in at
 * once. Without a confirmation email there is no way to hide that an address is taken (see AccountRecovery).
 */
export async function signup(db: Db, defaults: PlatformDefaults, body: NewOwner): Promise<string> {
  await assertCanSignUp(db, defaults);
  assertStrongPassword(body.password, [body.email, body.name, body.accountName]);
  if (await repo.findUserByEmail(db, body.email)) throw conflict('email_taken', 'This email is already registered');
  const passwordHash = await hashPassword(body.password);
  try {
    return await db.transaction((tx) => repo.insertAccountWithOwner(tx, { ...body, passwordHash }, false, null));
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('email_taken', 'This email is already registered');
    throw e;
  }
}

export async function renameAccount(db: Db, t: TenantContext, name: string) {
  return db.transaction(async (tx) => {
    const before = await repo.getAccount(tx, t);
    const account = await repo.renameAccount(tx, t, name);
    if (before && before.name !== name) {
      await record(tx, t, {
        action: 'account.renamed',
        target: { type: 'account', id: t.accountId, label: name },
        details: { from: before.name, to: name },
      });
    }
    return account!;
  });
}

/** Requiring two-factor of every member: the admin turning it on must have it on, or they would lock themselves out. */
export async function setAccountSecurity(
  db: Db,
  t: TenantContext,
  body: { requireTwoFactor: boolean },
  callerHasTwoFactor: boolean,
) {
  if (body.requireTwoFactor && !callerHasTwoFactor) {
    throw conflict('two_factor_required', 'Turn on two-factor sign-in for yourself first (in your profile)');
  }
  return db.transaction(async (tx) => {
    const before = await repo.getAccount(tx, t);
    const account = await repo.setRequireTwoFactor(tx, t, body.requireTwoFactor);
    if (before && before.requireTwoFactor !== body.requireTwoFactor) {
      await record(tx, t, {
        action: 'account.security_changed',
        target: { type: 'account', id: t.accountId, label: account!.name },
        details: { requireTwoFactor: body.requireTwoFactor },
      });
    }
    return account!;
  });
}

function assertCanGrant(t: TenantContext, role: Role) {
  if (!roleAtLeast(t.role, role)) {
    throw new AppError(
      403,
      'role_insufficient',
      `Only an ${role === 'owner' ? 'owner' : 'admin'} can grant the ${role} role`,
    );
  }
}

function assertCanManage(t: TenantContext, target: Member) {
  if (!roleAtLeast(t.role, target.role)) {
    throw new AppError(403, 'role_insufficient', `Only an owner can change an ${target.role}`);
  }
}

const memberTarget = (m: { userId: string; email: string }) => ({ type: 'member', id: m.userId, label: m.email });

/**
 * Invites a person to the account by email. Always an invitation with a one-time link, whether or not the email
 * already has a user: nobody joins an account without accepting, and the answer looks the same either way (it
 * never tells the inviter whether the email is registered). An unknown email gets a user without a password,
 * who chooses name and password on accepting; an existing user accepts by proving their password. With SMTP the
 * link goes by email only; without, the admin gets it to pass on.
 */
export async function addMember(
  database: Database,
  mailer: Mailer,
  t: TenantContext,
  body: { email: string; role: Role },
  now: Date,
): Promise<AddMemberResponse> {
  assertCanGrant(t, body.role);
  const alreadyMember = () =>
    conflict('already_member', `${body.email} is already a member of this account or invited to it`);
  try {
    return await database.transaction(async (tx) => {
      let user = await repo.findUserByEmail(tx.db, body.email);
      if (!user) user = await repo.insertInvitedUser(tx.db, body.email);
      else if (await repo.getMember(tx.db, t, user.id)) throw alreadyMember();
      await repo.insertInvitedMembership(tx.db, t, user.id, body.role);
      const token = newOpaqueToken();
      await repo.insertInviteToken(
        tx.db,
        t,
        user.id,
        hashToken(token),
        new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000),
      );
      const member = (await repo.getMember(tx.db, t, user.id))!;
      const inviteUrl = mailer.link(`/invite/${token}`);
      const account = (await repo.getAccount(tx.db, t))!;
      const inviter = (await repo.findUserById(tx.db, t.userId))?.name ?? 'A colleague';
      const emailSent = await mailer.send(
        tx,
        body.email,
        invitationEmail({
          accountName: account.name,
          inviterName: inviter,
          role: body.role,
          url: inviteUrl,
          days: INVITE_TTL_DAYS,
        }),
        t.accountId,
      );
      await record(tx.db, t, {
        action: 'member.invited',
        target: memberTarget(member),
        details: { role: body.role, emailSent },
      });
      return { member, inviteUrl: emailSent ? null : inviteUrl, emailSent };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw alreadyMember();
    throw e;
  }
}

export async function updateMember(
  db: Db,
  t: TenantContext,
  userId: string,
  patch: { role?: Role; active?: boolean },
): Promise<Member> {
  return db.transaction(async (tx) => {
    const owners = await repo.lockActiveOwners(tx, t);
    const target = await repo.getMember(tx, t, userId);
    if (!target) throw notFound('Member');
    assertCanManage(t, target);
    if (patch.role) assertCanGrant(t, patch.role);
    // A pending owner invitation is no owner yet: changing it never leaves the account without one.
    const losesOwner =
      target.role === 'owner' &&
      target.active &&
      !target.invited &&
      ((patch.role && patch.role !== 'owner') || patch.active === false);
    if (losesOwner && owners.length <= 1) {
      throw conflict('last_owner', 'An account needs at least one active owner: make someone else owner first');
    }
    await repo.updateMembership(tx, t, userId, patch);
    if (patch.role && patch.role !== target.role) {
      await record(tx, t, {
        action: 'member.role_changed',
        target: memberTarget(target),
        details: { from: target.role, to: patch.role },
      });
    }
    if (patch.active !== undefined && patch.active !== target.active) {
      await record(tx, t, {
        action: patch.active ? 'member.reactivated' : 'member.deactivated',
        target: memberTarget(target),
      });
    }
    return (await repo.getMember(tx, t, userId))!;
  });
}

export async function removeMember(db: Db, t: TenantContext, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const owners = await repo.lockActiveOwners(tx, t);
    const target = await repo.getMember(tx, t, userId);
    if (!target) throw notFound('Member');
    if (target.userId !== t.userId) assertCanManage(t, target);
    if (target.role === 'owner' && target.active && !target.invited && owners.length <= 1) {
      throw conflict('last_owner', 'An account needs at least one active owner: make someone else owner first');
    }
    await repo.deleteMembership(tx, t, userId);
    await record(tx, t, {
      action: 'member.removed',
      target: memberTarget(target),
      details: { role: target.role, invitation: target.invited },
    });
  });
}
