import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { type Language, setLanguage } from '../i18n/language.ts';
import { DueChip, dueTone } from './due-chip.tsx';

afterEach(cleanup);

function chip(lang: Language, due: string, today = '2027-01-05', withDate = false) {
  setLanguage(lang);
  const { container, unmount } = render(<DueChip due={due} today={today} withDate={withDate} />);
  const element = container.querySelector('.due-chip') as HTMLElement;
  const visible = element.cloneNode(true) as HTMLElement;
  for (const hidden of visible.querySelectorAll('.visually-hidden, [aria-hidden="true"]')) hidden.remove();
  const result = { tone: element.className, visible: visible.textContent, full: element.textContent };
  unmount();
  return result;
}

describe('DueChip', () => {
  it('says how many days are left or overdue, with the plural forms of each language', () => {
    expect(chip('ru', '2027-01-08').visible).toBe('через 3 дня');
    expect(chip('ru', '2027-01-10').visible).toBe('через 5 дней');
    expect(chip('ru', '2027-01-06').visible).toBe('через 1 день');
    expect(chip('ru', '2027-01-03').visible).toBe('просрочено на 2 дня');
    expect(chip('ru', '2026-12-05').visible).toBe('просрочено на 31 день');
    expect(chip('ru', '2027-01-05').visible).toBe('срок сегодня');
    expect(chip('be', '2027-01-08').visible).toBe('праз 3 дні');
    expect(chip('be', '2027-01-03').visible).toBe('пратэрмінавана на 2 дні');
    expect(chip('be', '2027-01-10').visible).toBe('праз 5 дзён');
    expect(chip('en', '2027-01-06').visible).toBe('in 1 day');
    expect(chip('en', '2027-01-03').visible).toBe('overdue by 2 days');
    expect(chip('en', '2027-01-05').visible).toBe('due today');
  });

  it('counts calendar days across the end of a month and a year', () => {
    expect(chip('ru', '2027-01-02', '2026-12-30').visible).toBe('через 3 дня');
    expect(chip('ru', '2027-02-27', '2027-03-01').visible).toBe('просрочено на 2 дня');
  });

  it('colour follows urgency, and the urgent ones carry a mark besides the colour', () => {
    expect(chip('ru', '2027-01-03').tone).toBe('due-chip due-chip--overdue');
    expect(chip('ru', '2027-01-05').tone).toBe('due-chip due-chip--today');
    expect(chip('ru', '2027-01-08').tone).toBe('due-chip due-chip--soon');
    expect(chip('ru', '2027-01-09').tone).toBe('due-chip due-chip--later');
    expect(chip('ru', '2027-01-03').full).toContain('!');
    expect([-1, 0, 1, 3, 4].map(dueTone)).toEqual(['overdue', 'today', 'soon', 'soon', 'later']);
  });

  it('gives the date itself: to screen readers always, on screen when asked', () => {
    expect(chip('ru', '2027-01-08').full).toBe('через 3 дня (срок: 8\u00a0января 2027\u00a0г.)');
    expect(chip('ru', '2027-01-08', '2027-01-05', true).visible).toBe(
      'через 3 дня · 8\u00a0января 2027\u00a0г.',
    );
    expect(chip('en', '2027-01-08').full).toBe('in 3 days (due January 8, 2027)');
  });
});
