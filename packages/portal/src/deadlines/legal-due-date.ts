/**
 * The one function behind every deadline the portal shows: the staff queue and card, the applicant's
 * tracker and receipt, and the e-mails all read the date it computed and the appeal stored.
 */
import { jurisdictionProfiles } from '@otklik/client';
import type { JurisdictionProfileId } from '@otklik/client/schemas';
import { addDays } from '../dates.ts';
import type { Queryable } from '../db/types.ts';
import { loadCalendar, type WorkCalendar } from './calendar.ts';
import { deadlineRules } from './rules.ts';

/** The terms an appeal registered on a date runs to (all `YYYY-MM-DD`, the organisation's dates). */
export interface LegalDeadlines {
  /** Forward by competence (with a notice to the applicant) by this date. */
  forwardBy: string;
  /** Answer by this date (before any extension). */
  answerBy: string;
  /** The latest date one extension may set. */
  extensionLatest: string;
}

/** Longest run of non-working days a term may cross (New Year holidays are 11 at most). */
const MAX_NON_WORKING_RUN = 31;

/** `date` plus `months` calendar months; a day missing in the target month becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** The day a term ending on `date` really ends, by the profile's rule for a non-working last day. */
export function termEnd(profile: JurisdictionProfileId, date: string, calendar: WorkCalendar): string {
  const rule = deadlineRules[profile].lastDayNotWorked;
  if (rule === 'none') return date;
  const step = rule === 'next' ? 1 : -1;
  let day = date;
  for (let i = 0; i < MAX_NON_WORKING_RUN && !calendar.isWorkingDay(day); i++) day = addDays(day, step);
  return day;
}

/** The dates from which every calendar lookup of {@link legalDeadlines} falls (for loading it). */
export function calendarSpan(registeredDate: string): { from: string; to: string } {
  return { from: addDays(registeredDate, -MAX_NON_WORKING_RUN), to: addDays(registeredDate, 120) };
}

/** The legal terms of an appeal registered on `registeredDate` under `profile`, by `calendar`. */
export function legalDeadlines(
  profile: JurisdictionProfileId,
  registeredDate: string,
  calendar: WorkCalendar,
): LegalDeadlines {
  const days = jurisdictionProfiles[profile].deadlines;
  const answerTerm = addDays(registeredDate, days.answerWithinDays);
  const extension = deadlineRules[profile].extension;
  const extensionTerm =
    'daysAfterTerm' in extension
      ? addDays(answerTerm, extension.daysAfterTerm)
      : addMonths(registeredDate, extension.monthsAfterRegistration);
  return {
    forwardBy: termEnd(profile, addDays(registeredDate, days.forwardWithinDays), calendar),
    answerBy: termEnd(profile, answerTerm, calendar),
    extensionLatest: termEnd(profile, extensionTerm, calendar),
  };
}

/** The legal terms of an appeal, with the calendar of its organisation's country read from `db`. */
export async function appealDeadlines(
  db: Queryable,
  organization: { country: string; jurisdiction: JurisdictionProfileId },
  registeredDate: string,
): Promise<LegalDeadlines> {
  const span = calendarSpan(registeredDate);
  const calendar = await loadCalendar(db, organization.country, span.from, span.to);
  return legalDeadlines(organization.jurisdiction, registeredDate, calendar);
}
