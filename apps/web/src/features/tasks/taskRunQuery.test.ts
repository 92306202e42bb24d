import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskRun } from '@igny8/contracts';
import { taskKeys } from '../../api/queries/tasks';
import { ApiError } from '../../api/errors';
import { run } from './fixtures';
import { taskStore, trackTaskId } from './store';
import { taskDetailOptions, taskRunOptions } from './taskRunQuery';

const answers = vi.hoisted(() => ({ next: [] as Array<TaskRun | Error> }));

vi.mock('../../api/queries/tasks', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/queries/tasks')>()),
  fetchTask: vi.fn(() => {
    const next = answers.next.shift();
    if (!next) throw new Error('no answer queued');
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }),
}));

vi.mock('@mantine/notifications', () => ({ notifications: { show: vi.fn() } }));

const A = 'acc';
const state = () => taskStore.getState().accounts[A]!;

describe('task detail query', () => {
  let qc: QueryClient;
  beforeEach(() => {
    taskStore.setState({ accounts: {} });
    answers.next = [];
    qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  });
  afterEach(() => qc.clear());

  it('is the same query for the drawer and the feed, on the shared key', () => {
    const drawer = taskDetailOptions(qc, A, 't1');
    const feed = taskRunOptions(qc, A, 't1');
    expect(drawer.queryKey).toEqual(taskKeys.one(A, 't1'));
    expect(feed.queryKey).toEqual(drawer.queryKey);
    expect(drawer.enabled).toBe(true);
    expect(taskDetailOptions(qc, A, null).enabled).toBe(false);
  });

  it("tells the tray a task ended when the drawer's poll is the one that sees it", async () => {
    answers.next.push(run('t1', { percent: 50, at: 1 }), run('t1', { status: 'succeeded', percent: 100, at: 2 }));
    const options = taskDetailOptions(qc, A, 't1');
    await qc.fetchQuery(options);
    expect(state().runs.t1?.status).toBe('running');
    expect(state().dock).toEqual(['t1']);
    await qc.fetchQuery({ ...options, staleTime: 0 });
    expect(state().runs.t1?.status).toBe('succeeded');
  });

  it('stops watching a tracked id the server does not know', async () => {
    trackTaskId(A, 'ghost');
    answers.next.push(new ApiError(404, 'not_found', 'Not found'));
    await expect(qc.fetchQuery(taskDetailOptions(qc, A, 'ghost'))).rejects.toThrow();
    expect(state().tracked).toEqual([]);
  });
});
