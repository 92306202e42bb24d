import type { PublishingSettings } from '@igny8/contracts';
import { describe, expect, it } from 'vitest';
import { dayKey, nextSlots, zonedTime } from '../src/modules/publishing/schedule';

const base: PublishingSettings = {
  editorsCanPublish: false,
  scheduleMode: 'immediate',
  slotDays: [],
  slotTimes: [],
  staggerHours: 24,
  dailyCap: null,
  timezone: 'UTC',
};
const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
// A Wednesday.
const now = new Date('2026-03-04T10:15:00Z');

describe('the publishing schedule', () => {
  it('immediate: now, for every article, until the daily cap moves the rest to the next days', () => {
    expect(iso(nextSlots(base, now, [], 2))).toEqual([now.toISOString(), now.toISOString()]);
    const capped = nextSlots({ ...base, dailyCap: 2 }, now, [new Date('2026-03-04T08:00:00Z')], 4);
    expect(iso(capped)).toEqual([
      '2026-03-04T10:15:00.000Z',
      '2026-03-05T00:00:00.000Z',
      '2026-03-05T00:00:00.000Z',
      '2026-03-06T00:00:00.000Z',
    ]);
  });

  it('slots: the next free day × time slots after now, one article each, skipping taken ones and full days', () => {
    const slots = { ...base, scheduleMode: 'slots' as const, slotDays: [1, 3, 5], slotTimes: ['15:00', '09:00'] };
    // Wednesday 09:00 has passed; Wednesday 15:00 is taken; then Friday 09:00, Friday 15:00, Monday 09:00.
    expect(iso(nextSlots(slots, now, [new Date('2026-03-04T15:00:00Z')], 3))).toEqual([
      '2026-03-06T09:00:00.000Z',
      '2026-03-06T15:00:00.000Z',
      '2026-03-09T09:00:00.000Z',
    ]);
    // A cap of one a day: Friday 15:00 is skipped.
    expect(iso(nextSlots({ ...slots, dailyCap: 1 }, now, [], 3))).toEqual([
      '2026-03-04T15:00:00.000Z',
      '2026-03-06T09:00:00.000Z',
      '2026-03-09T09:00:00.000Z',
    ]);
  });

  it('slots are wall-clock times in the site time zone, across a daylight-saving change', () => {
    const berlin = {
      ...base,
      scheduleMode: 'slots' as const,
      slotDays: [0, 1, 2, 3, 4, 5, 6],
      slotTimes: ['09:00'],
      timezone: 'Europe/Berlin',
    };
    // Berlin moves from UTC+1 to UTC+2 on 2026-03-29.
    const got = nextSlots(berlin, new Date('2026-03-28T12:00:00Z'), [], 2);
    expect(iso(got)).toEqual(['2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    expect(zonedTime(2026, 3, 28, 9, 0, 'Europe/Berlin').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(dayKey(new Date('2026-03-28T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
  });

  it('stagger: one article every N hours after the latest taken time, never before now', () => {
    const stagger = { ...base, scheduleMode: 'stagger' as const, staggerHours: 6 };
    expect(iso(nextSlots(stagger, now, [new Date('2026-03-04T12:00:00Z')], 2))).toEqual([
      '2026-03-04T18:00:00.000Z',
      '2026-03-05T00:00:00.000Z',
    ]);
    expect(iso(nextSlots(stagger, now, [], 2))).toEqual(['2026-03-04T10:15:00.000Z', '2026-03-04T16:15:00.000Z']);
    // With a cap of 2 a day, the third goes to the start of the next day.
    expect(iso(nextSlots({ ...stagger, dailyCap: 2 }, now, [], 3))).toEqual([
      '2026-03-04T10:15:00.000Z',
      '2026-03-04T16:15:00.000Z',
      '2026-03-05T00:00:00.000Z',
    ]);
  });
});
