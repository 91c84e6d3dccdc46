/** A country's working days: Monday to Friday, except the departures its calendar keeps as data. */
import type { Queryable } from '../db/types.ts';

/** The countries with a calendar of non-working days (an organisation's `country`). */
export const CALENDAR_COUNTRIES = ['RU', 'BY'] as const;
export type CalendarCountry = (typeof CALENDAR_COUNTRIES)[number];

/**
 * A departure from the Monday-to-Friday week: `holiday` (a public holiday on a weekday), `day_off`
 * (a weekday off by a transfer), `working` (a Saturday or Sunday worked by a transfer).
 */
export type CalendarDayKind = 'holiday' | 'day_off' | 'working';

/** Whether a date is worked, for the deadline rules. */
export interface WorkCalendar {
  isWorkingDay(date: string): boolean;
}

/** Day of the week of `YYYY-MM-DD`: 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export const isWeekend = (date: string) => {
  const day = weekday(date);
  return day === 0 || day === 6;
};

/** A calendar from its departures (`date` → kind); days not listed follow the week. */
export function workCalendar(departures: ReadonlyMap<string, CalendarDayKind>): WorkCalendar {
  return {
    isWorkingDay(date) {
      const kind = departures.get(date);
      if (kind === undefined) return !isWeekend(date);
      return kind === 'working';
    },
  };
}

/** Every day a working day: for organisations whose country keeps no calendar. */
export const everyDayCalendar: WorkCalendar = { isWorkingDay: () => true };

/**
 * The country's calendar between two dates (inclusive), read in the caller's transaction so that a
 * deadline and the calendar it came from are consistent. Unknown countries get the plain week.
 */
export async function loadCalendar(
  db: Queryable,
  country: string,
  from: string,
  to: string,
): Promise<WorkCalendar> {
  const rows = await db.query<{ day: string; kind: CalendarDayKind }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_days
     WHERE country = $1 AND day BETWEEN $2::date AND $3::date`,
    [country, from, to],
  );
  return workCalendar(new Map(rows.map((r) => [r.day, r.kind])));
}
