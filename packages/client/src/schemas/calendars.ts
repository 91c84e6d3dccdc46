/** Wire format of the calendars of non-working days that deadlines are counted with. */
import * as v from 'valibot';
import { Country, IsoDate, queryInteger } from './common.ts';

/**
 * How a day departs from the Monday-to-Friday week: `holiday` (a public holiday on a weekday),
 * `day_off` (a weekday off by a transfer), `working` (a Saturday or Sunday worked by a transfer).
 */
export const CalendarDayKind = v.picklist(['holiday', 'day_off', 'working']);
export type CalendarDayKind = v.InferOutput<typeof CalendarDayKind>;

/** One departure from the week, with what it is ("День России", "Перенос с 4 января"). */
export const CalendarDay = v.object({
  date: IsoDate,
  kind: CalendarDayKind,
  note: v.string(),
});
export type CalendarDay = v.InferOutput<typeof CalendarDay>;

/** A country's year: every departure from the Monday-to-Friday week, by date, and the working-day count. */
export const CalendarYear = v.object({
  country: Country,
  year: v.pipe(v.number(), v.integer()),
  days: v.array(CalendarDay),
  /** Working days in the year (weekdays minus holidays and days off, plus working weekend days). */
  workingDays: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type CalendarYear = v.InferOutput<typeof CalendarYear>;

export const CalendarYearParams = v.object({ country: Country, year: queryInteger(2000, 2100) });
export const CalendarDayParams = v.object({ country: Country, date: IsoDate });

/** A day's departure: `working` only on a Saturday or Sunday, the others only on a weekday. */
export const CalendarDayInput = v.object({
  kind: CalendarDayKind,
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200)), ''),
});
export type CalendarDayInput = v.InferInput<typeof CalendarDayInput>;
