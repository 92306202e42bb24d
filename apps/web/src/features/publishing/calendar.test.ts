import { describe, expect, it } from 'vitest';
import { canDropOn, dayKey, dropTime, moveToDay, rangeOf, shift, visibleDays } from './calendar';

describe('calendar days', () => {
  it('shows whole Monday-first weeks covering the month', () => {
    const days = visibleDays('month', new Date(2026, 2, 15)); // March 2026 starts on a Sunday
    expect(dayKey(days[0]!)).toBe('2026-02-23');
    expect(dayKey(days.at(-1)!)).toBe('2026-04-05');
    expect(days.length % 7).toBe(0);
    expect(days.filter((d) => d.getMonth() === 2)).toHaveLength(31);
  });

  it('shows the Monday-to-Sunday week of the anchor, and moves by weeks or months', () => {
    expect(visibleDays('week', new Date(2026, 2, 4)).map(dayKey)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(dayKey(shift('week', new Date(2026, 2, 4), 1))).toBe('2026-03-11');
    expect(dayKey(shift('month', new Date(2026, 0, 31), 1))).toBe('2026-02-01');
  });

  it('asks the API for the shown days, midnight to midnight', () => {
    const { from, to } = rangeOf('week', new Date(2026, 2, 4));
    expect(new Date(from).getTime()).toBe(new Date(2026, 2, 2).getTime());
    expect(new Date(to).getTime()).toBe(new Date(2026, 2, 9).getTime());
  });
});

describe('dropping on a day', () => {
  it('keeps a scheduled item’s time of day', () => {
    const moved = moveToDay(new Date(2026, 2, 4, 15, 30), new Date(2026, 2, 10));
    expect([dayKey(moved), moved.getHours(), moved.getMinutes()]).toEqual(['2026-03-10', 15, 30]);
  });

  it('schedules an unscheduled article at 09:00, or an hour from now on today after nine', () => {
    const now = new Date(2026, 2, 4, 13, 20, 10);
    expect(dropTime(new Date(2026, 2, 6), now).getHours()).toBe(9);
    const today = dropTime(new Date(2026, 2, 4), now);
    expect([today.getHours(), today.getMinutes(), today.getSeconds()]).toEqual([14, 20, 0]);
    expect(canDropOn(new Date(2026, 2, 4), now)).toBe(true);
    expect(canDropOn(new Date(2026, 2, 3), now)).toBe(false);
  });
});
