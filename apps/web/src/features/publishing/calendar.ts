/**
 * Calendar arithmetic in the viewer's local time: the days a month or week view shows, the window
 * to ask the API for, and where a dragged item lands (same time of day, another day).
 */

export type CalendarView = 'month' | 'week';

const DAY_MS = 86_400_000;

export function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/** Monday of the week `d` is in. */
export function startOfWeek(d: Date): Date {
  const day = startOfDay(d);
  const offset = (day.getDay() + 6) % 7;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - offset);
}

export function addDays(d: Date, n: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n, d.getHours(), d.getMinutes(), d.getSeconds());
}

/** "2026-03-09" for the local day of `d`. */
export function dayKey(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The days a view shows: whole weeks (Monday first) covering the month, or one week. */
export function visibleDays(view: CalendarView, anchor: Date): Date[] {
  if (view === 'week') {
    const monday = startOfWeek(anchor);
    return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  }
  const first = new Date(anchor.getFullYear(), anchor.getMonth(), 1);
  const last = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0);
  const start = startOfWeek(first);
  const days: Date[] = [];
  for (let d = start; d <= last || days.length % 7 !== 0; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The API window for a view: from its first day's midnight to the midnight after its last. */
export function rangeOf(view: CalendarView, anchor: Date): { from: string; to: string } {
  const days = visibleDays(view, anchor);
  return { from: days[0]!.toISOString(), to: addDays(days.at(-1)!, 1).toISOString() };
}

/** The previous or next month or week. */
export function shift(view: CalendarView, anchor: Date, dir: -1 | 1): Date {
  return view === 'week' ? addDays(anchor, 7 * dir) : new Date(anchor.getFullYear(), anchor.getMonth() + dir, 1);
}

/** A dragged item keeps its time of day on the day it is dropped on. */
export function moveToDay(at: Date, day: Date): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), at.getHours(), at.getMinutes());
}

/** Where a dragged scheduled item lands on `day`, or null when that time has passed. */
export function rescheduleTarget(at: string, day: Date, now = new Date()): Date | null {
  const moved = moveToDay(new Date(at), day);
  return moved.getTime() > now.getTime() ? moved : null;
}

/**
 * Where an unscheduled article dropped on a day goes: 09:00 that day, or an hour from now when
 * that has passed (dropping on today).
 */
export function dropTime(day: Date, now = new Date()): Date {
  const nine = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 9, 0);
  if (nine.getTime() > now.getTime()) return nine;
  const soon = new Date(now.getTime() + 3_600_000);
  soon.setSeconds(0, 0);
  return soon;
}

/** A drop is allowed on a day that is not over yet. */
export function canDropOn(day: Date, now = new Date()): boolean {
  return startOfDay(day).getTime() + DAY_MS > now.getTime();
}

export function viewTitle(view: CalendarView, anchor: Date): string {
  if (view === 'month') return anchor.toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
  const days = visibleDays('week', anchor);
  const fmt = (d: Date) => d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  return `${fmt(days[0]!)} – ${fmt(days[6]!)} ${days[6]!.getFullYear()}`;
}
