import type { Cluster, CreditCosts, Site, TaskStarted } from '@igny8/contracts';
import { expect as baseExpect, test } from '../support/fixtures';
import { MockLog } from '../support/pipeline/mocklog';
import { tenantOnMockProviders } from '../support/pipeline/providers';
import { CLUSTER_DESCRIPTION, ideasReply } from '../support/pipeline/replies';
import { csvKeywords, waitForTask } from '../support/pipeline/seed';
import { signIn, type Tenant } from '../support/pipeline/tenant';
import { expectTaskInTray, startTaskFromUi } from '../support/pipeline/tray';
import { shoot } from '../support/pipeline/browser';
import { loginViaUi } from '../support/ui';
import { SYSTEM_OWNER } from '../support/users';

/**
 * Credits where users meet them: an account on a small plan runs out in the middle of its work and
 * the app says why (how many credits the start needs, how many are available) before anything runs;
 * a platform operator grants bonus credits from the account's billing, and the same start goes through.
 */

const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ mode: 'serial' });

let tenant: Tenant;
let siteId: string;
let clusters: Cluster[];
let restoreProviders: (() => Promise<void>) | undefined;
const mock = new MockLog();

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  ({ tenant, restore: restoreProviders } = await tenantOnMockProviders(baseURL!, 'Credits', async (operator, t) => {
    // A plan with 30 credits a period for this account.
    const plan = await operator.call<{ id: string }>('POST', '/api/v1/platform/plans', {
      name: `Thirty ${t.accountId.slice(0, 8)}`,
      monthlyCredits: 30,
      limits: { sites: 3, members: 10, keywords: 1000 },
      features: { ownAiKeys: false, automation: true },
    });
    await operator.call('PUT', `/api/v1/platform/accounts/${t.accountId}/plan`, { planId: plan.id, reason: 'e2e' });
  }));
  // The editor clusters 20 keywords on the platform's keys: 5 credits, 25 left.
  const editor = await signIn(baseURL!, tenant.users.editor);
  try {
    await mock.begin();
    const acc = `/api/v1/accounts/${tenant.accountId}`;
    siteId = (await editor.call<Site>('POST', `${acc}/sites`, { name: 'Credits site', url: 'https://credits.example' }))
      .id;
    await editor.call('POST', `${acc}/sites/${siteId}/keywords`, { keywords: csvKeywords().slice(0, 20) });
    await mock.control.queueChatReply(CLUSTER_DESCRIPTION, 30);
    const { taskId } = await editor.call<TaskStarted>('POST', `${acc}/sites/${siteId}/clusters/auto`, {});
    expect((await waitForTask(editor, tenant.accountId, taskId)).status).toBe('succeeded');
    await mock.endStep();
    clusters = (await editor.call<{ items: Cluster[] }>('GET', `${acc}/sites/${siteId}/clusters?limit=100`)).items;
    expect(clusters.length).toBeGreaterThanOrEqual(2);
  } finally {
    await editor.dispose();
  }
});

test.afterAll(async () => {
  await restoreProviders?.();
});

test('an account out of credits is told why; an operator grants credits and the same start goes through', async ({
  page,
  newContext,
  guard,
}) => {
  test.setTimeout(180_000);
  guard.allow({
    method: 'POST',
    path: /\/ideas\/generate$/,
    status: 402,
    reason: 'a start the balance cannot cover, refused on purpose',
  });
  const [a, b] = clusters;
  const openGenerate = async () => {
    await page.goto(`/a/${tenant.accountId}/sites/${siteId}/clusters`);
    for (const c of [a!, b!]) await page.getByTestId(`cluster-select-${c.id}`).check();
    await page.getByTestId('clusters-generate-ideas').click();
    await page.getByTestId('generate-ideas-per-cluster').fill('2');
  };

  await test.step('the editor sees the billing page: 25 of 30 credits left after clustering', async () => {
    await loginViaUi(page, tenant.users.editor);
    await page.getByTestId('nav-billing').click();
    await expect(page.getByTestId('billing-available')).toHaveText('25');
    await expect(page.getByTestId('billing-plan-name')).toContainText('Thirty');
  });

  await test.step('four ideas need 40 credits: the dialog says so, and the start is refused with the reason', async () => {
    await openGenerate();
    const note = page.getByTestId('credit-note');
    await expect(note).toHaveAttribute('data-short', '1');
    await expect(note).toContainText('Needs 40 credits; 25 available');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/ideas/generate'));
    await page.getByTestId('generate-ideas-submit').click();
    expect((await refused).status()).toBe(402);
    // One notice: over the dialog it floats above it.
    await expect(page.getByText('Not enough credits')).toBeVisible();
    await expect(page.getByText('This needs 40 credits; 25 are available')).toBeVisible();
    // Nothing ran: no provider call, no task.
    expect((await mock.control.requests()).filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
  });

  await test.step('an operator grants 100 bonus credits from the account’s billing', async () => {
    const ctx = await newContext();
    const op = await ctx.newPage();
    await loginViaUi(op, SYSTEM_OWNER);
    await op.goto('/platform');
    await op.getByTestId(`platform-account-billing-${tenant.accountId}`).click();
    await expect(op.getByTestId('billing-available')).toHaveText('25');
    await op.getByTestId('grant-amount').fill('100');
    await op.getByTestId('grant-reason').fill('Top-up after running out');
    await op.getByTestId('grant-submit').click();
    await expect(op.getByTestId('billing-available')).toHaveText('125');
    await expect(op.getByTestId('billing-bonus-credits')).toHaveText('100');
    await ctx.close();
  });

  await test.step('the editor starts the same ideas: they are written and charged', async () => {
    await page.reload();
    await openGenerate();
    await expect(page.getByTestId('credit-note')).toContainText('≈ 40 credits · 125 available');
    for (const c of [a!, b!]) await mock.control.queueChatReply(ideasReply(c.name, 2));
    const taskId = await startTaskFromUi(page, /\/ideas\/generate$/, () =>
      page.getByTestId('generate-ideas-submit').click(),
    );
    await expectTaskInTray(page, taskId);
    await mock.endStep();
    await page.getByTestId('nav-billing').click();
    await expect(page.getByTestId('billing-available')).toHaveText('85');
    await expect(page.getByTestId('billing-by-operation')).toContainText('Ideas');
    await expect(page.getByTestId('billing-by-operation')).toContainText('40');
    await shoot(page, 'billing.png');
  });
});

test('an operator changes what an idea costs in Platform → Billing; the next start dialog prices it so', async ({
  page,
  newContext,
  baseURL,
}) => {
  const operator = await signIn(baseURL!, SYSTEM_OWNER);
  const before = await operator.call<CreditCosts>('GET', '/api/v1/platform/billing/costs');
  try {
    await test.step('the operator sets an idea to 12 credits and saves', async () => {
      const ctx = await newContext();
      const op = await ctx.newPage();
      await loginViaUi(op, SYSTEM_OWNER);
      await op.goto('/platform/billing');
      await expect(op.getByTestId('cost-idea')).toHaveValue(String(before.idea));
      await op.getByTestId('cost-idea').fill('12');
      await op.getByTestId('costs-save').click();
      await expect(op.getByText('Costs saved: new starts use them.')).toBeVisible();
      await ctx.close();
    });
    expect((await operator.call<CreditCosts>('GET', '/api/v1/platform/billing/costs')).idea).toBe(12);

    await test.step('the editor’s dialog for four ideas now says 48 credits', async () => {
      await loginViaUi(page, tenant.users.editor);
      await page.goto(`/a/${tenant.accountId}/sites/${siteId}/clusters`);
      for (const c of clusters.slice(0, 2)) await page.getByTestId(`cluster-select-${c.id}`).check();
      await page.getByTestId('clusters-generate-ideas').click();
      await page.getByTestId('generate-ideas-per-cluster').fill('2');
      await expect(page.getByTestId('credit-note')).toContainText('≈ 48 credits · 85 available');
    });
  } finally {
    // Costs are the platform's: later specs price with the defaults.
    await operator.call('PUT', '/api/v1/platform/billing/costs', before);
    await operator.dispose();
  }
});
