import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  daysBetween,
  formatDate,
  formatDateTime,
  formatMonth,
  formatNumber,
  formatTime,
} from './format.ts';

describe('dates in the organisation’s time zone', () => {
  // 21:30 UTC on 4 January is already 5 January in Moscow (UTC+3) and Minsk, still the 4th in London.
  const instant = '2027-01-04T21:30:00Z';

  it('takes the calendar date where the organisation is', () => {
    expect(calendarDate(instant, 'Europe/Moscow')).toBe('2027-01-05');
    expect(calendarDate(instant, 'Europe/London')).toBe('2027-01-04');
    expect(calendarDate(new Date(instant), 'Asia/Vladivostok')).toBe('2027-01-05');
  });

  it('names a month (the report’s) in words, not as 2026-12', () => {
    expect(formatMonth('ru', '2026-12')).toBe('декабрь 2026\u00a0г.');
    expect(formatMonth('be', '2026-12')).toBe('снежань 2026');
    expect(formatMonth('en', '2026-12')).toBe('December 2026');
    expect(formatMonth('ru', 'not a month')).toBe('not a month');
    expect(formatMonth('en', '2026-01', 'short')).toBe('Jan 2026');
  });

  it('writes one date format per language', () => {
    expect(formatDate('ru', instant, 'Europe/Moscow')).toBe('5\u00a0января 2027\u00a0г.');
    expect(formatDate('be', instant, 'Europe/Minsk')).toBe('5\u00a0студзеня 2027\u00a0г.');
    expect(formatDate('en', instant, 'Europe/Moscow')).toBe('January 5, 2027');
    expect(formatDate('ru', instant, 'Europe/London')).toBe('4\u00a0января 2027\u00a0г.');
  });

  it('shows a calendar date as it is, whatever the time zone', () => {
    expect(formatDate('ru', '2027-01-05', 'America/Los_Angeles')).toBe('5\u00a0января 2027\u00a0г.');
    expect(formatDate('ru', '2027-01-05', 'Pacific/Kiritimati')).toBe('5\u00a0января 2027\u00a0г.');
  });

  it('writes times in 24 hours, in the time zone', () => {
    expect(formatTime('ru', instant, 'Europe/Moscow')).toBe('00:30');
    expect(formatTime('en', instant, 'Europe/Moscow')).toBe('00:30');
    expect(formatTime('be', '2027-01-05T06:05:00Z', 'Europe/Minsk')).toBe('09:05');
    expect(formatDateTime('ru', instant, 'Europe/Moscow')).toBe('5\u00a0января 2027\u00a0г., 00:30');
  });

  it('counts days between calendar dates across month and year ends', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2027-03-01', '2027-02-27')).toBe(-2);
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2); // a DST change in Europe, none in UTC
    expect(daysBetween('2027-01-05', '2027-01-05')).toBe(0);
  });

  it('formats numbers for the language', () => {
    expect(formatNumber('ru', 12345.5)).toBe('12\u00a0345,5');
    expect(formatNumber('en', 12345.5)).toBe('12,345.5');
  });
});
