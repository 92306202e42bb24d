import type { Cluster, Content, Idea, Site, TaskStarted, WriterTask } from '@igny8/contracts';
import { expect as baseExpect, test } from '../support/fixtures';
import { shoot } from '../support/pipeline/browser';
import { MockLog } from '../support/pipeline/mocklog';
import { tenantOnMockProviders } from '../support/pipeline/providers';
import { CLUSTER_DESCRIPTION, articleFrameReply, ideasReply, queueArticles } from '../support/pipeline/replies';
import { csvKeywords, waitForTask } from '../support/pipeline/seed';
import { signIn, type Tenant } from '../support/pipeline/tenant';
import { expectTaskInTray, startTaskFromUi } from '../support/pipeline/tray';
import { loginViaUi } from '../support/ui';

/**
 * Writing that sounds like the brand: an admin edits the article prompt, gives the site a brand voice, writes an
 * article from the Writer page (the provider receives both), sees the voice on the article and accepts an internal
 * link to the site's other article from the editor.
 */

const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ mode: 'serial' });

const MARKER = 'House rule: answer the reader’s question in the first sentence.';
const ITEM_RULE = 'For this one: mention the grind size twice.';
const STYLE_RULE = '- Numbers over adjectives: 18 g, not “a generous scoop”.';
let tenant: Tenant;
let siteId: string;
let first: Content;
let second: WriterTask;
let restoreProviders: (() => Promise<void>) | undefined;
const mock = new MockLog();

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  ({ tenant, restore: restoreProviders } = await tenantOnMockProviders(baseURL!, 'Voice'));
  // Two ideas from two clusters; the first one written already (its keyword is what the second will mention).
  const admin = await signIn(baseURL!, tenant.users.admin);
  try {
    await mock.begin();
    const acc = `/api/v1/accounts/${tenant.accountId}`;
    siteId = (
      await admin.call<Site>('POST', `${acc}/sites`, {
        name: 'Voice site',
        url: 'https://voice.example',
        niche: 'Home coffee brewing',
      })
    ).id;
    const S = `${acc}/sites/${siteId}`;
    await admin.call('POST', `${S}/keywords`, { keywords: csvKeywords().slice(0, 30) });
    await mock.control.queueChatReply(CLUSTER_DESCRIPTION, 50);
    const clustered = await admin.call<TaskStarted>('POST', `${S}/clusters/auto`, {});
    await waitForTask(admin, tenant.accountId, clustered.taskId);
    await mock.endStep();
    const clusters = (await admin.call<{ items: Cluster[] }>('GET', `${S}/clusters?limit=100`)).items.slice(0, 2);
    expect(clusters).toHaveLength(2);
    for (const c of clusters) await mock.control.queueChatReply(ideasReply(c.name, 1));
    const ideasRun = await admin.call<TaskStarted>('POST', `${S}/ideas/generate`, {
      clusterIds: clusters.map((c) => c.id),
      perCluster: 1,
    });
    await waitForTask(admin, tenant.accountId, ideasRun.taskId);
    await mock.endStep();
    const ideas = (await admin.call<{ items: Idea[] }>('GET', `${S}/ideas`)).items;
    const queued = await admin.call<{ items: WriterTask[] }>('POST', `${S}/writer/tasks`, {
      ideaIds: ideas.map((i) => i.id),
    });
    const [a, b] = queued.items;
    await queueArticles(mock.control, [a!]);
    const written = await admin.call<TaskStarted>('POST', `${S}/contents/generate`, { writerTaskIds: [a!.id] });
    await waitForTask(admin, tenant.accountId, written.taskId);
    await mock.endStep();
    first = (await admin.call<{ items: Content[] }>('GET', `${S}/contents`)).items[0]!;
    second = b!;
  } finally {
    await admin.dispose();
  }
});

test.afterAll(async () => {
  await restoreProviders?.();
});

test('edit the article prompt and one writer task’s, write in a brand voice, accept an internal link', async ({
  page,
  guard,
}) => {
  test.setTimeout(180_000);
  guard.allow({
    method: 'PUT',
    path: /\/prompts\/article$/,
    status: 400,
    reason: 'a prompt with an unknown variable, refused on purpose',
  });
  await loginViaUi(page, tenant.users.admin);

  await test.step('the admin adds a house rule to the article prompt; an unknown variable is refused', async () => {
    await page.getByTestId('nav-prompts').click();
    await page.getByTestId('prompt-nav-article').click();
    await expect(page.getByTestId('prompt-source')).toHaveText('Default');
    const prompt = page.getByTestId('prompt-text');
    const original = await prompt.inputValue();
    await prompt.fill(`${original}\n{reader_mood}`);
    await page.getByTestId('prompt-save').click();
    await expect(page.getByTestId('form-error')).toContainText('{reader_mood}');
    await prompt.fill(`${original}\n${MARKER}`);
    await page.getByTestId('prompt-preview').click();
    await expect(page.getByTestId('prompt-preview-result')).toContainText(MARKER);
    await page.getByTestId('prompt-save').click();
    await expect(page.getByTestId('prompt-source')).toHaveText('Customised');
    await expect(page.getByTestId('prompt-history')).toContainText('Version 1');
  });

  await test.step('a brand voice, chosen as the site’s default', async () => {
    await page.getByTestId('nav-brand-voices').click();
    await page.getByTestId('voice-create').click();
    await page.getByTestId('voice-name').fill('Barista Bea');
    await page.getByTestId('voice-tone').fill('warm, practical, a little nerdy');
    await page.getByTestId('voice-banned').fill('delve, game-changer');
    await page.getByTestId('voice-save').click();
    await expect(page.getByTestId('voice-card')).toContainText('Barista Bea');
    // "Learn from samples" runs as a task on the platform's keys (its cost under the button); the card then says
    // the guide was learned.
    await expect(page.getByTestId('voice-card').getByTestId('credit-note')).toContainText(
      'Learn from samples: ≈ 5 credits',
    );
    await mock.control.queueChatReply({ styleGuide: STYLE_RULE }, 1, 'Barista Bea');
    const learnTask = await startTaskFromUi(page, /\/brand-voices\/[^/]+\/learn$/, () =>
      page.getByTestId('voice-learn').click(),
    );
    await expectTaskInTray(page, learnTask);
    await expect(page.getByTestId('voice-card')).toContainText('Style guide learned');
    await mock.endStep();
    await page.getByTestId(`site-voice-${siteId}`).click();
    await page.getByRole('option', { name: 'Barista Bea' }).click();
    await expect(page.getByTestId(`site-voice-${siteId}`)).toHaveValue('Barista Bea');
  });

  await test.step('the writer writes the second article: the provider gets the house rule and the voice', async () => {
    await page.goto(`/a/${tenant.accountId}/sites/${siteId}/writer`);
    // This writer task gets its own prompt: the account's plus one more rule.
    await page.getByTestId(`writer-prompt-${second.id}`).click();
    await expect(page.getByTestId('item-prompt-source')).toHaveText('The account’s');
    const itemPrompt = page.getByTestId('item-prompt-text');
    await expect(itemPrompt).toHaveValue(new RegExp(MARKER));
    await itemPrompt.fill(`${await itemPrompt.inputValue()}\n${ITEM_RULE}`);
    await page.getByTestId('item-prompt-save').click();
    await expect(page.getByTestId('item-prompt-source')).toHaveText('Its own');
    await page.keyboard.press('Escape');
    await page.getByTestId(`writer-select-${second.id}`).check();
    // Its introduction mentions the first article's keyword, so a link to it is suggested.
    await queueArticles(mock.control, []);
    const frame = articleFrameReply(second.title, second.primaryKeyword) as { introHtml: string };
    frame.introHtml += `\n<p>Before you start, read up on ${first.primaryKeyword} as well.</p>`;
    await mock.control.queueChatReply(frame, 1, `${JSON.stringify(second.title).slice(1, -1)}\\" are written`);
    const taskId = await startTaskFromUi(page, /\/contents\/generate$/, () =>
      page.getByTestId('writer-generate-content').click(),
    );
    await expectTaskInTray(page, taskId);
    const sent = (await mock.all()).filter((r) => r.path === '/v1/chat/completions').map((r) => JSON.stringify(r.body));
    const title = second.title.replace(/"/g, '\\"');
    // Written section by section: every section gets the writer task's own prompt; every part gets the voice.
    const sectionCalls = sent.filter((b) => b.includes(title) && b.includes('You are writing one section'));
    expect(sectionCalls.length).toBeGreaterThan(1);
    for (const call of sectionCalls) {
      expect(call).toContain(MARKER);
      expect(call).toContain(ITEM_RULE);
    }
    const frameCall = sent.find((b) => b.includes(`${title}\\" are written`));
    expect(frameCall).toBeDefined();
    for (const call of [...sectionCalls, frameCall!]) {
      expect(call).toContain('Write as “Barista Bea”.');
      expect(call).toContain('Never use these words: delve, game-changer.');
      expect(call).toContain(STYLE_RULE);
    }
    await mock.endStep();
  });

  await test.step('the article shows its voice; the editor accepts the suggested link', async () => {
    await page.getByTestId(`writer-content-link-${second.id}`).click();
    await expect(page.getByTestId('content-voice')).toHaveText('Voice: Barista Bea');
    const suggestion = page.getByTestId('link-suggestion').filter({ hasText: first.title });
    await expect(suggestion).toContainText(`“${first.primaryKeyword}”`);
    await suggestion.getByTestId('link-accept').click();
    await expect(page.getByTestId('link-linked')).toContainText(first.title);
    await expect(page.locator('.ProseMirror a', { hasText: first.primaryKeyword })).toHaveAttribute(
      'href',
      `https://voice.example/${first.slug}/`,
    );
    await expect(page.getByTestId('content-dirty')).toHaveText('All changes saved');
    await shoot(page, 'internal-links.png');
  });

  await test.step('the first article is no longer an orphan', async () => {
    await page.getByTestId('nav-links').click();
    await expect(page.getByTestId('orphan-table')).toBeVisible();
    await expect(page.getByTestId('orphan-row').filter({ hasText: first.title })).toHaveCount(0);
    await expect(page.getByTestId('orphan-row').filter({ hasText: second.title })).toHaveCount(1);
  });
});
