import { afterAll, describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { cpuJobs, type AutoClusterInput } from '../../src/cpu/jobs';
import { cpuPool, runCpuJob } from '../../src/cpu/pool';

/** Three topics (one partly covered by an existing cluster), an outlier, and keywords with and without intent. */
const phrases = [
  'running shoes',
  'best running shoes',
  'running shoes for women',
  'trail running shoes',
  'cheap running shoes',
  'espresso machine',
  'best espresso machine',
  'espresso machine for home',
  'cheap espresso machine',
  'buy espresso machine',
  'standing desk',
  'best standing desk',
  'standing desk for small spaces',
  'electric standing desk',
  'quantum chromodynamics lecture notes',
];
const input: AutoClusterInput = {
  keywords: {
    ids: phrases.map((_, i) => `k${i}`),
    phrases,
    volumes: phrases.map((_, i) => (i % 3 === 0 ? null : 100 * (i + 1))),
    intents: phrases.map((_, i) => (i % 2 === 0 ? null : 'commercial')),
  },
  existing: [
    { key: 'desks', keywordPhrases: ['standing desk', 'standing desk converter', 'adjustable standing desk'] },
  ],
  language: 'en',
};

afterAll(() => cpuPool.close());

describe('CPU jobs on the worker-thread pool', () => {
  it('auto-cluster on a pool thread gives exactly what it gives on the main thread', async () => {
    const inline = cpuJobs.autoCluster(input);
    const pooled = await runCpuJob('autoCluster', input, true);
    expect(pooled).toEqual(inline);
    // The job did something: keywords were fitted to the existing cluster, new clusters made, unknown intents classified.
    expect(pooled.assigned.get('k10')).toBe('desks');
    expect(pooled.result.clusters.length).toBeGreaterThanOrEqual(2);
    expect(pooled.derivedIntents.map((d) => d.id)).toEqual(input.keywords.ids.filter((_, i) => i % 2 === 0));
    expect(pooled.derivedIntents.find((d) => d.id === 'k0')?.intent).toBeDefined();
  });

  it('runs on another thread, and starts a new one after the pool was closed', async () => {
    const where = () => cpuPool.run('threadOf', null);
    const first = await where();
    expect(first).not.toBe(threadId);
    await cpuPool.close();
    expect(await where()).not.toBe(threadId);
  });

  it('refuses an unknown job with a clear error', async () => {
    await expect(cpuPool.run('nope' as 'threadOf', null)).rejects.toThrow(/unknown CPU job "nope"/);
  });
});
