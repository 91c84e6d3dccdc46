import { addDays } from '../dates.ts';

/** Calendar periods of rankings and analytics, on the organisation's local calendar. */
export type CalendarPeriod = 'year' | 'quarter' | 'month';

/** A period as dates and as the range of `rating_months.month` values (first days) it covers. */
export interface PeriodRange {
  period: CalendarPeriod;
  from: string;
  to: string;
  firstMonth: string;
  lastMonth: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (year: number, month: number) => `${year}-${pad(month)}-01`;

/** The month, quarter or year containing `on` (`YYYY-MM-DD`). */
export function periodContaining(period: CalendarPeriod, on: string): PeriodRange {
  const [year = 0, month = 1] = on.split('-').map(Number);
  const first = period === 'year' ? 1 : period === 'quarter' ? month - ((month - 1) % 3) : month;
  const last = period === 'year' ? 12 : period === 'quarter' ? first + 2 : month;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return {
    period,
    from: monthStart(year, first),
    to: `${year}-${pad(last)}-${pad(lastDay)}`,
    firstMonth: monthStart(year, first),
    lastMonth: monthStart(year, last),
  };
}

/** The period of the same length just before `range`. */
export const previousPeriod = (period: CalendarPeriod, range: PeriodRange): PeriodRange =>
  periodContaining(period, addDays(range.from, -1));

/** `count` month starts ending with `lastMonth` (a first day), oldest first. */
export function monthsEnding(lastMonth: string, count: number): string[] {
  const [year = 0, month = 1] = lastMonth.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(year, month - count + i, 1));
    return monthStart(at.getUTCFullYear(), at.getUTCMonth() + 1);
  });
}

/** The rating_period_totals key of the quarter containing `date` (`YYYY-MM…`): `2025-Q2`. */
const quarterKey = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

/**
 * Where the per-organisation figures of a period are kept: a rating_period_totals key (`all`,
 * `2025`, `2025-Q2`) or, for a month, its rating_months row. `null` is all time.
 */
export function totalsOf(range: PeriodRange | null): { period: string } | { month: string } {
  if (range === null) return { period: 'all' };
  const year = range.from.slice(0, 4);
  if (range.period === 'year') return { period: year };
  if (range.period === 'quarter') return { period: quarterKey(range.from) };
  return { month: range.firstMonth };
}

/** The rating_period_totals keys a rating of local date `ratedOn` counts in. */
export function totalsKeysOf(ratedOn: string): string[] {
  return ['all', ratedOn.slice(0, 4), quarterKey(ratedOn)];
}
