import { describe, expect, it } from 'vitest';
import { run } from './fixtures';
import {
  formatDuration,
  formatRelative,
  itemErrorsLine,
  progressLine,
  resultColor,
  runDuration,
  summarizeResult,
  taskBadge,
} from './labels';

describe('task labels', () => {
  it('summarises a result record in words, skipping zeros', () => {
    expect(summarizeResult({ keywords: 120, clustersCreated: 12, assignedToExisting: 3, failedClusters: 0 })).toBe(
      '120 keywords · 12 clusters created · 3 assigned to existing',
    );
    expect(summarizeResult({ images: 4, failed: 1 })).toBe('4 images · 1 failed');
    expect(summarizeResult({ clustersCreated: 1, articles: 1, categories: 1 })).toBe(
      '1 cluster created · 1 article · 1 category',
    );
    expect(summarizeResult({ keywords: 0, clustersCreated: 0 })).toBe('0 keywords · 0 clusters created');
    expect(summarizeResult({ nested: { a: 1 } })).toBeNull();
    expect(summarizeResult(null)).toBeNull();
  });

  it('formats durations and relative times', () => {
    expect(formatDuration(420)).toBe('420 ms');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
    const now = Date.parse('2026-01-01T00:10:00Z');
    expect(formatRelative('2026-01-01T00:09:58Z', now)).toBe('just now');
    expect(formatRelative('2026-01-01T00:07:00Z', now)).toBe('3 minutes ago');
    // A server clock 11 s ahead of the browser's.
    expect(formatRelative('2026-01-01T00:10:11Z', now)).toBe('just now');
    expect(runDuration({ startedAt: '2026-01-01T00:09:00Z', finishedAt: null }, now)).toBe(60_000);
    expect(runDuration({ startedAt: null, finishedAt: null }, now)).toBeNull();
  });

  it('says "Worker lost, resuming…" for a running task whose heartbeats stopped, and nothing of it otherwise', () => {
    const progress = {
      phase: 'calling_ai' as const,
      current: 6,
      total: 20,
      percent: 30,
      message: 'Writing “cold brew” (7 of 20)',
    };
    const lost = run('a', { stalled: true, progress });
    expect(taskBadge(lost)).toEqual({ label: 'Worker lost, resuming…', color: 'orange' });
    expect(progressLine(lost)).toBe('Worker lost, resuming… Last seen: Writing “cold brew” (7 of 20)');

    const beating = run('b', { progress });
    expect(taskBadge(beating).label).toBe('Running');
    // The message alone: no phase doubled in front of it ("Saving · Saving “X”: done").
    expect(progressLine(beating)).toBe('Writing “cold brew” (7 of 20)');
    expect(
      progressLine(run('s', { progress: { ...progress, phase: 'saving', message: 'Saving “X”: done (1 of 20)' } })),
    ).toBe('Saving “X”: done (1 of 20)');
    expect(progressLine(run('p', { progress: { ...progress, phase: 'preparing', message: '' } }))).toBe('Preparing');
    // Cancelling says so first; an ended task shows its end, whatever its last heartbeat.
    expect(taskBadge(run('c', { stalled: true, cancelRequested: true })).label).toBe('Cancelling');
    expect(taskBadge(run('d', { status: 'succeeded', stalled: true })).label).toBe('Done');
  });
});

describe('itemErrorsLine', () => {
  it('tells failed items from items saved with a fallback', () => {
    expect(itemErrorsLine([{}, {}])).toBe('2 items failed');
    expect(itemErrorsLine([{ fallback: true }])).toBe('1 item saved with an offline fallback');
    expect(itemErrorsLine([{}, { fallback: true }, { fallback: true }])).toBe(
      '1 item failed, 2 items saved with an offline fallback',
    );
  });
});

describe('the result box of a finished task', () => {
  it('is green only when everything succeeded', () => {
    expect(resultColor('succeeded')).toBe('teal');
    expect(resultColor('failed')).toBe('red');
    expect(resultColor('partial')).toBe('orange');
    expect(resultColor('cancelled')).toBe('gray');
  });
});
