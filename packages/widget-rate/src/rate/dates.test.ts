import { describe, expect, it } from 'vitest';
import { addDays, dateProblem, todayIn } from './dates.ts';

describe('service dates', () => {
  it('takes today in the organisation’s time zone, not the browser’s', () => {
    const now = new Date('2026-11-22T22:30:00Z');
    expect(todayIn('Europe/Moscow', now)).toBe('2026-11-23');
    expect(todayIn('Europe/Minsk', now)).toBe('2026-11-23');
    expect(todayIn('America/New_York', now)).toBe('2026-11-22');
    expect(todayIn('UTC', new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
  });

  it('falls back to the local date for a zone the browser does not know', () => {
    expect(todayIn('Nowhere/Atlantis', new Date())).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('counts days across months, years and leap days', () => {
    expect(addDays('2026-11-23', -90)).toBe('2026-08-25');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('tells a missing, impossible, future and too old date from an accepted one, limits included', () => {
    const min = '2026-08-25';
    const max = '2026-11-23';
    expect(dateProblem('', min, max)).toBe('missing');
    expect(dateProblem('23.11.2026', min, max)).toBe('invalid');
    expect(dateProblem('2026-02-30', min, max)).toBe('invalid');
    expect(dateProblem('2026-11-24', min, max)).toBe('future');
    expect(dateProblem('2026-08-24', min, max)).toBe('old');
    expect(dateProblem(max, min, max)).toBeUndefined();
    expect(dateProblem(min, min, max)).toBeUndefined();
    // A maximum age of 0 days: today only.
    expect(dateProblem(max, max, max)).toBeUndefined();
    expect(dateProblem('2026-11-22', max, max)).toBe('old');
  });
});
