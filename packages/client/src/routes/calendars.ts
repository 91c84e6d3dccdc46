/** Routes of the calendars of non-working days (portal administrators). */

export { deleteCalendarDayRoute } from './calendars/delete-calendar-day.ts';
export { getCalendarYearRoute } from './calendars/get-calendar-year.ts';
export { putCalendarDayRoute } from './calendars/put-calendar-day.ts';
