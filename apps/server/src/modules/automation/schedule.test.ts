import type { AutomationSchedule } from '@igny8/contracts';
import { describe, expect, it } from 'vitest';
import { nextRunAfter } from './schedule';

const berlin = (over: Partial<AutomationSchedule> = {}): AutomationSchedule => ({
  frequency: 'daily',
  time: '06:00',
  timezone: 'Europe/Berlin',
  ...over,
});

describe('nextRunAfter keeps the wall clock of the schedule’s time zone', () => {
  it('runs at 06:00 Berlin time on both sides of the March change (UTC+1 → UTC+2)', () => {
    // 2026-03-29: clocks go from 02:00 to 03:00 in Berlin.
    expect(nextRunAfter(berlin(), new Date('2026-03-28T06:00:00Z')).toISOString()).toBe('2026-03-29T04:00:00.000Z');
    expect(nextRunAfter(berlin(), new Date('2026-03-27T12:00:00Z')).toISOString()).toBe('2026-03-28T05:00:00.000Z');
  });

  it('runs at 06:00 Berlin time on both sides of the October change (UTC+2 → UTC+1)', () => {
    // 2026-10-25: clocks go from 03:00 back to 02:00 in Berlin.
    expect(nextRunAfter(berlin(), new Date('2026-10-24T12:00:00Z')).toISOString()).toBe('2026-10-25T05:00:00.000Z');
    expect(nextRunAfter(berlin(), new Date('2026-10-23T12:00:00Z')).toISOString()).toBe('2026-10-24T04:00:00.000Z');
  });

  it('moves a start at a time that does not exist that day (02:30 on the March change) to the next valid time, and runs once on the October repeat', () => {
    const s = berlin({ time: '02:30' });
    const march = nextRunAfter(s, new Date('2026-03-28T12:00:00Z'));
    expect(march.getTime()).toBeGreaterThan(new Date('2026-03-29T00:00:00Z').getTime());
    expect(march.getTime()).toBeLessThan(new Date('2026-03-30T02:00:00Z').getTime());
    // 02:30 happens twice on 2026-10-25 (00:30Z and 01:30Z): the run after the first is the next day, not the repeat.
    const first = nextRunAfter(s, new Date('2026-10-24T12:00:00Z'));
    expect(first.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(nextRunAfter(s, first).toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });

  it('keeps weekly and monthly starts on their day across a change', () => {
    // Mondays at 06:00: 2026-10-19 is in summer time, 2026-10-26 in winter time.
    const weekly = berlin({ frequency: 'weekly', weekday: 1 });
    expect(nextRunAfter(weekly, new Date('2026-10-20T00:00:00Z')).toISOString()).toBe('2026-10-26T05:00:00.000Z');
    const monthly = berlin({ frequency: 'monthly', monthDay: 1 });
    expect(nextRunAfter(monthly, new Date('2026-10-02T00:00:00Z')).toISOString()).toBe('2026-11-01T05:00:00.000Z');
  });
});
