/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import {
  createTranslator,
  LANGUAGES,
  type Language,
  type Message,
  type Messages,
} from '../../packages/widget-core/src/index.ts';

/**
 * Every widget's (and the console's) texts are complete in every language they speak (ru, be, en): the
 * same keys, the same `{placeholders}`, for plural messages every form `Intl.PluralRules` uses for the
 * language, and each key renders at runtime. The dictionaries are found by file name
 * (`packages/widget-*\/src/**\/*messages*.ts`, `packages/console/src/**\/*messages*.ts`), so a new
 * widget's or screen's dictionary is checked as soon as it exists. (Types already require the keys;
 * this catches what types let through: casts, plural forms, placeholders, a language added later.)
 */
const modules = import.meta.glob<Record<string, unknown>>(
  ['../../packages/{widget-*,console}/src/**/*messages*.ts', '!**/*.test.ts'],
  { eager: true },
);

const isMessages = (value: unknown): value is Messages<string> =>
  typeof value === 'object' &&
  value !== null &&
  LANGUAGES.every((lang) => typeof (value as Record<string, unknown>)[lang] === 'object');

const dictionaries = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => isMessages(value))
    .map(([name, value]) => ({
      label: `${file.replace('../../packages/', '')} ${name}`,
      messages: value as Messages<string>,
    })),
);

const placeholders = (message: Message | undefined): string[] =>
  [
    ...new Set(
      (message === undefined ? [] : typeof message === 'string' ? [message] : Object.values(message)).flatMap(
        (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string),
      ),
    ),
  ].sort();

const categories = (lang: Language) => new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

/** Everything incomplete in `messages`, as readable lines; none for a complete dictionary. */
export function problemsOf(messages: Messages<string>): string[] {
  const problems: string[] = [];
  const keys = [...new Set(LANGUAGES.flatMap((lang) => Object.keys(messages[lang])))].sort();
  for (const key of keys) {
    const reference = placeholders(messages.ru[key]);
    const plural = LANGUAGES.filter((lang) => typeof messages[lang][key] === 'object');
    if (plural.length > 0 && plural.length !== LANGUAGES.length)
      problems.push(`${key}: plural only in ${plural.join(', ')}`);
    for (const lang of LANGUAGES) {
      const message = messages[lang][key];
      if (message === undefined) {
        problems.push(`${lang}.${key}: missing`);
        continue;
      }
      const texts = typeof message === 'string' ? [message] : Object.values(message);
      if (texts.some((text) => typeof text !== 'string' || text.trim() === ''))
        problems.push(`${lang}.${key}: empty`);
      const own = placeholders(message);
      if (own.join() !== reference.join())
        problems.push(`${lang}.${key}: placeholders {${own.join('},{')}} ≠ ru {${reference.join('},{')}}`);
      if (typeof message === 'object')
        for (const category of categories(lang))
          if (typeof (message as Record<string, unknown>)[category] !== 'string')
            problems.push(`${lang}.${key}: no "${category}" form`);
    }
  }
  // At runtime, through the widgets' translator: every key, every count, nothing left unfilled.
  for (const lang of LANGUAGES) {
    const t = createTranslator(messages, lang);
    for (const key of keys) {
      if (messages[lang][key] === undefined) continue;
      const vars: Record<string, string | number> = {};
      for (const name of placeholders(messages.ru[key])) vars[name] = `«${name}»`;
      const counted = 'count' in vars || typeof messages[lang][key] === 'object';
      for (const count of counted ? [0, 1, 2, 5, 11, 21, 22, 25, 101, 1.5] : [0]) {
        if (counted) vars.count = count;
        const text = t.t(key, vars);
        if (text.trim() === '' || /\{\w+\}/.test(text))
          problems.push(`${lang}.${key} (count ${count}): "${text}"`);
      }
    }
  }
  return problems;
}

describe('widget messages are complete in every language', () => {
  it('finds the dictionaries of every widget package', () => {
    const labels = dictionaries.map((d) => d.label);
    for (const expected of [
      'counterMessages',
      'formMessages',
      'trackerMessages',
      'shellMessages',
      'kitMessages',
    ])
      expect(
        labels.some((label) => label.endsWith(` ${expected}`)),
        expected,
      ).toBe(true);
  });

  it('the plural rules in use: ru and be one/few/many/other, en one/other', () => {
    expect(categories('ru')).toEqual(expect.arrayContaining(['one', 'few', 'many', 'other']));
    expect(categories('be')).toEqual(expect.arrayContaining(['one', 'few', 'many', 'other']));
    expect(categories('en')).toEqual(expect.arrayContaining(['one', 'other']));
  });

  it('catches what is incomplete (a control)', () => {
    const broken = {
      ru: {
        a: 'А {name}',
        b: { one: '{count} день', few: '{count} дня', many: '{count} дней', other: '{count} дня' },
      },
      be: { a: 'А {nam}', b: { one: '{count} дзень', many: '{count} дзён', other: '{count} дня' } },
      en: { b: '{count} days' },
    } as unknown as Messages<string>;
    expect(problemsOf(broken)).toEqual([
      'be.a: placeholders {nam} ≠ ru {name}',
      'en.a: missing',
      'b: plural only in ru, be',
      'be.b: no "few" form',
      'be.a (count 0): "А {nam}"',
    ]);
  });

  for (const { label, messages } of dictionaries)
    it(`${label}: the same keys, placeholders and plural forms in ru, be, en; renders at runtime`, () => {
      expect(Object.keys(messages.ru).length).toBeGreaterThan(0);
      expect(problemsOf(messages)).toEqual([]);
    });
});
