import { todayIn } from './appeals/counter.ts';

/** The calendar date of `at` in `timeZone` (`YYYY-MM-DD`). */
export const localDate = (timeZone: string, at: Date) => todayIn(timeZone, at);

/** `date` plus `days` calendar days (pure date arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * SQL for the instant a local date ends (next local midnight) in a time zone: a deadline date is
 * met until then, so `due_at < now()` means overdue. `$date` and `$tz` are parameter placeholders.
 */
export const endOfLocalDay = (date: string, tz: string) =>
  `((${date}::date + 1)::timestamp AT TIME ZONE ${tz})`;
