import { describe, expect, it } from 'vitest';
import { initialLanguage, LANGUAGE_KEY, language, setLanguage } from './language.ts';

describe('the console language', () => {
  it('is the remembered one, else the browser’s first supported, else Russian', () => {
    expect(initialLanguage('be', ['en-US'])).toBe('be');
    expect(initialLanguage(null, ['de-DE', 'en-GB', 'ru'])).toBe('en');
    expect(initialLanguage('xx', ['be-BY'])).toBe('be');
    expect(initialLanguage(null, ['de', 'fr'])).toBe('ru');
  });

  it('is remembered for this browser when switched', () => {
    setLanguage('en');
    expect(language.value).toBe('en');
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe('en');
    setLanguage('be');
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe('be');
  });
});
