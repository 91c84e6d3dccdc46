import { formatDate as formatCalendarDate, formatNumber, type Language } from '@otklik/widget-core';

export { formatNumber };

/** An instant: a `Date` or an ISO 8601 timestamp such as the API's `2027-01-05T09:30:00Z`. */
export type Instant = Date | string;

const toDate = (instant: Instant) => (typeof instant === 'string' ? new Date(instant) : instant);

const calendarFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of `instant` in `timeZone` (an IANA name, e.g. Europe/Minsk). */
export function calendarDate(instant: Instant, timeZone: string): string {
  let format = calendarFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    calendarFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(toDate(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Whole days from the calendar date `from` to `to` (both `YYYY-MM-DD`): negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A date in the console's one format per language — «5 января 2027 г.», «5 студзеня 2027 г.»,
 * "January 5, 2027" — from a calendar date (`YYYY-MM-DD`, shown as is) or an instant (shown as the date
 * it is in `timeZone`, the organisation's).
 */
export function formatDate(lang: Language, value: Instant, timeZone: string): string {
  const isCalendarDate = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = isCalendarDate ? value : calendarDate(value, timeZone);
  return formatCalendarDate(lang, date, { dateStyle: 'long' });
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** The time of day of `instant` in `timeZone`, 24-hour: `09:30`. */
export function formatTime(lang: Language, instant: Instant, timeZone: string): string {
  const key = `${lang}|${timeZone}`;
  let format = timeFormats.get(key);
  if (!format) {
    // Chrome has no Belarusian formats; Russian writes the time the same way.
    const locale = Intl.DateTimeFormat.supportedLocalesOf(lang).length > 0 ? lang : 'ru';
    format = new Intl.DateTimeFormat(locale, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    timeFormats.set(key, format);
  }
  return format.format(toDate(instant));
}

/** Date and time of `instant` in `timeZone`: «5 января 2027 г., 09:30». */
export function formatDateTime(lang: Language, instant: Instant, timeZone: string): string {
  return `${formatDate(lang, instant, timeZone)}, ${formatTime(lang, instant, timeZone)}`;
}

/** The browser's own time zone: used until an organisation (with its time zone) is chosen. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A month (`YYYY-MM`) as a person reads it: «декабрь 2026 г.», «снежань 2026», "December 2026";
 * `short` for a chart's axis: «дек. 2026 г.», "Dec 2026".
 */
export function formatMonth(lang: Language, month: string, width: 'long' | 'short' = 'long'): string {
  return /^\d{4}-\d{2}$/.test(month)
    ? formatCalendarDate(lang, `${month}-01`, { month: width, year: 'numeric' })
    : month;
}
