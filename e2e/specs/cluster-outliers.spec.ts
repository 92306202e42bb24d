import type { Cluster, ClusterOutlier, ClusterPreview } from '@igny8/contracts';
import { expect as baseExpect, test } from '../support/fixtures';
import { mockControl, tenantOnMockProviders } from '../support/pipeline/providers';
import { createSite, waitForTask } from '../support/pipeline/seed';
import { signIn, type Tenant } from '../support/pipeline/tenant';
import { startTaskFromUi } from '../support/pipeline/tray';
import { loginContext } from '../support/ui';

/**
 * With a text provider, naming a cluster also flags the keywords that do not belong: the strategist sees
 * them in the cluster's drawer with the model's reason, keeps one and takes the other out of the cluster.
 */
const expect = baseExpect.configure({ timeout: 20_000 });

test.describe.configure({ mode: 'serial' });

let tenant: Tenant;
let restoreProviders: (() => Promise<void>) | undefined;
test.beforeAll(async ({ baseURL }) => {
  ({ tenant, restore: restoreProviders } = await tenantOnMockProviders(baseURL!, 'Outliers'));
});
test.afterAll(async () => {
  await mockControl().reset();
  await restoreProviders?.();
});

test('the LLM flags keywords that do not belong; the drawer moves one, keeps one and removes the other', async ({
  page,
  context,
  newContext,
  baseURL,
}) => {
  const editor = tenant.users.editor;
  const api = await signIn(baseURL!, editor);
  const site = await createSite(api, tenant.accountId, 'Brew Notes', 'https://brew-notes.example');
  const S = site.path;
  await api.call('POST', `${S}/keywords`, {
    keywords: [
      { phrase: 'cold brew ratio', volume: 900 },
      { phrase: 'cold brew ratio chart', volume: 400 },
      { phrase: 'cold brew ratio grams', volume: 300 },
      { phrase: 'cold brew ratio gift', volume: 90 },
      { phrase: 'cold brew ratio calculator', volume: 80 },
      { phrase: 'cold brew ratio coffee maker', volume: 60 },
      { phrase: 'espresso machine descaling', volume: 700 },
      { phrase: 'espresso machine descaling tablets', volume: 300 },
      { phrase: 'espresso machine descaling vinegar', volume: 200 },
    ],
  });
  // The run's working names, as the model is shown them: the preview runs the same engine, saving nothing.
  const preview = await api.call<ClusterPreview>('POST', `${S}/clusters/preview`, {});
  const working = (phrase: string) => preview.clusters.find((c) => c.sample.includes(phrase))!.name;
  const espresso = working('espresso machine descaling');
  expect(working('cold brew ratio coffee maker')).toBe(working('cold brew ratio'));
  // The cold brew cluster's description request (its keywords are listed as "- cold brew ratio (900, …)").
  const control = mockControl();
  await control.queueChatReply(
    {
      name: 'Cold brew ratios',
      description: 'Home brewers want the right amount of coffee for a smooth cold brew, by weight or by volume.',
      outliers: [
        { keyword: 'cold brew ratio gift', reason: 'A gift search, not a brewing question.' },
        { keyword: 'cold brew ratio calculator', reason: 'A tool search rather than a guide.' },
        {
          keyword: 'cold brew ratio coffee maker',
          reason: 'About the brewer, not the ratio.',
          betterCluster: espresso,
        },
      ],
    },
    1,
    'cold brew ratio (',
  );

  await loginContext(context, editor);
  await page.goto(`/a/${tenant.accountId}/sites/${site.id}/keywords`);
  await test.step('auto-cluster with the platform’s text provider', async () => {
    await page.getByTestId('keywords-autocluster-all').click();
    await expect(page.getByTestId('autocluster-summary')).toContainText('from 9 keywords');
    const taskId = await startTaskFromUi(page, /\/clusters\/auto$/, () =>
      page.getByTestId('autocluster-create').click(),
    );
    const run = await waitForTask(api, tenant.accountId, taskId);
    expect(run.status).toBe('succeeded');
    expect(run.result).toMatchObject({ flaggedKeywords: 3 });
  });

  const clusters = await api.call<{ items: Cluster[] }>('GET', `${S}/clusters`);
  const coldBrew = clusters.items.find((c) => c.name === 'Cold brew ratios')!;
  const descaling = clusters.items.find((c) => c.id !== coldBrew.id)!;
  expect(coldBrew).toBeTruthy();
  expect(descaling).toBeTruthy();
  const flagged = (await api.call<{ items: ClusterOutlier[] }>('GET', `${S}/clusters/${coldBrew.id}/outliers`)).items;
  const byPhrase = new Map(flagged.map((o) => [o.phrase, o.keywordId]));

  await test.step('a viewer sees the flagged keywords and their reasons, and no actions', async () => {
    const viewerContext = await newContext();
    await loginContext(viewerContext, tenant.users.viewer);
    const viewerPage = await viewerContext.newPage();
    await viewerPage.goto(`/a/${tenant.accountId}/sites/${site.id}/clusters`);
    await viewerPage.getByTestId(`cluster-row-${coldBrew.id}`).click();
    const alert = viewerPage.getByTestId('cluster-outliers');
    await expect(alert).toContainText('3 keywords may not belong here');
    await expect(alert).toContainText(`About the brewer, not the ratio. Fits better in ${descaling.name}.`);
    await expect(alert.getByRole('button')).toHaveCount(0);
    await viewerContext.close();
  });

  await test.step('the cluster’s drawer shows the flagged keywords with the model’s reasons', async () => {
    await page.goto(`/a/${tenant.accountId}/sites/${site.id}/clusters`);
    await page.getByTestId(`cluster-row-${coldBrew.id}`).click();
    const alert = page.getByTestId('cluster-outliers');
    await expect(alert).toContainText('3 keywords may not belong here');
    await expect(alert).toContainText('A gift search, not a brewing question.');
    await expect(alert).toContainText('A tool search rather than a guide.');
  });

  await test.step('"Move to …" moves a keyword to the cluster the model proposed', async () => {
    const descalingKeyword = byPhrase.get('cold brew ratio coffee maker')!;
    await page.getByTestId(`cluster-outlier-move-${descalingKeyword}`).click();
    await expect(page.getByText(`“cold brew ratio coffee maker” was moved to ${descaling.name}.`)).toBeVisible();
    await expect(page.getByTestId('cluster-outliers')).toContainText('2 keywords may not belong here');
    await expect(page.getByTestId(`cluster-keyword-${descalingKeyword}`)).toHaveCount(0);
    const moved = await api.call<{ items: { clusterId: string | null }[] }>(
      'GET',
      `${S}/keywords?q=${encodeURIComponent('cold brew ratio coffee maker')}`,
    );
    expect(moved.items[0]!.clusterId).toBe(descaling.id);
  });

  await test.step('"Keep here" keeps one; "Remove from cluster" takes the other out', async () => {
    await page.getByTestId(`cluster-outlier-keep-${byPhrase.get('cold brew ratio calculator')}`).click();
    await expect(page.getByTestId('cluster-outliers')).toContainText('1 keyword may not belong here');
    const gift = byPhrase.get('cold brew ratio gift')!;
    await page.getByTestId(`cluster-outlier-remove-${gift}`).click();
    await expect(page.getByTestId('cluster-outliers')).toHaveCount(0);
    await expect(page.getByTestId(`cluster-keyword-${gift}`)).toHaveCount(0);
    await expect(page.getByTestId('cluster-keywords')).toContainText('cold brew ratio calculator');
  });
  const left = await api.call<{ items: { phrase: string; clusterId: string | null }[] }>(
    'GET',
    `${S}/keywords?q=cold%20brew%20ratio%20gift`,
  );
  expect(left.items[0]!.clusterId).toBeNull();
  await api.dispose();
});
