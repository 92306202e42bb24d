import { beforeEach, describe, expect, it } from 'vitest';
import { run } from './fixtures';
import { dismissDock, forgetTracked, ingestRuns, taskStore, trackTaskId } from './store';

const A = 'acc';
const state = () => taskStore.getState().accounts[A]!;

describe('task store', () => {
  beforeEach(() => taskStore.setState({ accounts: {} }));

  it('shows a task started here before any answer, then hands it to the merged runs', () => {
    trackTaskId(A, 't1');
    expect(state().tracked).toEqual(['t1']);
    expect(state().dock).toEqual(['t1']);
    expect(ingestRuns(A, [run('t1', { percent: 20 })])).toEqual([]);
    expect(state().tracked).toEqual([]);
    expect(state().runs.t1?.progress.percent).toBe(20);
  });

  it('reports a quick task that ended before the first poll', () => {
    trackTaskId(A, 'fast');
    const finished = ingestRuns(A, [run('fast', { status: 'succeeded', percent: 100 })]);
    expect(finished.map((r) => r.id)).toEqual(['fast']);
  });

  it('keeps percent monotonic across polls arriving out of order', () => {
    ingestRuns(A, [run('t', { percent: 60, at: 5 })]);
    ingestRuns(A, [run('t', { percent: 40, at: 4 })]);
    expect(state().runs.t?.progress.percent).toBe(60);
  });

  it('docks tasks seen running; closing the dock keeps only running ones, folded', () => {
    ingestRuns(A, [run('old', { status: 'succeeded' })]);
    expect(state().dock).toEqual([]);
    ingestRuns(A, [run('r1'), run('r2')]);
    ingestRuns(A, [run('r1', { status: 'failed', at: 3 })]);
    dismissDock(A);
    expect(state().dock).toEqual(['r2']);
    expect(state().dockCollapsed).toBe(true);
  });

  it('forgets a tracked id the server does not know', () => {
    trackTaskId(A, 'ghost');
    forgetTracked(A, 'ghost');
    expect(state().tracked).toEqual([]);
    expect(state().dock).toEqual([]);
  });
});
