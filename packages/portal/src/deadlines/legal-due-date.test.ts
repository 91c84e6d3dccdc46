import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CalendarDayKind, workCalendar } from './calendar.ts';
import { addMonths, legalDeadlines, termEnd } from './legal-due-date.ts';

/** The calendars exactly as the migration seeds them. */
function seeded(country: 'RU' | 'BY') {
  const sql = readFileSync(
    new URL('../migrations/0013_calendars_and_queue_search.sql', import.meta.url),
    'utf8',
  );
  const days = new Map<string, CalendarDayKind>();
  for (const m of sql.matchAll(/\('(RU|BY)', '(\d{4}-\d{2}-\d{2})', '(holiday|day_off|working)'/g)) {
    if (m[1] === country) days.set(m[2] as string, m[3] as CalendarDayKind);
  }
  return workCalendar(days);
}
const RU = seeded('RU');
const BY = seeded('BY');

describe('the seeded calendars', () => {
  it('count the official number of working days in RU 2025 and 2026 (247 each)', () => {
    for (const year of [2025, 2026]) {
      let working = 0;
      for (
        let d = new Date(Date.UTC(year, 0, 1));
        d.getUTCFullYear() === year;
        d.setUTCDate(d.getUTCDate() + 1)
      ) {
        if (RU.isWorkingDay(d.toISOString().slice(0, 10))) working++;
      }
      expect(working).toBe(247);
    }
  });
  it('know holidays, transferred days off and working Saturdays', () => {
    expect(RU.isWorkingDay('2026-01-09')).toBe(false);
    expect(RU.isWorkingDay('2025-11-01')).toBe(true);
    expect(RU.isWorkingDay('2025-11-03')).toBe(false);
    expect(BY.isWorkingDay('2025-07-03')).toBe(false);
    expect(BY.isWorkingDay('2025-12-20')).toBe(true);
    expect(BY.isWorkingDay('2025-03-10')).toBe(true);
  });
});

describe('ru-59fz: 30 days from registration; a non-working last day moves back', () => {
  it('crosses a month end onto a working Friday', () => {
    expect(legalDeadlines('ru-59fz', '2025-01-15', RU).answerBy).toBe('2025-02-14');
  });
  it('a term ending on Sunday 2 March ends on Friday 28 February', () => {
    expect(legalDeadlines('ru-59fz', '2025-01-31', RU).answerBy).toBe('2025-02-28');
  });
  it('a term ending on 1 January ends before the New Year holidays and the transferred 31 December', () => {
    expect(legalDeadlines('ru-59fz', '2025-12-02', RU).answerBy).toBe('2025-12-30');
  });
  it('a term ending on a transferred day off (11 May 2026) ends on Friday 8 May', () => {
    expect(legalDeadlines('ru-59fz', '2026-04-11', RU).answerBy).toBe('2026-05-08');
  });
  it('a term ending on a working Saturday stays there', () => {
    expect(legalDeadlines('ru-59fz', '2025-10-02', RU).answerBy).toBe('2025-11-01');
  });
  it('forwarding by competence: 7 days, before the May holidays', () => {
    expect(legalDeadlines('ru-59fz', '2025-04-25', RU).forwardBy).toBe('2025-04-30');
  });
  it('one extension reaches 30 days past the unmoved term', () => {
    expect(legalDeadlines('ru-59fz', '2025-01-31', RU).extensionLatest).toBe('2025-04-01');
    expect(legalDeadlines('ru-59fz', '2025-12-02', RU).extensionLatest).toBe('2026-01-30');
  });
});

describe('by-300z: 15 days; one month with additional study; a non-working last day moves on', () => {
  it('a term ending on Independence Day moves past the transferred Friday and the weekend', () => {
    expect(legalDeadlines('by-300z', '2025-06-18', BY).answerBy).toBe('2025-07-07');
  });
  it('crosses the year end onto Monday 12 January 2026', () => {
    expect(legalDeadlines('by-300z', '2025-12-27', BY).answerBy).toBe('2026-01-12');
  });
  it('a working Saturday is a working day', () => {
    expect(legalDeadlines('by-300z', '2025-12-05', BY).answerBy).toBe('2025-12-20');
  });
  it('one month from registration, the month end clamped (31 January → 28 February)', () => {
    expect(legalDeadlines('by-300z', '2025-01-31', BY).extensionLatest).toBe('2025-02-28');
    expect(legalDeadlines('by-300z', '2025-06-03', BY).extensionLatest).toBe('2025-07-07');
  });
});

describe('generic profile and helpers', () => {
  it('counts plain calendar days', () => {
    expect(legalDeadlines('generic', '2025-01-31', RU).answerBy).toBe('2025-03-02');
  });
  it('addMonths clamps to the month end and crosses years', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
  });
  it('termEnd leaves a working day alone', () => {
    expect(termEnd('by-300z', '2025-03-10', BY)).toBe('2025-03-10');
  });
});
