import { describe, expect, it, vi } from 'vitest';
import {
  createTranslator,
  defineMessages,
  detectLanguage,
  formatDate,
  formatNumber,
  LANGUAGES,
  type Messages,
  normalizeLanguage,
  selectPlural,
} from './i18n.ts';
import { retryMinutes } from './retry.ts';

/** Every language has exactly the keys of Russian (also enforced by the type of `defineMessages`). */
export function expectKeyParity(messages: Messages<string>) {
  const reference = Object.keys(messages.ru).sort();
  for (const lang of LANGUAGES) expect(Object.keys(messages[lang]).sort(), lang).toEqual(reference);
}

describe('language choice', () => {
  it('normalises tags', () => {
    expect(normalizeLanguage('ru-RU')).toBe('ru');
    expect(normalizeLanguage('BE_by')).toBe('be');
    expect(normalizeLanguage(' en ')).toBe('en');
    expect(normalizeLanguage('de')).toBeUndefined();
    expect(normalizeLanguage(null)).toBeUndefined();
  });

  it('prefers data-lang, then the nearest lang up the tree, then ru', () => {
    document.documentElement.setAttribute('lang', 'en-GB');
    document.body.innerHTML =
      '<section lang="be-BY"><div id="a"></div><div id="b" data-lang="en"></div></section><div id="c"></div>';
    expect(detectLanguage(document.getElementById('a') as Element)).toBe('be');
    expect(detectLanguage(document.getElementById('b') as Element)).toBe('en');
    expect(detectLanguage(document.getElementById('c') as Element)).toBe('en');
    document.documentElement.setAttribute('lang', 'de');
    expect(detectLanguage(document.getElementById('c') as Element)).toBe('ru');
    document.documentElement.removeAttribute('lang');
    expect(detectLanguage(document.getElementById('c') as Element)).toBe('ru');
  });

  it('takes the lang attribute of a custom element itself', () => {
    document.body.innerHTML = '<otklik-x lang="be"></otklik-x>';
    expect(detectLanguage(document.querySelector('otklik-x') as Element)).toBe('be');
  });
});

describe('messages', () => {
  const messages = defineMessages({
    ru: {
      n: {
        one: '{count} обращение',
        few: '{count} обращения',
        many: '{count} обращений',
        other: '{count} обращения',
      },
      hi: 'Привет, {name}',
    },
    be: {
      n: {
        one: '{count} зварот',
        few: '{count} звароты',
        many: '{count} зваротаў',
        other: '{count} звароту',
      },
      hi: 'Прывітанне, {name}',
    },
    en: { n: { one: '{count} appeal', other: '{count} appeals' }, hi: 'Hello, {name}' },
  });

  it('all languages have the same keys', () => {
    expectKeyParity(messages);
  });

  it('rejects a dictionary with a missing or extra key at compile time', () => {
    defineMessages({
      ru: { a: 'a', b: 'b' },
      // @ts-expect-error -- `b` is missing in be
      be: { a: 'a' },
      en: { a: 'a', b: 'b' },
    });
    defineMessages({
      ru: { a: 'a' },
      // @ts-expect-error -- `c` is not a key of ru
      be: { a: 'a', c: 'c' },
      en: { a: 'a' },
    });
  });

  it('chooses plural forms per language', () => {
    const ru = createTranslator(messages, 'ru');
    expect([1, 2, 5, 11, 21, 22, 25].map((count) => ru.t('n', { count }))).toEqual([
      '1 обращение',
      '2 обращения',
      '5 обращений',
      '11 обращений',
      '21 обращение',
      '22 обращения',
      '25 обращений',
    ]);
    const be = createTranslator(messages, 'be');
    expect([1, 3, 7].map((count) => be.t('n', { count }))).toEqual(['1 зварот', '3 звароты', '7 зваротаў']);
    const en = createTranslator(messages, 'en');
    expect([1, 2, 0].map((count) => en.t('n', { count }))).toEqual(['1 appeal', '2 appeals', '0 appeals']);
    expect(selectPlural('en', { one: 'x', other: 'y' }, 1)).toBe('x');
  });

  it('fills placeholders and formats numbers for the language', () => {
    expect(createTranslator(messages, 'en').t('hi', { name: 'Ann' })).toBe('Hello, Ann');
    expect(createTranslator(messages, 'en').t('n', { count: 12345 })).toBe('12,345 appeals');
    expect(createTranslator(messages, 'ru').n(12345).replace(/\s/g, ' ')).toBe('12 345');
  });

  it('formats calendar dates without a time-zone shift', () => {
    expect(formatDate('en', '2026-01-01', { month: 'long', year: 'numeric' })).toBe('January 2026');
    expect(formatDate('ru', '2026-11-30', { day: 'numeric', month: 'long' })).toBe('30\u00a0ноября');
    // «г.» never alone on a line, the day never apart from its month.
    expect(formatDate('ru', '2027-01-05', { day: 'numeric', month: 'long', year: 'numeric' })).toBe(
      '5\u00a0января 2027\u00a0г.',
    );
    expect(formatDate('en', 'nonsense', { month: 'long' })).toBe('nonsense');
  });

  it('writes Belarusian dates and numbers when the browser has no Belarusian data (Chrome), probing once', async () => {
    const supported = Intl.DateTimeFormat.supportedLocalesOf;
    const spy = vi
      .spyOn(Intl.DateTimeFormat, 'supportedLocalesOf')
      .mockImplementation((locales, options) => (locales === 'be' ? [] : supported(locales, options)));
    try {
      // A fresh module: the answer of the probe is kept for the page.
      vi.resetModules();
      const fresh = await import('./i18n.ts');
      expect(fresh.formatDate('be', '2026-11-22', { dateStyle: 'long' })).toBe(
        '22\u00a0лістапада 2026\u00a0г.',
      );
      expect(fresh.formatDate('be', '2026-05-01', { month: 'long', year: 'numeric' })).toBe('травень 2026');
      expect(fresh.formatNumber('be', 1234.5)).toBe(formatNumber('ru', 1234.5));
      expect(spy.mock.calls.filter(([locales]) => locales === 'be')).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('tells a rate limit in whole minutes, in every language', async () => {
    const { identityMessages } = await import('./identity/messages.ts');
    expect([retryMinutes(3017), retryMinutes(42), retryMinutes(undefined), retryMinutes(120)]).toEqual([
      51, 1, 1, 2,
    ]);
    const say = (lang: 'ru' | 'be' | 'en', seconds: number) =>
      createTranslator(identityMessages, lang).t('rateLimited', { count: retryMinutes(seconds) });
    expect(say('ru', 3017)).toBe('Слишком много попыток. Повторите через 51 минуту.');
    expect(say('ru', 240)).toBe('Слишком много попыток. Повторите через 4 минуты.');
    expect(say('ru', 3000)).toBe('Слишком много попыток. Повторите через 50 минут.');
    expect(say('be', 3017)).toBe('Занадта шмат спроб. Паўтарыце праз 51 хвіліну.');
    expect(say('be', 300)).toBe('Занадта шмат спроб. Паўтарыце праз 5 хвілін.');
    expect(say('en', 60)).toBe('Too many attempts. Try again in 1 minute.');
    expect(say('en', 3017)).toBe('Too many attempts. Try again in 51 minutes.');
  });
});
