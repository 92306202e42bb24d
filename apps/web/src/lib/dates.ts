/**
 * Dates as the browser's locale writes them (undefined locale: the user's own), so a European
 * reader never meets "12/1/2026". One place, used by every page.
 */
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function parse(value: string | number | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "1 Dec 2026" / "Dec 1, 2026": a day (created, published). */
export function formatDate(value: string | number | Date | null | undefined): string {
  const d = value == null ? null : parse(value);
  return d ? dateFormat.format(d) : '—';
}

/** "1 Dec 2026, 14:05": a moment that matters to the minute (a task's start, a schedule). */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  const d = value == null ? null : parse(value);
  return d ? dateTimeFormat.format(d) : '—';
}
