import { CriterionId, OrganizationId, TopicId } from '@otklik/client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { slugOf, uniqueLetterFirstSlug, uniqueSlug } from './slug.ts';

describe('slugOf', () => {
  it('writes Russian and Belarusian names in lowercase Latin letters with hyphens', () => {
    expect(slugOf('Питание')).toBe('pitanie');
    expect(slugOf('Организация обучения')).toBe('organizatsiia-obucheniia');
    expect(slugOf('Харчаванне і ўрокі')).toBe('kharchavanne-i-uroki');
    expect(slugOf('Щёлково, ЖКХ')).toBe('shchelkovo-zhkkh');
    expect(slugOf('Подъезд')).toBe('podezd');
  });

  it('keeps digits and Latin letters, drops accents, and leaves no hyphen at either end', () => {
    expect(slugOf('  «Школа № 7» ')).toBe('shkola-7');
    expect(slugOf('Café — Meals')).toBe('cafe-meals');
    expect(slugOf('ГБОУ СОШ №12 г. Перми')).toBe('gbou-sosh-12-g-permi');
  });

  it('is empty when nothing can be written in Latin letters', () => {
    expect(slugOf('— № —')).toBe('');
    expect(slugOf('')).toBe('');
  });

  it('cuts a long name to the length asked, without a hyphen at the cut', () => {
    const long = slugOf('Муниципальное бюджетное общеобразовательное учреждение средняя школа', 64);
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
    expect(slugOf('ab cd', 3)).toBe('ab');
  });

  it('makes identifiers the portal takes for a topic and an organisation', () => {
    for (const name of ['Питание', 'Школа № 7', 'Ёлка-2026', 'Ўезд']) {
      expect(v.is(TopicId, slugOf(name))).toBe(true);
      expect(v.is(OrganizationId, slugOf(name))).toBe(true);
    }
  });
});

describe('uniqueSlug', () => {
  it('adds the first free number when the slug is taken', () => {
    expect(uniqueSlug('Питание', [])).toBe('pitanie');
    expect(uniqueSlug('Питание', ['pitanie'])).toBe('pitanie-2');
    expect(uniqueSlug('Питание', ['pitanie', 'pitanie-2'])).toBe('pitanie-3');
  });

  it('stays within the length with the number added', () => {
    const taken = ['a'.repeat(10)];
    expect(uniqueSlug('a'.repeat(12), taken, 10)).toBe(`${'a'.repeat(8)}-2`);
  });

  it('is empty when the name gives no slug, whatever is taken', () => {
    expect(uniqueSlug('№', ['x'])).toBe('');
  });
});

describe('uniqueLetterFirstSlug', () => {
  it('puts the prefix before a slug that begins with a digit, so that a criteria set takes it', () => {
    expect(uniqueLetterFirstSlug('7 вопросов', [], 'set')).toBe('set-7-voprosov');
    expect(uniqueLetterFirstSlug('Якасць', [], 'set')).toBe('iakasts');
    expect(uniqueLetterFirstSlug('Якасць', ['iakasts'], 'set')).toBe('iakasts-2');
    const long = uniqueLetterFirstSlug('2026 год: качество обслуживания граждан в учреждениях', [], 'set');
    expect(v.is(CriterionId, long)).toBe(true);
  });
});
