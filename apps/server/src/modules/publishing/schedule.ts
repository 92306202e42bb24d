import type { PublishingSettings } from '@igny8/contracts';

/**
 * A site's publishing schedule, as pure functions of the settings, the clock and the times already
 * taken (no I/O, so every rule is tested on its own):
 * - immediate: now;
 * - slots: the next free (day of week × time of day) slots, one article per slot;
 * - stagger: one article every N hours after the latest taken time;
 * and in every mode at most `dailyCap` articles per calendar day of the site's time zone (a full day
 * moves the article to the next day with room).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Local wall-clock parts of an instant in a time zone. */
export function zonedParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: weekdays.indexOf(get('weekday')),
  };
}

/** The instant a local wall-clock time names in a time zone (the later one in a DST gap's shift). */
export function zonedTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (t: number) => {
    const p = zonedParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - t;
  };
  let t = wall - offsetAt(wall);
  const second = wall - offsetAt(t);
  if (second !== t) t = second;
  return new Date(t);
}

/** The local calendar day of an instant, as a sortable key ("2026-03-09"). */
export function dayKey(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Midnight starting the local day after `at`'s. */
function nextDayStart(at: Date, timeZone: string): Date {
  const p = zonedParts(at, timeZone);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return zonedTime(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timeZone);
}

const minuteOf = (d: Date) => Math.floor(d.getTime() / MINUTE);

/**
 * Times for `count` articles, in order, under the site's schedule. `taken` are the times other
 * articles already hold (scheduled, and recently published, for the cap and the stagger).
 */
export function nextSlots(settings: PublishingSettings, now: Date, taken: readonly Date[], count: number): Date[] {
  const tz = settings.timezone;
  const perDay = new Map<string, number>();
  const takenMinutes = new Set<number>();
  const use = (at: Date) => {
    const key = dayKey(at, tz);
    perDay.set(key, (perDay.get(key) ?? 0) + 1);
    takenMinutes.add(minuteOf(at));
  };
  for (const at of taken) use(at);
  const dayFull = (at: Date) => settings.dailyCap !== null && (perDay.get(dayKey(at, tz)) ?? 0) >= settings.dailyCap;

  const out: Date[] = [];
  let latest = taken.reduce((max, at) => Math.max(max, at.getTime()), -Infinity);
  for (let i = 0; i < count; i++) {
    let at: Date;
    if (settings.scheduleMode === 'slots') at = nextSlot(settings, now, takenMinutes, dayFull);
    else {
      at =
        settings.scheduleMode === 'stagger' && Number.isFinite(latest)
          ? new Date(Math.max(now.getTime(), latest + settings.staggerHours * HOUR))
          : now;
      // A full day pushes the article to the start of the next day with room.
      for (let guard = 0; dayFull(at) && guard < 3660; guard++) at = nextDayStart(at, tz);
    }
    use(at);
    latest = Math.max(latest, at.getTime());
    out.push(at);
  }
  return out;
}

function nextSlot(
  settings: PublishingSettings,
  now: Date,
  takenMinutes: Set<number>,
  dayFull: (at: Date) => boolean,
): Date {
  const tz = settings.timezone;
  const times = [...settings.slotTimes].sort().map((t) => t.split(':').map(Number) as [number, number]);
  const today = zonedParts(now, tz);
  // Ten years of days is more than any cap and slot set can need; past it the settings are unusable.
  for (let d = 0; d < 3660; d++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + d));
    if (!settings.slotDays.includes(date.getUTCDay())) continue;
    for (const [h, m] of times) {
      const at = zonedTime(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), h, m, tz);
      if (at.getTime() <= now.getTime() || takenMinutes.has(minuteOf(at)) || dayFull(at)) continue;
      return at;
    }
  }
  throw new Error('the schedule has no free slot in the next ten years');
}
