import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { DateInput } from './date-input.tsx';

beforeEach(() => setLanguage('ru'));
afterEach(cleanup);

/** The input's description texts (its hint and error), in order. */
const description = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) =>
      (document.getElementById(id)?.textContent ?? '').replace('!', '').replace(/\s/g, ' ').trim(),
    );

describe('DateInput', () => {
  it('is a native date field named by its label, passing on the date entered', () => {
    const onValue = vi.fn();
    render(<DateInput id="due" label="Срок с" hint="День, месяц и год" value="" onValue={onValue} />);
    const input = screen.getByLabelText('Срок с') as HTMLInputElement;
    expect(input.type).toBe('date');
    fireEvent.input(input, { target: { value: '2026-03-02' } });
    expect(onValue).toHaveBeenLastCalledWith('2026-03-02');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(description(input)).toEqual(['День, месяц и год']);
  });

  it('refuses what the browser holds as not a date (30 February) with a message, and passes null', () => {
    const onValue = vi.fn();
    render(<DateInput id="due" label="Срок по" value="" onValue={onValue} />);
    const input = screen.getByLabelText('Срок по') as HTMLInputElement;
    // What Chromium reports for a typed 30.02.2026: no value, `badInput` set.
    Object.defineProperty(input, 'validity', { value: { badInput: true } });
    fireEvent.input(input);
    expect(onValue).toHaveBeenLastCalledWith(null);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(description(input)).toEqual(['Такой даты нет: проверьте день, месяц и год']);
  });

  it('refuses a date outside its range (a five-digit year by default) saying which range', () => {
    const onValue = vi.fn();
    render(<DateInput id="due" label="Срок" value="" max="2026-03-02" onValue={onValue} />);
    const input = screen.getByLabelText('Срок') as HTMLInputElement;
    fireEvent.input(input, { target: { value: '2026-03-03' } });
    expect(onValue).toHaveBeenLastCalledWith(null);
    expect(description(input)).toEqual([
      'Дата должна быть не раньше 1 января 1900 г. и не позже 2 марта 2026 г.',
    ]);
    fireEvent.input(input, { target: { value: '2026-03-01' } });
    expect(onValue).toHaveBeenLastCalledWith('2026-03-01');
  });

  it('shows the caller’s error when the date itself is fine', () => {
    render(
      <DateInput
        id="due"
        label="Срок по"
        value="2026-01-01"
        error="Конец раньше начала"
        onValue={() => {}}
      />,
    );
    expect(description(screen.getByLabelText('Срок по'))).toEqual(['Конец раньше начала']);
  });
});
