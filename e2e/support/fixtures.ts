import { test as base, expect, type BrowserContext } from '@playwright/test';
import { BrowserGuard } from './guard';
import { ensureWorld, type World } from './world';

export { expect };

interface TestFixtures {
  /** Auto: watches the test's context (and every context made with `newContext`) and fails the test on problems. */
  guard: BrowserGuard;
  /** A further browser context (another browser profile: no shared cookies, storage or tabs), guarded too. */
  newContext: () => Promise<BrowserContext>;
}

interface WorkerFixtures {
  world: World;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  guard: [
    async ({ context }, use) => {
      const guard = new BrowserGuard();
      guard.attach(context);
      await use(guard);
      const problems = await guard.report();
      if (problems.length > 0) {
        throw new Error(`The browser guard found ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
      }
    },
    { auto: true },
  ],

  newContext: async ({ browser, guard, baseURL, viewport }, use) => {
    const made: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL, viewport });
      guard.attach(context);
      made.push(context);
      return context;
    });
    // The guard reads the counters now: closing the context loses them.
    for (const context of made) {
      await guard.checkBlocked(context);
      await context.close();
    }
  },

  world: [
    // Playwright needs the object pattern to see that this fixture depends on nothing.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      if (!baseURL) throw new Error('baseURL is not configured');
      await use(await ensureWorld(baseURL));
    },
    { scope: 'worker' },
  ],
});
