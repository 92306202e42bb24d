import type { PlatformSettings, Role } from '@igny8/contracts';
import { ApiClient, inviteToken } from '../api';
import { SYSTEM_ACCOUNT_NAME, SYSTEM_OWNER, type Person } from '../users';

/**
 * Accounts and people of the pipeline and incident specs, made fresh through the public API on
 * every run, so these specs depend on no other spec's data (the suite shares one database).
 */

export interface TenantUser extends Person {
  id: string;
  role: Role;
}

export interface Tenant {
  accountId: string;
  accountName: string;
  users: Record<Role, TenantUser>;
}

const ROLES: readonly Role[] = ['owner', 'admin', 'editor', 'viewer'];

/** Unique per run and per call: the database outlives a single spec. */
export function uniqueTag(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * The platform operator (the first admin, owner of the system account), signed in. When the
 * installation has not been set up yet (a spec run without auth.spec.ts's @first-run test), it
 * is set up here through the API with the same well-known first admin.
 */
export async function signInOperator(baseURL: string): Promise<ApiClient> {
  const api = await ApiClient.create(baseURL);
  if ((await api.setupStatus()).needsSetup) {
    const res = await fetch(new URL('/api/v1/setup', baseURL), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: SYSTEM_OWNER.email,
        password: SYSTEM_OWNER.password,
        name: SYSTEM_OWNER.name,
        accountName: SYSTEM_ACCOUNT_NAME,
      }),
    });
    // 409: another worker or spec set it up a moment ago, which is just as good.
    if (!res.ok && res.status !== 409)
      throw new Error(`POST /api/v1/setup answered ${res.status}: ${await res.text()}`);
  }
  await api.login(SYSTEM_OWNER);
  if (!api.session?.platformOperator) throw new Error(`${SYSTEM_OWNER.email} is not a platform operator`);
  return api;
}

/** The system account's id, from the operator's memberships. */
export function systemAccountIdOf(operator: ApiClient): string {
  const m = operator.session?.memberships.find((x) => x.isSystem);
  if (!m) throw new Error('the operator is not a member of the system account');
  return m.accountId;
}

/**
 * A new customer account by self-service sign-up, with one member of every role (invited by the
 * owner, invites accepted). When sign-up is switched off (another spec may do that), the operator
 * switches it on for the sign-up and back off afterwards.
 */
export async function createTenant(baseURL: string, operator: ApiClient, label: string): Promise<Tenant> {
  const tag = uniqueTag(label);
  const person = (role: Role): Person => ({
    name: `${label} ${role[0]!.toUpperCase()}${role.slice(1)}`,
    email: `${tag}-${role}@e2e.test`,
    password: `${role}-walks-by-lanterns-${tag}`,
  });
  const accountName = `${label} ${tag.slice(label.length + 1)}`;

  const owner = await ApiClient.create(baseURL);
  const clients: ApiClient[] = [owner];
  try {
    const settings = await operator.call<PlatformSettings>('GET', '/api/v1/platform/settings');
    if (!settings.signupEnabled) await operator.call('PUT', '/api/v1/platform/settings', { signupEnabled: true });
    try {
      await owner.signup(person('owner'), accountName);
    } finally {
      if (!settings.signupEnabled) await operator.call('PUT', '/api/v1/platform/settings', { signupEnabled: false });
    }
    const membership = owner.session!.memberships.find((m) => m.accountName === accountName);
    if (!membership) throw new Error(`sign-up made no account named ${accountName}`);
    const accountId = membership.accountId;

    const users = { owner: { ...person('owner'), id: owner.userId, role: 'owner' } } as Record<Role, TenantUser>;
    for (const role of ROLES.filter((r) => r !== 'owner')) {
      const p = person(role);
      const added = await owner.addMember(accountId, p.email, role);
      if (!added.inviteUrl) throw new Error(`no invite link for the new user ${p.email}`);
      const member = await ApiClient.create(baseURL);
      clients.push(member);
      await member.acceptInvite(inviteToken(added.inviteUrl), p);
      users[role] = { ...p, id: member.userId, role };
    }
    return { accountId, accountName, users };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}

/** `createTenant` by the platform's operator, signed in for it and out again: a spec's own customer account. */
export async function newTenant(baseURL: string, label: string): Promise<Tenant> {
  const operator = await signInOperator(baseURL);
  try {
    return await createTenant(baseURL, operator, label);
  } finally {
    await operator.dispose();
  }
}

/** An API client signed in as `person`; dispose it when done. */
export async function signIn(baseURL: string, person: Pick<Person, 'email' | 'password'>): Promise<ApiClient> {
  const api = await ApiClient.create(baseURL);
  await api.login(person);
  return api;
}
