import { expect, test } from '../support/fixtures';
import { newTenant, signIn, type Tenant } from '../support/pipeline/tenant';
import { loginContext } from '../support/ui';

/**
 * An account admin's own AI settings go through the outbound-request policy: a base URL on the
 * server's own network is refused where it is typed, and a stored key never follows a new host.
 * Public IP literals stand for public providers: saving checks the address but connects nowhere.
 */
let tenant: Tenant;
test.beforeAll(async ({ baseURL }) => {
  tenant = await newTenant(baseURL!, 'Outbound');
});

test('an admin cannot point AI settings at the internal network, and enters the key again for a new host', async ({
  context,
  baseURL,
  guard,
}) => {
  guard.allow({
    method: 'PUT',
    path: `/api/v1/accounts/${tenant.accountId}/settings/integrations/text`,
    status: 400,
    reason: 'a blocked base URL, refused on purpose',
  });
  await loginContext(context, tenant.users.admin);
  const page = await context.newPage();
  await page.goto(`/a/${tenant.accountId}/integrations`);
  const card = page.getByTestId('integration-card-text');
  await expect(card).toBeVisible();
  const sourceBefore = await card.getAttribute('data-source');
  expect(sourceBefore).not.toBe('account');

  // The cloud metadata address: the server refuses it, and says why on the Base URL field.
  await page.getByTestId('integration-provider-text').selectOption('openai_compatible');
  await page.getByTestId('integration-baseurl-text').fill('http://169.254.169.254/latest');
  await page.getByTestId('integration-apikey-text').fill('sk-e2e-own-key-1234');
  await page.getByTestId('integration-save-text').click();
  await expect(card).toContainText('169.254.169.254 is not a public address (linkLocal)');
  await expect(card).toHaveAttribute('data-source', sourceBefore!);

  // A public address is saved, with the key.
  await page.getByTestId('integration-baseurl-text').fill('http://93.184.216.34/v1');
  await page.getByTestId('integration-save-text').click();
  await expect(card).toHaveAttribute('data-source', 'account');
  await expect(card).toContainText('Stored key: sk-…1234');

  // Another host without a key: the form says the key must be entered again, and does not save.
  await page.getByTestId('integration-baseurl-text').fill('http://93.184.216.35/v1');
  await expect(page.getByTestId('integration-key-again-text')).toContainText('enter the API key again');
  await page.getByTestId('integration-save-text').click();
  await expect(card.getByText('enter the API key again').first()).toBeVisible();
  await expect(card).toContainText('http://93.184.216.34/v1');

  // The server holds the same rule for any client.
  const api = await signIn(baseURL!, tenant.users.admin);
  try {
    const moved = await api.raw('PUT', `/api/v1/accounts/${tenant.accountId}/settings/integrations/text`, {
      provider: 'openai_compatible',
      baseUrl: 'http://93.184.216.35/v1',
    });
    expect(moved.status()).toBe(400);
    expect((await moved.json()).error.code).toBe('api_key_required');
  } finally {
    await api.dispose();
  }

  // With the key typed again, the move is saved.
  await page.getByTestId('integration-apikey-text').fill('sk-e2e-own-key-5678');
  await expect(page.getByTestId('integration-key-again-text')).toHaveCount(0);
  await page.getByTestId('integration-save-text').click();
  await expect(card).toContainText('Stored key: sk-…5678');
  await expect(card).toContainText('http://93.184.216.35/v1');
});
