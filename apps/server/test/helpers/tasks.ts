import type { TaskRun } from '@igny8/contracts';
import { isTerminalTaskStatus } from '@igny8/contracts';
import { z } from 'zod';
import type { App } from '../../src/app';
import type { AiFunction } from '../../src/ai/session';
import { TaskRegistry } from '../../src/jobs/registry';
import type { RetryPolicy } from '../../src/ai/retry';
import { bearer, type Session } from './app';

export const fastRetry: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 20,
  maxRateLimitWaits: 6,
  maxRetryAfterMs: 5_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** A small AI function for engine tests: summarise one phrase. */
export const summarise: AiFunction<string, { summary: string; words: number }> = {
  name: 'phrase_summary',
  schema: z.object({ summary: z.string().min(1).describe('one sentence'), words: z.number().int().min(0) }),
  prompt: (phrase) => ({ system: 'You summarise search phrases.', prompt: `Summarise: ${phrase}` }),
  offline: (phrase) => ({ summary: `Template summary of ${phrase}`, words: phrase.split(' ').length }),
};

export const summariseInput = z.object({
  phrases: z.array(z.string().min(1)).min(1),
  delayMs: z.number().int().min(0).default(0),
});

/** Test task kinds, run through the real runner, queue and provider code. */
export function testRegistry() {
  const registry = new TaskRegistry();
  const kind = registry.declare('test.summarise', summariseInput);
  registry.handle(kind, async (ctx) => {
    const ai = await ctx.ai.text();
    const outcome = await ctx.forEachItem(
      ctx.input.phrases,
      { key: (p) => p, label: (p) => `“${p}”`, verb: 'Summarising', concurrency: () => ai.itemConcurrency },
      async (phrase, save) => {
        const out = await ai.text(summarise, phrase);
        if (ctx.input.delayMs) await new Promise((r) => setTimeout(r, ctx.input.delayMs));
        await save(async () => {
          if (!out.summary) throw new Error('empty summary');
        });
      },
    );
    return { ...outcome };
  });
  return { registry, kind };
}

/** Polls the progress endpoint like the web app does, until the task is terminal. */
export async function pollTask(app: App, who: Session, accountId: string, taskId: string, timeoutMs = 30_000) {
  const seen: TaskRun[] = [];
  const started = Date.now();
  for (;;) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${accountId}/tasks/${taskId}`,
      headers: bearer(who),
    });
    if (res.statusCode !== 200) throw new Error(`poll failed: ${res.statusCode} ${res.body}`);
    const run = res.json() as TaskRun;
    seen.push(run);
    if (isTerminalTaskStatus(run.status)) return { run, seen };
    if (Date.now() - started > timeoutMs)
      throw new Error(`task still ${run.status} after ${timeoutMs} ms: ${JSON.stringify(run.progress)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
