import { calendarDate } from '../../i18n/format.ts';

/**
 * The month as `YYYY-MM` on the organisation's clock (`timeZone`), as the portal counts it: on the
 * evening of 31 January in Minsk it is already February in Kamchatka, and still January for a reader
 * whose computer keeps another zone.
 */
export function monthIn(now: Date, timeZone: string): string {
  return calendarDate(now, timeZone).slice(0, 7);
}
