/** Reading and editing a country's calendar of non-working days (the rows of `calendar_days`). */
import type { CalendarDay, CalendarDayKind, CalendarYear } from '@otklik/client/schemas';
import { addDays, isRealDate } from '../dates.ts';
import type { Queryable } from '../db/types.ts';
import { isWeekend, workCalendar } from '../deadlines/calendar.ts';
import { fieldRefusal, ProblemError, refusal } from '../http/problem.ts';

const notADate = () =>
  new ProblemError(422, 'validation-failed', 'Invalid date', [
    { path: 'params.date', message: 'Not a calendar date' },
  ]);

/** The country's departures from the week in `year`, and the number of working days that leaves. */
export async function calendarYear(db: Queryable, country: CalendarYear['country'], year: number) {
  const rows = await db.query<{ date: string; kind: CalendarDayKind; note: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS date, kind, note FROM calendar_days
     WHERE country = $1 AND day BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31) ORDER BY day`,
    [country, year],
  );
  const calendar = workCalendar(new Map(rows.map((r) => [r.date, r.kind])));
  let workingDays = 0;
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) {
    if (calendar.isWorkingDay(day)) workingDays++;
  }
  return { country, year, days: rows, workingDays } satisfies CalendarYear;
}

/** Sets a day's departure from the week; `working` only on a weekend, the others only on a weekday. */
export async function putCalendarDay(
  db: Queryable,
  country: string,
  date: string,
  input: { kind: CalendarDayKind; note: string },
  personId: string | null,
): Promise<CalendarDay> {
  if (!isRealDate(date)) throw notADate();
  if ((input.kind === 'working') !== isWeekend(date)) {
    throw fieldRefusal(
      'day-kind-mismatch',
      'body.kind',
      isWeekend(date)
        ? 'A Saturday or Sunday is already a day off: only "working" changes it'
        : 'A weekday is already worked: only "holiday" or "day_off" changes it',
      'This kind does not fit the day of the week',
    );
  }
  await db.query(
    `INSERT INTO calendar_days (country, day, kind, note, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (country, day) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note,
       updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [country, date, input.kind, input.note, personId],
  );
  return { date, kind: input.kind, note: input.note };
}

/** Returns a day to the ordinary week; 404 when it had no departure. */
export async function deleteCalendarDay(db: Queryable, country: string, date: string): Promise<void> {
  if (!isRealDate(date)) throw notADate();
  const gone = await db.query('DELETE FROM calendar_days WHERE country = $1 AND day = $2 RETURNING day', [
    country,
    date,
  ]);
  if (gone.length === 0) throw refusal('day-already-ordinary', 'This day follows the ordinary week already');
}
