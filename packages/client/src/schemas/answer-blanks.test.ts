import { describe, expect, it } from 'vitest';
import { answerBlanks, markTemplateBlanks } from './answer-blanks.ts';

describe('answer blanks', () => {
  it('finds bracketed ellipses, with or without a hint, in order', () => {
    expect(answerBlanks('Разъясняем: […]. Меры: [... какие меры приняты]; срок [… дата].')).toEqual([
      '[…]',
      '[... какие меры приняты]',
      '[… дата]',
    ]);
  });

  it('leaves a bare ellipsis and other brackets alone: they are a writer’s, not a blank', () => {
    expect(answerBlanks('Вы пишете: «крыльцо… течёт». См. [1] и [прил. 2].')).toEqual([]);
  });

  it('does not run a blank across lines', () => {
    expect(answerBlanks('[… начало\nконец]')).toEqual([]);
  });

  it('turns a template’s bare ellipsis into a blank and keeps bracketed ones as they are', () => {
    expect(markTemplateBlanks('разъясняем: …\n\nмеры: [… какие]')).toBe('разъясняем: […]\n\nмеры: [… какие]');
  });
});
