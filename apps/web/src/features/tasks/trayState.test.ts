import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '@igny8/contracts';
import { run } from './fixtures';
import {
  ACTIVE_POLL_MS,
  detailPollInterval,
  IDLE_POLL_MS,
  idsToWatch,
  listPollInterval,
  mergeRun,
  mergeRuns,
  sortForTray,
} from './trayState';

const status = (s: TaskStatus) => ({ status: s });

describe('poll intervals', () => {
  it('polls lists every second while any task is active, slowly or not at all otherwise', () => {
    expect(listPollInterval([status('succeeded'), status('running')])).toBe(ACTIVE_POLL_MS);
    expect(listPollInterval([status('queued')])).toBe(ACTIVE_POLL_MS);
    expect(listPollInterval([status('succeeded'), status('failed'), status('partial')])).toBe(IDLE_POLL_MS);
    expect(listPollInterval([status('cancelled')], false)).toBe(false);
    expect(listPollInterval(undefined, false)).toBe(false);
  });

  it('polls a task detail until it ends, starting before the first answer', () => {
    expect(detailPollInterval(undefined)).toBe(ACTIVE_POLL_MS);
    expect(detailPollInterval(status('running'))).toBe(ACTIVE_POLL_MS);
    for (const s of ['succeeded', 'failed', 'cancelled', 'partial'] as const) {
      expect(detailPollInterval(status(s))).toBe(false);
    }
  });
});

describe('merging snapshots', () => {
  it('takes a newer snapshot', () => {
    const next = run('a', { percent: 40, at: 2 });
    expect(mergeRun(run('a', { percent: 20, at: 1 }), next)).toBe(next);
  });

  it('ignores an older snapshot that arrives late', () => {
    const prev = run('a', { percent: 60, at: 5 });
    expect(mergeRun(prev, run('a', { percent: 30, at: 3 }))).toBe(prev);
  });

  it('never lets the percent drop, even if a newer snapshot says less', () => {
    const merged = mergeRun(run('a', { percent: 70, at: 1 }), run('a', { percent: 50, at: 2 }));
    expect(merged.progress.percent).toBe(70);
  });

  it('never turns an ended task back into a running one', () => {
    const done = run('a', { status: 'succeeded', percent: 100, at: 3 });
    expect(mergeRun(done, run('a', { percent: 90, at: 9 }))).toBe(done);
  });

  it('reports the tasks that ended and keeps identity when nothing changed', () => {
    const before = mergeRuns({}, [run('a', { percent: 10 }), run('b', { percent: 10 })]);
    expect(before.finished).toEqual([]);
    const same = mergeRuns(before.runs, [run('a', { percent: 10 })]);
    expect(same.changed).toBe(false);
    expect(same.runs).toBe(before.runs);

    const after = mergeRuns(before.runs, [run('a', { status: 'partial', percent: 100, at: 4 })]);
    expect(after.finished.map((r) => r.id)).toEqual(['a']);
    expect(after.runs.b).toBe(before.runs.b);
    // The same end seen again (another poll) is not a second end.
    expect(mergeRuns(after.runs, [run('a', { status: 'partial', percent: 100, at: 4 })]).finished).toEqual([]);
  });

  it('takes a snapshot whose only news is that the worker was lost (heartbeats do not move updatedAt)', () => {
    const before = mergeRuns({}, [run('a', { percent: 30, at: 5 })]);
    const lost = mergeRuns(before.runs, [run('a', { percent: 30, at: 5, stalled: true })]);
    expect(lost.changed).toBe(true);
    expect(lost.runs.a?.stalled).toBe(true);
  });

  it('does not report tasks first seen already ended, unless this tab started them', () => {
    const old = run('x', { status: 'succeeded', percent: 100 });
    expect(mergeRuns({}, [old]).finished).toEqual([]);
    expect(mergeRuns({}, [old], ['x']).finished.map((r) => r.id)).toEqual(['x']);
  });
});

describe('tray order and watching', () => {
  it('lists running tasks first, newest first, then ended ones by end time', () => {
    const runs = [
      run('old-done', { status: 'succeeded', finishedAt: '2026-01-01T01:00:00.000Z' }),
      run('run-1', { at: 1 }),
      run('new-done', { status: 'failed', finishedAt: '2026-01-01T02:00:00.000Z' }),
      run('run-2', { at: 2 }),
    ];
    expect(sortForTray(runs).map((r) => r.id)).toEqual(['run-2', 'run-1', 'new-done', 'old-done']);
  });

  it('watches running and just-started tasks, not ended ones, up to a cap', () => {
    const { runs } = mergeRuns({}, [run('a'), run('b', { status: 'succeeded' }), run('c', { status: 'queued' })]);
    expect(idsToWatch(runs, ['new', 'b']).sort()).toEqual(['a', 'c', 'new']);
    expect(idsToWatch(runs, ['new'], 2)).toHaveLength(2);
  });
});
