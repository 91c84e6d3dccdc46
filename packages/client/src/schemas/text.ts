import * as v from 'valibot';

/** The message of {@link plainText}'s issue, as widgets and the portal's 422 show it. */
export const PLAIN_TEXT_MESSAGE = 'Text must not contain NUL characters or unpaired surrogates';

/**
 * Whether a string holds only characters that can be stored and sent: no NUL (PostgreSQL refuses it in
 * text) and no UTF-16 surrogate without its partner (it cannot be encoded as UTF-8). A browser without
 * `isWellFormed` (before 2023) leaves the surrogate check to the portal, which always makes it.
 */
export function isPlainText(value: string): boolean {
  return !value.includes('\0') && (value as WellFormed).isWellFormed?.() !== false;
}

/** `String.prototype.isWellFormed` (ES2024; Node 20 and every browser since 2023 have it). */
type WellFormed = string & { isWellFormed?: () => boolean };

/**
 * The check every free-text field of the wire format applies (names, texts, comments, search words,
 * tokens): refuses a NUL character and an unpaired surrogate, so the portal answers 422 naming the field
 * and a widget shows the field's message instead of the request failing later.
 */
export function plainText<TInput extends string>() {
  return v.check<TInput, typeof PLAIN_TEXT_MESSAGE>(isPlainText, PLAIN_TEXT_MESSAGE);
}

/** Any text a person types or pastes: a string that {@link plainText} accepts. */
export const PlainString = v.pipe(v.string(), plainText());

/**
 * Whether `YYYY-MM-DD` names a day that exists (not `2024-02-30`, nor `0000-01-01`: the calendar has no
 * year 0 and PostgreSQL refuses it).
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year === 0) return false;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
