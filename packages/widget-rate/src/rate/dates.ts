/** Calendar dates of the rating form, counted in the organisation's time zone. */

/** Today (`YYYY-MM-DD`) in `timeZone`, the local date if the zone is unknown to the browser. */
export function todayIn(timeZone: string, now = new Date()): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat('en', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(now);
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `date` moved by `days` (negative: back). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Why `date` cannot be the service date: missing, not a date, in the future or too old; else undefined. */
export function dateProblem(
  date: string,
  min: string,
  max: string,
): 'missing' | 'invalid' | 'future' | 'old' | undefined {
  if (!date) return 'missing';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)) || addDays(date, 0) !== date)
    return 'invalid';
  if (date > max) return 'future';
  if (date < min) return 'old';
  return undefined;
}
