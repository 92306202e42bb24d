import type { Page } from '@playwright/test';
import type { Role } from '@igny8/contracts';
import { ApiClient } from '../support/api';
import { createTenant, signInOperator } from '../support/pipeline/tenant';
import { expect, test } from '../support/fixtures';
import { CUSTOMER, CUSTOMER_ACCOUNT_NAME, SYSTEM_ACCOUNT_NAME, SYSTEM_OWNER } from '../support/users';
import { expectSignedIn, loginViaUi } from '../support/ui';
import type { World } from '../support/world';

/**
 * What each role sees: members-page controls, the Platform area, and the invitation flow from the
 * owner's "Invite" to the invited person's first sign-in in a separate browser.
 */

const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', admin: 'Admin', editor: 'Editor', viewer: 'Viewer' };

async function openCustomerMembers(page: Page, world: World, role: Role): Promise<void> {
  await loginViaUi(page, CUSTOMER[role]);
  await expect(page).toHaveURL(new RegExp(`/a/${world.customer.accountId}$`));
  await expect(page.getByTestId('overview-role')).toHaveText(ROLE_LABEL[role]);
  await expect(page.getByTestId('current-account-name')).toHaveText(CUSTOMER_ACCOUNT_NAME);
  await page.getByTestId('nav-members').click();
  await expect(page.getByTestId('members-table')).toBeVisible();
  // Every member of the account is listed, whoever looks.
  for (const r of ['owner', 'admin', 'editor', 'viewer'] as const) {
    await expect(page.getByTestId(`member-row-${world.customer.members[r].id}`)).toContainText(CUSTOMER[r].email);
  }
}

/** No way to change anything: labels instead of selects, no invite, no row actions. */
async function expectReadOnlyMembers(page: Page, world: World): Promise<void> {
  await expect(page.getByTestId('members-read-only')).toBeVisible();
  await expect(page.getByTestId('invite-open')).toHaveCount(0);
  for (const r of ['owner', 'admin', 'editor', 'viewer'] as const) {
    const id = world.customer.members[r].id;
    await expect(page.getByTestId(`member-role-label-${id}`)).toHaveText(ROLE_LABEL[r]);
    await expect(page.getByTestId(`member-role-${id}`)).toHaveCount(0);
  }
  await expect(page.locator('select[data-testid^="member-role-"]')).toHaveCount(0);
  await expect(page.locator('[data-testid^="member-deactivate-"]')).toHaveCount(0);
  await expect(page.locator('[data-testid^="member-remove-"]')).toHaveCount(0);
}

async function expectNoPlatform(page: Page): Promise<void> {
  await expect(page.getByTestId('nav-platform')).toHaveCount(0);
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('logout')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Platform settings' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.goto('/platform');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByTestId('platform-accounts-table')).toHaveCount(0);
  await expectSignedIn(page);
}

test('a viewer sees no admin controls and no Platform area', async ({ page, world }) => {
  await openCustomerMembers(page, world, 'viewer');
  await expectReadOnlyMembers(page, world);
  // Account settings is an admin page: no nav entry below admin; opened directly it is read-only.
  await expect(page.getByTestId('nav-settings')).toHaveCount(0);
  await page.goto(`/a/${world.customer.accountId}/settings`);
  await expect(page.getByTestId('settings-read-only')).toBeVisible();
  await expect(page.getByTestId('settings-name')).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('settings-save')).toHaveCount(0);
  await expectNoPlatform(page);
});

test('an editor sees a read-only members table', async ({ page, world }) => {
  await openCustomerMembers(page, world, 'editor');
  await expectReadOnlyMembers(page, world);
  await expect(page.getByTestId('nav-platform')).toHaveCount(0);
});

test('an admin can invite and change roles, but not an owner', async ({ page, world, baseURL }) => {
  await openCustomerMembers(page, world, 'admin');
  const m = world.customer.members;
  await expect(page.getByTestId('members-read-only')).toHaveCount(0);
  await expect(page.getByTestId('invite-open')).toBeVisible();

  // Editor and viewer rows: a role select offering up to admin (never owner), and row actions.
  for (const r of ['editor', 'viewer'] as const) {
    const select = page.getByTestId(`member-role-${m[r].id}`);
    await expect(select).toHaveValue(r);
    await expect(select.locator('option')).toHaveText(['Admin', 'Editor', 'Viewer']);
    await expect(page.getByTestId(`member-deactivate-${m[r].id}`)).toBeVisible();
    await expect(page.getByTestId(`member-remove-${m[r].id}`)).toBeVisible();
  }
  // The owner's row cannot be touched by an admin; nor can the admin change their own.
  for (const r of ['owner', 'admin'] as const) {
    await expect(page.getByTestId(`member-role-label-${m[r].id}`)).toHaveText(ROLE_LABEL[r]);
    await expect(page.getByTestId(`member-role-${m[r].id}`)).toHaveCount(0);
    await expect(page.getByTestId(`member-deactivate-${m[r].id}`)).toHaveCount(0);
    await expect(page.getByTestId(`member-remove-${m[r].id}`)).toHaveCount(0);
  }

  // The invite dialog offers the roles an admin may grant: not owner.
  await page.getByTestId('invite-open').click();
  await expect(page.getByTestId('invite-role').locator('option')).toHaveText(['Admin', 'Editor', 'Viewer']);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('invite-email')).toBeHidden();

  // The server has the last word and agrees: an admin cannot demote the owner.
  const api = await ApiClient.create(baseURL!);
  try {
    await api.login(CUSTOMER.admin);
    const res = await api.raw('PATCH', `/api/v1/accounts/${world.customer.accountId}/members/${m.owner.id}`, {
      role: 'viewer',
    });
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('role_insufficient');
  } finally {
    await api.dispose();
  }
  await page.reload();
  await expect(page.getByTestId(`member-role-label-${m.owner.id}`)).toHaveText('Owner');
  await expect(page.getByTestId('nav-platform')).toHaveCount(0);
});

test('the Platform area is for the system account owner only', async ({ page, world, newContext }) => {
  // A normal owner: no Platform nav, and /platform does not exist for them.
  await openCustomerMembers(page, world, 'owner');
  // (an owner may change every role, their own included)
  for (const r of ['owner', 'admin', 'editor', 'viewer'] as const) {
    await expect(page.getByTestId(`member-role-${world.customer.members[r].id}`)).toHaveValue(r);
  }
  await expectNoPlatform(page);

  // The owner of the system account: nav entry, page, and every account of the installation.
  const operator = await (await newContext()).newPage();
  await loginViaUi(operator, SYSTEM_OWNER);
  await expect(operator.getByTestId('current-account-name')).toHaveText(SYSTEM_ACCOUNT_NAME);
  await operator.getByTestId('nav-platform').click();
  await expect(operator).toHaveURL(/\/platform$/);
  await expect(operator.getByTestId('platform-accounts-table')).toBeVisible();
  await expect(operator.getByTestId(`platform-account-${world.system.accountId}`)).toContainText(SYSTEM_ACCOUNT_NAME);
  await expect(operator.getByTestId(`platform-account-${world.customer.accountId}`)).toContainText(
    CUSTOMER_ACCOUNT_NAME,
  );
  await expect(operator.getByTestId('platform-signup-enabled')).toBeVisible();
  await expect(operator.getByTestId('not-found')).toHaveCount(0);
});

test('invite flow: the owner invites a new email, the link signs the person in as the invited role', async ({
  page,
  world,
  guard,
  baseURL,
  newContext,
}) => {
  // The second use of the one-time link is refused on purpose.
  guard.allow({ method: 'POST', path: '/api/v1/auth/invite/accept', status: 400, reason: 'invite link used twice' });
  guard.allow({
    method: 'POST',
    path: '/api/v1/auth/invite/lookup',
    status: 400,
    reason: 'the accept page looks the spent link up',
  });
  const acme = world.customer.accountId;
  const email = 'nina@acme.test'; // fixed: every run starts from an empty database
  const invited = { name: 'Nina Newcomer', password: 'nina-sails-past-midnight' };

  await openCustomerMembers(page, world, 'owner');
  await page.getByTestId('invite-open').click();
  await page.getByTestId('invite-email').fill(email);
  await page.getByTestId('invite-role').selectOption('editor');
  await page.getByTestId('invite-submit').click();
  const linkField = page.getByTestId('invite-link');
  await expect(linkField).toBeVisible();
  const link = await linkField.inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/invite/[^/]+$`));
  await page.getByTestId('invite-done').click();
  await expect(linkField).toBeHidden();
  const row = page.locator('[data-testid^="member-row-"]').filter({ hasText: email });
  await expect(row).toBeVisible();
  await expect(row.locator('[data-testid^="member-status-"]')).toHaveText('Invited');
  await expect(row.locator('select[data-testid^="member-role-"]')).toHaveValue('editor');

  // The invited person: another browser, no cookies, nothing shared with the owner.
  const newcomer = await (await newContext()).newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByTestId('invite-accept-page')).toBeVisible();
  await newcomer.getByTestId('accept-name').fill(invited.name);
  await newcomer.getByTestId('accept-password').fill(invited.password);
  await newcomer.getByTestId('accept-submit').click();
  await expect(newcomer).toHaveURL(new RegExp(`/a/${acme}$`));
  await expectSignedIn(newcomer);
  await expect(newcomer.getByTestId('user-name')).toHaveText(invited.name);
  await expect(newcomer.getByTestId('current-account-name')).toHaveText(CUSTOMER_ACCOUNT_NAME);
  await expect(newcomer.getByTestId('overview-role')).toHaveText('Editor');
  await newcomer.getByTestId('nav-members').click();
  await expect(newcomer.getByTestId('members-read-only')).toBeVisible();
  await expect(newcomer.getByTestId('invite-open')).toHaveCount(0);
  // A reload keeps them signed in (the acceptance set the refresh cookie).
  await newcomer.reload();
  await expectSignedIn(newcomer);
  await expect(newcomer.getByTestId('members-table')).toBeVisible();

  // The owner sees the member as active now.
  await page.reload();
  await expect(row.locator('[data-testid^="member-status-"]')).toHaveText('Active');

  // The link was one-time: a second use is refused and signs nobody in.
  const replay = await (await newContext()).newPage();
  await replay.goto(link);
  await replay.getByTestId('accept-name').fill('Someone Else');
  await replay.getByTestId('accept-password').fill('someone-else-drifts-along');
  await replay.getByTestId('accept-submit').click();
  await expect(replay.getByTestId('form-error')).toBeVisible();
  await expect(replay).toHaveURL(/\/invite\//);
  await expect(replay.getByTestId('user-menu')).toHaveCount(0);

  // And the new password works on the login page.
  const again = await (await newContext()).newPage();
  await loginViaUi(again, { email, password: invited.password });
  await expect(again.getByTestId('overview-role')).toHaveText('Editor');
});

/** The owner's invite dialog: the link it shows for `email` (the same dialog whether or not the email has a user). */
async function inviteByLink(page: Page, email: string, role: Role): Promise<string> {
  await page.getByTestId('invite-open').click();
  await page.getByTestId('invite-email').fill(email);
  await page.getByTestId('invite-role').selectOption(role);
  await page.getByTestId('invite-submit').click();
  const linkField = page.getByTestId('invite-link');
  await expect(linkField).toBeVisible();
  await expect(page.getByRole('dialog')).toContainText('They join when they accept it');
  const link = await linkField.inputValue();
  await page.getByTestId('invite-done').click();
  await expect(linkField).toBeHidden();
  return link;
}

test('an existing user is invited, not added: they join only by signing in to accept', async ({
  page,
  world,
  baseURL,
  newContext,
}) => {
  const operator = await signInOperator(baseURL!);
  const elsewhere = await createTenant(baseURL!, operator, 'Elsewhere').finally(() => operator.dispose());
  const person = elsewhere.users.viewer;
  const acme = world.customer.accountId;

  await openCustomerMembers(page, world, 'owner');
  const link = await inviteByLink(page, person.email, 'editor');
  // Until they accept, the account sees only the email it typed: not their name, not that they exist.
  const row = page.getByTestId(`member-row-${person.id}`);
  await expect(row.locator('[data-testid^="member-status-"]')).toHaveText('Invited');
  await expect(row).not.toContainText(person.name);

  const invitee = await (await newContext()).newPage();
  await invitee.goto(link);
  await invitee.getByTestId('accept-mode').getByText('I already have a user').click();
  await expect(invitee.getByTestId('accept-name')).toHaveCount(0);
  await invitee.getByTestId('accept-password').fill(person.password);
  await invitee.getByTestId('accept-submit').click();
  await expectSignedIn(invitee);
  await expect(invitee.getByTestId('user-name')).toHaveText(person.name);
  await invitee.goto(`/a/${acme}`);
  await expect(invitee.getByTestId('current-account-name')).toHaveText(CUSTOMER_ACCOUNT_NAME);
  await expect(invitee.getByTestId('overview-role')).toHaveText('Editor');

  await page.reload();
  await expect(row.locator('[data-testid^="member-status-"]')).toHaveText('Active');
  await expect(row).toContainText(person.name);
});

test("a withdrawn invitation's link stops working", async ({ page, world, guard, newContext }) => {
  guard.allow({ method: 'POST', path: '/api/v1/auth/invite/accept', status: 400, reason: 'withdrawn invitation' });
  guard.allow({
    method: 'POST',
    path: '/api/v1/auth/invite/lookup',
    status: 400,
    reason: 'the accept page looks the spent link up',
  });
  const email = `walter-${Date.now().toString(36)}@acme.test`;
  await openCustomerMembers(page, world, 'owner');
  const link = await inviteByLink(page, email, 'viewer');
  const row = page.locator('[data-testid^="member-row-"]').filter({ hasText: email });
  await row.getByRole('button', { name: 'Withdraw invitation' }).click();
  await page.getByTestId('confirm-ok').click();
  await expect(row).toHaveCount(0);

  const late = await (await newContext()).newPage();
  await late.goto(link);
  await late.getByTestId('accept-name').fill('Walter Late');
  await late.getByTestId('accept-password').fill('walter-arrives-after-dusk');
  await late.getByTestId('accept-submit').click();
  await expect(late.getByTestId('form-error')).toContainText('withdrawn');
  await expect(late).toHaveURL(/\/invite\//);
  await expect(late.getByTestId('user-menu')).toHaveCount(0);
});
