import { roleAtLeast, roles, type Member, type Role } from '@igny8/contracts';

/**
 * What the signed-in user may do on the members page. The server enforces the same rules and
 * has the last word; these only decide which controls are shown.
 */

/** Roles the user may hand out: owners any role, admins up to admin, others none. */
export function assignableRoles(myRole: Role): Role[] {
  if (myRole === 'owner') return [...roles];
  if (myRole === 'admin') return roles.filter((r) => r !== 'owner');
  return [];
}

export function canManageMembers(myRole: Role): boolean {
  return roleAtLeast(myRole, 'admin');
}

export interface MemberControls {
  /** Options for the role select; empty means the role is shown read-only. */
  roles: Role[];
  canToggleActive: boolean;
  canRemove: boolean;
}

const NONE: MemberControls = { roles: [], canToggleActive: false, canRemove: false };

export function memberControls(me: { userId: string; role: Role }, member: Member): MemberControls {
  if (!canManageMembers(me.role)) return NONE;
  // Admins cannot touch owners.
  if (member.role === 'owner' && me.role !== 'owner') return NONE;
  if (member.userId === me.userId) {
    // Only an owner may step down (the server keeps at least one owner); nobody removes or
    // deactivates themselves from here.
    return me.role === 'owner' ? { ...NONE, roles: assignableRoles(me.role) } : NONE;
  }
  // A pending invitation has nothing to deactivate: it is withdrawn (removed) or accepted.
  return { roles: assignableRoles(me.role), canToggleActive: !member.invited, canRemove: true };
}

export type MemberStatus = 'active' | 'invited' | 'deactivated' | 'user_disabled';

export function memberStatus(member: Member): MemberStatus {
  if (!member.userActive) return 'user_disabled';
  if (!member.active) return 'deactivated';
  if (member.invited) return 'invited';
  return 'active';
}
