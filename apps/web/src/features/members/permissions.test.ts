import { describe, expect, it } from 'vitest';
import type { Member, Role } from '@igny8/contracts';
import { assignableRoles, memberControls, memberStatus } from './permissions';

function member(userId: string, role: Role, extra: Partial<Member> = {}): Member {
  return {
    userId,
    email: `${userId}@example.com`,
    name: userId,
    role,
    active: true,
    userActive: true,
    invited: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

describe('member controls', () => {
  it('gives viewers and editors a read-only table', () => {
    for (const role of ['viewer', 'editor'] as const) {
      const controls = memberControls({ userId: 'me', role }, member('other', 'viewer'));
      expect(controls).toEqual({ roles: [], canToggleActive: false, canRemove: false });
    }
  });

  it('lets admins manage non-owners but never grant owner', () => {
    const controls = memberControls({ userId: 'me', role: 'admin' }, member('other', 'editor'));
    expect(controls.canRemove).toBe(true);
    expect(controls.canToggleActive).toBe(true);
    expect(controls.roles).toEqual(['admin', 'editor', 'viewer']);
  });

  it('keeps admins away from owners', () => {
    const controls = memberControls({ userId: 'me', role: 'admin' }, member('boss', 'owner'));
    expect(controls).toEqual({ roles: [], canToggleActive: false, canRemove: false });
  });

  it('lets owners grant owner and step down themselves, but not remove themselves', () => {
    expect(assignableRoles('owner')).toContain('owner');
    const self = memberControls({ userId: 'me', role: 'owner' }, member('me', 'owner'));
    expect(self.roles).toContain('viewer');
    expect(self.canRemove).toBe(false);
    expect(self.canToggleActive).toBe(false);
  });

  it('lets an admin withdraw a pending invitation or change its role, but not deactivate it', () => {
    const controls = memberControls({ userId: 'me', role: 'admin' }, member('new', 'editor', { invited: true }));
    expect(controls).toEqual({ roles: ['admin', 'editor', 'viewer'], canToggleActive: false, canRemove: true });
  });

  it('does not let an admin change their own membership', () => {
    const self = memberControls({ userId: 'me', role: 'admin' }, member('me', 'admin'));
    expect(self).toEqual({ roles: [], canToggleActive: false, canRemove: false });
  });
});

describe('member status', () => {
  it('ranks a platform-wide disable over membership state and invitations', () => {
    expect(memberStatus(member('a', 'viewer', { userActive: false, active: false }))).toBe('user_disabled');
    expect(memberStatus(member('a', 'viewer', { active: false, invited: true }))).toBe('deactivated');
    expect(memberStatus(member('a', 'viewer', { invited: true }))).toBe('invited');
    expect(memberStatus(member('a', 'viewer'))).toBe('active');
  });
});
