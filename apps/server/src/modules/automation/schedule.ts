import type { AutomationSchedule } from '@igny8/contracts';
import cronParser from 'cron-parser';

/** The schedule as a cron expression (pg-boss's own cron library reads it), in the schedule's time zone. */
export function cronOf(s: AutomationSchedule): string {
  const [hour, minute] = s.time.split(':').map(Number);
  if (s.frequency === 'weekly') return `${minute} ${hour} * * ${s.weekday ?? 1}`;
  if (s.frequency === 'monthly') return `${minute} ${hour} ${s.monthDay ?? 1} * *`;
  return `${minute} ${hour} * * *`;
}

/** Whether `timezone` is an IANA zone this runtime knows (the schedule is refused otherwise). */
export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first start strictly after `after`, on the wall clock of the schedule's time zone: 06:00 in
 * Europe/Berlin stays 06:00 across daylight-saving changes (a time that does not exist that day
 * moves on, as cron does).
 */
export function nextRunAfter(s: AutomationSchedule, after: Date): Date {
  return cronParser.parseExpression(cronOf(s), { tz: s.timezone, currentDate: after }).next().toDate();
}
