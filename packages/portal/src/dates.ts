/** Calendar dates (`YYYY-MM-DD`) in an organisation's time zone: deadlines, periods, "today". */
import { ProblemError } from './http/problem.ts';

// Creating a DateTimeFormat costs ~100 µs; one per time zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

const todays = new Map<string, { date: string; until: number }>();

/**
 * Today's date (`YYYY-MM-DD`) in an IANA time zone. Formatting costs a few microseconds, a tenth of a
 * cached counter request, so the answer is kept for the rest of the current second.
 */
export function todayIn(timeZone: string, now = new Date()): string {
  const at = now.getTime();
  const known = todays.get(timeZone);
  if (known !== undefined && at < known.until && at >= known.until - 1000) return known.date;
  const date = formatToday(timeZone, now);
  todays.set(timeZone, { date, until: at - (at % 1000) + 1000 });
  return date;
}

function formatToday(timeZone: string, now: Date): string {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format.format(now);
}

/** Whether `YYYY-MM-DD` names a real calendar day (the schema's pattern accepts 2025-02-30). */
export function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const utc = new Date(Date.UTC(y, m - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
}

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

/** The day a query's `on` names: a real calendar day (else 422 at `query.on`), `today` when absent. */
export function queriedDay(on: string | undefined, today: string): string {
  if (on !== undefined && !isRealDate(on)) {
    throw new ProblemError(422, 'validation-failed', 'Invalid query', [
      { path: 'query.on', message: 'Not a calendar date' },
    ]);
  }
  return on ?? today;
}
