import { OtklikProblemError } from '@otklik/client';
import { createTranslator } from '@otklik/widget-core';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../kit/csv-file.tsx';
import { kitMessages } from '../kit/kit.messages.ts';
import { refusedLines } from './classifier-import.tsx';

const kit = createTranslator(kitMessages, 'ru');

describe('the classifier import', () => {
  it('reads a UTF-8 file as it is and a Windows-1251 one by its letters', () => {
    const utf8 = new TextEncoder().encode('0002.0013.0000.0000;Образование');
    expect(decodeCsv(utf8.buffer)).toBe('0002.0013.0000.0000;Образование');
    // "Образование" in Windows-1251.
    const cp1251 = Uint8Array.from([
      ...new TextEncoder().encode('0002.0013.0000.0000;'),
      0xce,
      0xe1,
      0xf0,
      0xe0,
      0xe7,
      0xee,
      0xe2,
      0xe0,
      0xed,
      0xe8,
      0xe5,
    ]);
    expect(decodeCsv(cp1251.buffer)).toBe('0002.0013.0000.0000;Образование');
  });

  it('lists the refused lines of a 422 by number, and leaves any other failure to the form', () => {
    const refusal = new OtklikProblemError({
      type: 'about:blank',
      title: 'Invalid body',
      status: 422,
      code: 'validation-failed',
      detail: '2 row(s) refused: nothing imported',
      issues: [
        {
          path: 'body.csv.3',
          message: 'Line 3: the code must look like 0002.0013.0000.0000',
          reason: 'classifier-code-format',
        },
        { path: 'body.csv', message: 'No rows: expected code;title on each line', reason: 'csv-empty' },
      ],
    });
    // In the console's words, by each line's reason; never the portal's English.
    expect(refusedLines(kit, refusal)).toEqual({
      lines: [
        { line: 3, message: 'Код должен выглядеть так: 0002.0013.0000.0000.' },
        { line: null, message: 'В файле нет строк. Нужна строка «код;название» на каждую тему.' },
      ],
    });
    expect(refusedLines(kit, new Error('network'))).toBeNull();
  });
});
