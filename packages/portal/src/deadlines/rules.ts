/**
 * How each jurisdiction profile counts its deadlines beyond the day counts of the profile itself
 * (`@otklik/client` `jurisdictionProfiles[…].deadlines`): what happens when a term ends on a
 * non-working day, and how far one extension may reach. Data, read by the one deadline function.
 */
import type { JurisdictionProfileId } from '@otklik/client/schemas';

export interface DeadlineRules {
  /**
   * A term whose last day is not worked ends on the working day before it (`previous`: the answer is
   * never late whichever reading applies), after it (`next`), or is not moved (`none`: no calendar).
   */
  readonly lastDayNotWorked: 'previous' | 'next' | 'none';
  /** How far the one extension may reach: days after the term in force, or months after registration. */
  readonly extension: { readonly daysAfterTerm: number } | { readonly monthsAfterRegistration: number };
}

export const deadlineRules: Record<JurisdictionProfileId, DeadlineRules> = {
  // 59-ФЗ art. 12: 30 days from registration, extension "не более чем на 30 дней". The law does not
  // move a term off a non-working day; departmental instructions (and the ССТУ practice) end it on the
  // preceding working day, so the desk does that: the answer can never be late by either reading.
  'ru-59fz': { lastDayNotWorked: 'previous', extension: { daysAfterTerm: 30 } },
  // 300-З art. 17: 15 days, one month where additional study is needed; a term ending on a
  // non-working day ends on the next working day.
  'by-300z': { lastDayNotWorked: 'next', extension: { monthsAfterRegistration: 1 } },
  generic: { lastDayNotWorked: 'none', extension: { daysAfterTerm: 30 } },
};
