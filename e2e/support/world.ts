import type { Role } from '@igny8/contracts';
import { ApiCallError, ApiClient, inviteToken } from './api';
import { CUSTOMER, CUSTOMER_ACCOUNT_NAME, SYSTEM_OWNER, type Person } from './users';

export interface WorldUser extends Person {
  id: string;
}

/** Everything the specs share on the one e2e server; built through the public API. */
export interface World {
  system: { accountId: string; owner: WorldUser };
  customer: { accountId: string; members: Record<Role, WorldUser> };
  /** A site in the system account, for the site-scoped pages (planner, writer). */
  siteId: string;
}

async function signIn(baseURL: string, person: Person): Promise<ApiClient | null> {
  const api = await ApiClient.create(baseURL);
  try {
    await api.login(person);
    return api;
  } catch (e) {
    await api.dispose();
    if (e instanceof ApiCallError && e.status === 401) return null;
    throw e;
  }
}

/**
 * Builds the world, or finds it when an earlier worker already did (a worker restarts after a
 * failed test): every step first tries to sign in and only creates what is missing.
 */
export async function ensureWorld(baseURL: string): Promise<World> {
  const clients: ApiClient[] = [];
  try {
    const probe = await ApiClient.create(baseURL);
    clients.push(probe);
    if ((await probe.setupStatus()).needsSetup) {
      throw new Error('The installation is not set up: the @first-run test of auth.spec.ts must run first.');
    }

    const ada = await signIn(baseURL, SYSTEM_OWNER);
    if (!ada) throw new Error(`The first admin ${SYSTEM_OWNER.email} cannot sign in.`);
    clients.push(ada);
    const systemAccount = ada.session!.memberships.find((m) => m.isSystem);
    if (!systemAccount) throw new Error('The first admin is not a member of the system account.');

    let olivia = await signIn(baseURL, CUSTOMER.owner);
    if (!olivia) {
      olivia = await ApiClient.create(baseURL);
      await olivia.signup(CUSTOMER.owner, CUSTOMER_ACCOUNT_NAME);
    }
    clients.push(olivia);
    const customerAccount = olivia.session!.memberships.find((m) => m.accountName === CUSTOMER_ACCOUNT_NAME);
    if (!customerAccount) throw new Error(`${CUSTOMER.owner.email} owns no ${CUSTOMER_ACCOUNT_NAME}.`);
    const customerId = customerAccount.accountId;

    const members = { owner: { ...CUSTOMER.owner, id: olivia.userId } } as Record<Role, WorldUser>;
    for (const role of ['admin', 'editor', 'viewer'] as const) {
      const person = CUSTOMER[role];
      let client = await signIn(baseURL, person);
      if (!client) {
        const added = await olivia.addMember(customerId, person.email, role);
        if (!added.inviteUrl) throw new Error(`No invite link for the new user ${person.email}.`);
        client = await ApiClient.create(baseURL);
        await client.acceptInvite(inviteToken(added.inviteUrl), person);
      }
      clients.push(client);
      members[role] = { ...person, id: client.userId };
    }

    // Site-scoped pages need a site. A failing sites API fails the world (call throws), rather
    // than quietly leaving the specs without a site and skipping every site page.
    const sitesPath = `/api/v1/accounts/${systemAccount.accountId}/sites`;
    const sites = await ada.call<{ items: { id: string }[] }>('GET', sitesPath);
    const siteId =
      sites.items[0]?.id ??
      (await ada.call<{ id: string }>('POST', sitesPath, { name: 'Example blog', url: 'https://blog.example.com' })).id;

    return {
      system: { accountId: systemAccount.accountId, owner: { ...SYSTEM_OWNER, id: ada.userId } },
      customer: { accountId: customerId, members },
      siteId,
    };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}
