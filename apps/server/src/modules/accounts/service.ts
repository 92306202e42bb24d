import { roleAtLeast, type AddMemberResponse, type Member, type Role } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import { assertStrongPassword, hashPassword } from '../../auth/passwords';
import { hashToken, newOpaqueToken } from '../../auth/tokens';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { AppError, conflict, notFound } from '../../http/errors';
import { getPlatformSettings, type PlatformDefaults } from '../platform/repo';
import * as repo from './repo';

const INVITE_TTL_MS = 7 * 86_400_000;

interface NewOwner {
  email: string;
  password: string;
  name: string;
  accountName: string;
}

/** First run: the platform's system account and its owner. Only while no user exists. */
export async function setup(db: Db, defaults: PlatformDefaults, body: NewOwner): Promise<string> {
  assertStrongPassword(body.password, [body.email, body.name, body.accountName]);
  const passwordHash = await hashPassword(body.password);
  try {
    return await db.transaction(async (tx) => {
      if ((await repo.countUsers(tx)) > 0) throw conflict('setup_done', 'Setup has already been completed');
      const userId = await repo.insertAccountWithOwner(tx, { ...body, passwordHash }, true);
      await repo.insertPlatformSettings(tx, defaults);
      return userId;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('setup_done', 'Setup has already been completed');
    throw e;
  }
}

/** Self-service sign-up: a new account with the new user as its owner. */
export async function signup(db: Db, defaults: PlatformDefaults, body: NewOwner): Promise<string> {
  if ((await repo.countUsers(db)) === 0) {
    throw new AppError(409, 'setup_required', 'The platform has not been set up yet');
  }
  if (!(await getPlatformSettings(db, defaults)).signupEnabled) {
    throw new AppError(403, 'signup_disabled', 'Sign-up is switched off on this platform');
  }
  assertStrongPassword(body.password, [body.email, body.name, body.accountName]);
  if (await repo.findUserByEmail(db, body.email)) throw conflict('email_taken', 'This email is already registered');
  const passwordHash = await hashPassword(body.password);
  try {
    return await db.transaction((tx) => repo.insertAccountWithOwner(tx, { ...body, passwordHash }, false));
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('email_taken', 'This email is already registered');
    throw e;
  }
}

function assertCanGrant(t: TenantContext, role: Role) {
  if (!roleAtLeast(t.role, role)) {
    throw new AppError(403, 'role_insufficient', `Only an ${role === 'owner' ? 'owner' : 'admin'} can grant the ${role} role`);
  }
}

function assertCanManage(t: TenantContext, target: Member) {
  if (!roleAtLeast(t.role, target.role)) {
    throw new AppError(403, 'role_insufficient', `Only an owner can change an ${target.role}`);
  }
}

/**
 * Invites a person to the account by email. Always an invitation with a one-time link, whether or not the email
 * already has a user: nobody joins an account without accepting, and the answer looks the same either way (it
 * never tells the inviter whether the email is registered). An unknown email gets a user without a password,
 * who chooses name and password on accepting; an existing user accepts by proving their password.
 */
export async function addMember(
  db: Db,
  t: TenantContext,
  body: { email: string; role: Role },
  publicUrl: string | undefined,
): Promise<AddMemberResponse> {
  assertCanGrant(t, body.role);
  const alreadyMember = () => conflict('already_member', `${body.email} is already a member of this account or invited to it`);
  try {
    return await db.transaction(async (tx) => {
      let user = await repo.findUserByEmail(tx, body.email);
      if (!user) user = await repo.insertInvitedUser(tx, body.email);
      else if (await repo.getMember(tx, t, user.id)) throw alreadyMember();
      await repo.insertInvitedMembership(tx, t, user.id, body.role);
      const token = newOpaqueToken();
      await repo.insertInviteToken(tx, t, user.id, hashToken(token), new Date(Date.now() + INVITE_TTL_MS));
      const member = (await repo.getMember(tx, t, user.id))!;
      return { member, inviteUrl: `${publicUrl?.replace(/\/$/, '') ?? ''}/invite/${token}` };
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
  });
}
