import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptInvite,
  addMember,
  bearer,
  inviteTokenOf,
  login,
  OPERATOR_PASSWORD,
  tenantFixture,
  TEST_PASSWORD,
  testApp,
  type TestApp,
} from './helpers/app';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
beforeAll(async () => {
  t = await testApp();
  f = await tenantFixture(t.app);
});
afterAll(() => t.close());

const members = (accountId = f.accountId) => `/api/v1/accounts/${accountId}/members`;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: { token: string }, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });

describe('members', () => {
  it('lists members with roles to every member, viewer included', async () => {
    const res = await call('GET', members(), f.viewer);
    expect(res.statusCode).toBe(200);
    const roles = Object.fromEntries(res.json().items.map((m: { email: string; role: string }) => [m.email, m.role]));
    expect(roles).toEqual({
      'admin@a.test': 'admin',
      'editor@a.test': 'editor',
      'owner@a.test': 'owner',
      'viewer@a.test': 'viewer',
    });
    expect(res.json().total).toBe(4);
  });

  const accept = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/auth/invite/accept', payload });

  it('invites an unknown email with a one-time link where they choose a name and a strong password', async () => {
    const res = await call('POST', members(), f.admin, { email: 'New.Person@a.test', role: 'editor' });
    expect(res.statusCode).toBe(201);
    expect(res.json().member).toMatchObject({ email: 'new.person@a.test', role: 'editor', invited: true });
    const token = inviteTokenOf(res);
    const bad = await accept({ token: 'x'.repeat(40), name: 'N', password: TEST_PASSWORD });
    expect(bad.json().error.code).toBe('invite_invalid');
    const noName = await accept({ token, password: TEST_PASSWORD });
    expect(noName.statusCode).toBe(400);
    const weak = await accept({ token, name: 'New Person', password: 'password-123' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('password_weak');
    const ok = await accept({ token, name: 'New Person', password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().memberships).toEqual([expect.objectContaining({ accountId: f.accountId, role: 'editor' })]);
    const reuse = await accept({ token, name: 'X', password: 'another-harbor-lantern-8' });
    expect(reuse.json().error.code).toBe('invite_invalid');
    await login(t.app, 'new.person@a.test');
  });

  it('invites an existing user without adding them: the answer looks like any invitation, and they join only by accepting', async () => {
    const fresh = await call('POST', members(f.otherAccountId), f.outsider, {
      email: 'nobody-yet@a.test',
      role: 'viewer',
    });
    const existing = await call('POST', members(f.otherAccountId), f.outsider, {
      email: 'editor@a.test',
      role: 'viewer',
    });
    expect(existing.statusCode).toBe(201);
    // Same shape and the same kind of values: no real name, no user status, an invitation link either way.
    const shape = (r: typeof fresh) => {
      const { member, inviteUrl } = r.json();
      return {
        keys: Object.keys(r.json()).sort(),
        memberKeys: Object.keys(member).sort(),
        name: member.name === member.email.split('@')[0],
        invited: member.invited,
        userActive: member.userActive,
        link: /\/invite\/[\w-]{20,}$/.test(inviteUrl),
      };
    };
    expect(shape(existing)).toEqual(shape(fresh));
    expect(existing.json().member.name).toBe('editor');

    // Not a member until they accept: no access, not in their memberships.
    const editor = await login(t.app, 'editor@a.test');
    expect((await call('GET', members(f.otherAccountId), editor)).statusCode).toBe(404);
    expect(
      (await call('GET', '/api/v1/auth/me', editor))
        .json()
        .memberships.map((m: { accountName: string }) => m.accountName),
    ).toEqual(['Account A']);

    // They accept by proving their password (a wrong one spends nothing).
    const token = inviteTokenOf(existing);
    const wrong = await accept({ token, password: 'not-their-password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth_invalid');
    const ok = await accept({ token, password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.name).toBe('editor');
    expect(
      ok
        .json()
        .memberships.map((m: { accountName: string }) => m.accountName)
        .sort(),
    ).toEqual(['Account A', 'Account B']);
    expect((await call('GET', members(f.otherAccountId), editor)).statusCode).toBe(200);
    const listed = (await call('GET', members(f.otherAccountId), f.outsider)).json().items;
    expect(listed.find((m: { email: string }) => m.email === 'editor@a.test')).toMatchObject({
      invited: false,
      role: 'viewer',
    });

    const dup = await call('POST', members(f.otherAccountId), f.outsider, { email: 'editor@a.test', role: 'viewer' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('already_member');
  });

  it('tells whoever holds a live invitation link the account, role and inviter, and nothing more', async () => {
    const lookup = (token: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/invite/lookup', payload: { token } });
    const res = await call('POST', members(), f.admin, { email: 'looked.up@a.test', role: 'viewer' });
    const token = inviteTokenOf(res);
    const details = await lookup(token);
    expect(details.statusCode).toBe(200);
    expect(details.json()).toEqual({ accountName: 'Account A', role: 'viewer', inviterName: f.admin.auth.user.name });
    expect((await lookup('x'.repeat(40))).json().error.code).toBe('invite_invalid');
    expect((await accept({ token, name: 'Looked Up', password: TEST_PASSWORD })).statusCode).toBe(200);
    const spent = await lookup(token);
    expect(`${spent.statusCode} ${spent.json().error.code}`).toBe('400 invite_invalid');
  });

  it('withdraws an invitation by removing the pending member: its link stops working', async () => {
    for (const email of ['withdrawn@a.test', 'viewer@a.test']) {
      const url = members(f.otherAccountId);
      const res = await call('POST', url, f.outsider, { email, role: 'editor' });
      expect(res.statusCode).toBe(201);
      expect((await call('DELETE', `${url}/${res.json().member.userId}`, f.outsider)).statusCode).toBe(204);
      const late = await accept({ token: inviteTokenOf(res), name: 'Late', password: TEST_PASSWORD });
      expect(`${email} ${late.statusCode} ${late.json().error?.code}`).toBe(`${email} 400 invite_invalid`);
    }
  });

  it('lets an admin withdraw a pending owner invitation even with one owner', async () => {
    const res = await call('POST', members(), f.owner, { email: 'future-owner@a.test', role: 'owner' });
    expect((await call('DELETE', `${members()}/${res.json().member.userId}`, f.owner)).statusCode).toBe(204);
    const again = await call('POST', members(), f.owner, { email: 'future-owner@a.test', role: 'owner' });
    await acceptInvite(t.app, inviteTokenOf(again), 'future-owner@a.test');
    expect(
      (await call('GET', members(), f.owner)).json().items.filter((m: { role: string }) => m.role === 'owner'),
    ).toHaveLength(2);
    const id = again.json().member.userId;
    expect((await call('PATCH', `${members()}/${id}`, f.owner, { role: 'viewer' })).statusCode).toBe(200);
  });

  it('refuses members below admin to manage members', async () => {
    const res = await call('POST', members(), f.editor, { email: 'x@a.test', role: 'viewer' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('role_insufficient');
  });

  it('lets an admin neither grant owner nor change an owner', async () => {
    const grant = await call('PATCH', `${members()}/${f.editor.userId}`, f.admin, { role: 'owner' });
    expect(grant.statusCode).toBe(403);
    expect(grant.json().error.code).toBe('role_insufficient');
    const touch = await call('PATCH', `${members()}/${f.owner.userId}`, f.admin, { role: 'viewer' });
    expect(touch.json().error.code).toBe('role_insufficient');
  });

  it('never lets the last owner be demoted, deactivated or removed', async () => {
    for (const [method, payload] of [
      ['PATCH', { role: 'admin' }],
      ['PATCH', { active: false }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(method, `${members()}/${f.owner.userId}`, f.owner, payload);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('last_owner');
    }
    // With a second owner, the first may step down.
    expect((await call('PATCH', `${members()}/${f.admin.userId}`, f.owner, { role: 'owner' })).statusCode).toBe(200);
    expect((await call('PATCH', `${members()}/${f.owner.userId}`, f.owner, { role: 'admin' })).json().role).toBe(
      'admin',
    );
    expect((await call('PATCH', `${members()}/${f.owner.userId}`, f.admin, { role: 'owner' })).json().role).toBe(
      'owner',
    );
  });

  it('deactivates a member: their requests to the account get 403 user_inactive; reactivating restores access', async () => {
    const viewerUrl = `${members()}/${f.viewer.userId}`;
    expect((await call('PATCH', viewerUrl, f.admin, { active: false })).json().active).toBe(false);
    const denied = await call('GET', members(), f.viewer);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('user_inactive');
    await call('PATCH', viewerUrl, f.admin, { active: true });
    expect((await call('GET', members(), f.viewer)).statusCode).toBe(200);
  });

  it('removes a member; an unknown or malformed member id is 404', async () => {
    const temp = await addMember(t.app, f.owner, f.accountId, 'temp@a.test', 'viewer');
    expect((await call('DELETE', `${members()}/${temp.userId}`, f.admin)).statusCode).toBe(204);
    expect((await call('GET', members(), temp)).statusCode).toBe(404);
    expect((await call('DELETE', `${members()}/${temp.userId}`, f.admin)).statusCode).toBe(404);
    expect((await call('DELETE', `${members()}/not-a-uuid`, f.admin)).statusCode).toBe(404);
  });

  it('rejects bad member input with field paths', async () => {
    const res = await call('POST', members(), f.admin, { email: 'nope', role: 'superuser' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.email', 'body.role']);
    const empty = await call('PATCH', `${members()}/${f.viewer.userId}`, f.admin, {});
    expect(empty.statusCode).toBe(400);
  });
});

describe('inactive accounts and users', () => {
  it('refuses an inactive account with account_inactive, and an inactive user everywhere with user_inactive', async () => {
    const op = f.operator;
    const deact = await call('PATCH', `/api/v1/platform/accounts/${f.otherAccountId}`, op, { active: false });
    expect(deact.json().active).toBe(false);
    const res = await call('GET', members(f.otherAccountId), f.outsider);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('account_inactive');
    await call('PATCH', `/api/v1/platform/accounts/${f.otherAccountId}`, op, { active: true });

    const off = await call('PATCH', `/api/v1/platform/users/${f.viewer.userId}`, op, { active: false });
    expect(off.statusCode).toBe(200);
    expect((await call('GET', '/api/v1/auth/me', f.viewer)).json().error.code).toBe('user_inactive');
    const relogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'viewer@a.test', password: TEST_PASSWORD },
    });
    expect(relogin.statusCode).toBe(403);
    expect(relogin.json().error.code).toBe('user_inactive');
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: f.viewer.cookie },
    });
    expect(refresh.statusCode).toBe(401);
    await call('PATCH', `/api/v1/platform/users/${f.viewer.userId}`, op, { active: true });
  });

  it('does not let the system account be deactivated', async () => {
    const sys = f.operator.auth.memberships[0]!.accountId;
    const res = await call('PATCH', `/api/v1/platform/accounts/${sys}`, f.operator, { active: false });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
  });

  it('does not let the platform operator deactivate themselves; they can still sign in', async () => {
    const res = await call('PATCH', `/api/v1/platform/users/${f.operator.userId}`, f.operator, { active: false });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
    expect((await call('GET', '/api/v1/auth/me', f.operator)).statusCode).toBe(200);
    const again = await login(t.app, 'operator@igny8.test', OPERATOR_PASSWORD);
    expect((await call('GET', '/api/v1/platform/settings', again)).statusCode).toBe(200);
  });

  it('answers 404 not_found for an unknown or malformed user or account id', async () => {
    for (const url of [
      '/api/v1/platform/users/00000000-0000-4000-8000-000000000000',
      '/api/v1/platform/users/not-a-uuid',
      '/api/v1/platform/accounts/00000000-0000-4000-8000-000000000000',
      '/api/v1/platform/accounts/not-a-uuid',
    ]) {
      const res = await call('PATCH', url, f.operator, { active: false });
      expect(`${url} ${res.statusCode} ${res.json().error?.code}`).toBe(`${url} 404 not_found`);
    }
  });
});
