import {
  type FieldIssue,
  OtklikNetworkError,
  OtklikProblemError,
  PROBLEM_REASONS,
  type Problem,
  type ProblemCode,
  type ProblemReason,
} from '@otklik/client';
import { createTranslator, LANGUAGES } from '@otklik/widget-core';
import { describe, expect, it } from 'vitest';
import { errorText, fieldIssueText, supportDetail } from './errors.ts';
import { kitMessages } from './kit.messages.ts';
import be from './refusals/be.ts';
import en from './refusals/en.ts';
import ru from './refusals/ru.ts';

const REASONS = Object.keys(PROBLEM_REASONS) as ProblemReason[];
const refusalTexts = { ru, be, en };
const kit = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, createTranslator(kitMessages, lang)]),
) as Record<
  (typeof LANGUAGES)[number],
  ReturnType<typeof createTranslator<keyof (typeof kitMessages)['ru'] & string>>
>;

const refused = (status: number, code: ProblemCode, extra: Partial<Problem> = {}) =>
  new OtklikProblemError({
    type: `https://otklik.dev/problems/${code}`,
    title: 'English title',
    status,
    code,
    detail: 'English detail the clerk must not see',
    ...extra,
  });

const CYRILLIC = /[а-яёіўА-ЯЁІЎ]/;

describe('every reason the portal can give has the console’s words', () => {
  it('in ru, be and en: no reason missing, none left over', () => {
    for (const lang of LANGUAGES)
      expect(Object.keys(refusalTexts[lang]).sort(), lang).toEqual([...REASONS].sort());
  });

  it('real sentences: Russian and Belarusian in Cyrillic and not the same text, English in Latin', () => {
    for (const reason of REASONS) {
      const { ru, be, en } = {
        ru: refusalTexts.ru[reason],
        be: refusalTexts.be[reason],
        en: refusalTexts.en[reason],
      };
      expect(ru, reason).toMatch(CYRILLIC);
      expect(be, reason).toMatch(CYRILLIC);
      expect(be, reason).not.toBe(ru);
      expect(en, reason).not.toMatch(CYRILLIC);
      for (const text of [ru, be, en]) expect(text.trim().length, reason).toBeGreaterThan(20);
    }
  });

  it('a refusal with a reason is said by its reason, in the console’s language', () => {
    for (const reason of REASONS) {
      const { status, code } = PROBLEM_REASONS[reason];
      for (const lang of LANGUAGES) {
        expect(errorText(kit[lang], refused(status, code, { reason })), `${reason} ${lang}`).toBe(
          refusalTexts[lang][reason],
        );
      }
      // Nothing for support: the console knows this one.
      expect(supportDetail(refused(status, code, { reason }))).toBeUndefined();
    }
  });
});

describe('a refusal without a reason the console knows', () => {
  const cases: [number, ProblemCode][] = [
    [400, 'bad-request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [413, 'payload-too-large'],
    [415, 'unsupported-media-type'],
    [422, 'validation-failed'],
    [429, 'rate-limited'],
    [500, 'internal-error'],
    [503, 'service-unavailable'],
  ];

  it('gets a sentence for its status in every language, never the portal’s English in ru or be', () => {
    for (const [status, code] of cases) {
      const error = refused(status, code, { reason: 'from-a-newer-portal' as never });
      const texts = LANGUAGES.map((lang) => errorText(kit[lang], error));
      expect(texts[0], `${status}`).toMatch(CYRILLIC);
      expect(texts[1], `${status}`).toMatch(CYRILLIC);
      expect(new Set(texts).size, `${status}`).toBe(3);
      for (const text of texts) expect(text).not.toContain('English');
    }
    // Different situations, different sentences (the portal's own failures, 500 and 503, share one).
    const ru = cases.map(([status, code]) => errorText(kit.ru, refused(status, code)));
    expect(new Set(ru).size).toBe(cases.length - 1);
  });

  it('keeps the portal’s code, text and request id for support, except for sign-in and permission', () => {
    const error = refused(409, 'conflict', { instance: 'urn:otklik:request:r1' });
    expect(supportDetail(error)).toBe(
      'conflict · English detail the clerk must not see · urn:otklik:request:r1',
    );
    expect(supportDetail(refused(401, 'unauthorized'))).toBeUndefined();
    expect(supportDetail(refused(403, 'forbidden'))).toBeUndefined();
    expect(supportDetail(new OtklikNetworkError({ cause: new TypeError('offline') }))).toBeUndefined();
  });
});

describe('a field the portal refused', () => {
  const issue = (extra: Partial<FieldIssue>): FieldIssue => ({
    path: 'body.x',
    message: 'English',
    ...extra,
  });

  it('by its reason, else the kind of check (with its limit), else a sentence asking to check it', () => {
    expect(fieldIssueText(kit.ru, issue({ reason: 'day-kind-mismatch', kind: 'choice' }))).toBe(
      refusalTexts.ru['day-kind-mismatch'],
    );
    expect(fieldIssueText(kit.ru, issue({ kind: 'too-long', limit: 200 }))).toBe('Максимум 200 символов');
    expect(fieldIssueText(kit.be, issue({ kind: 'too-large', limit: 10 }))).toBe('Не больш за 10');
    expect(fieldIssueText(kit.ru, issue({ kind: 'required' }))).toBe('Заполните это поле');
    expect(fieldIssueText(kit.ru, issue({}))).toBe('Портал не принял это значение. Проверьте его.');
    expect(fieldIssueText(kit.be, issue({ reason: 'unknown-to-us' as never }))).toBe(
      'Партал не прыняў гэтае значэнне. Праверце яго.',
    );
  });
});
