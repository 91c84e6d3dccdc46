import { mo } from 'gettext-parser';
import { describe, expect, it } from 'vitest';
import { readL10nPhp, toMo } from './plugin-translations.ts';

const file = (messages: string) => `<?php
defined( 'ABSPATH' ) || exit;

return array(
\t'domain'       => 'otklik',
\t'language'     => 'ru_RU',
\t'plural-forms' => 'nplurals=3; plural=(n%10==1 ? 0 : 1);',
\t'messages'     => array(
${messages}
\t),
);
`;

describe('the WordPress translation files', () => {
  it('reads the header and every message, with contexts and escapes', () => {
    const translation = readL10nPhp(
      file(
        [
          `\t\t"block title\\4Otklik"   => 'Отклик',`,
          '\t\t// A comment line.',
          `\t\t'Add the "Otklik" block' => 'Добавьте блок «Отклик»',`,
          `\t\t'It\\'s \\\\ here' => "Это \\"тут\\" \\$x",`,
        ].join('\n'),
      ),
    );
    expect(translation).toMatchObject({ domain: 'otklik', language: 'ru_RU' });
    expect(translation.pluralForms).toBe('nplurals=3; plural=(n%10==1 ? 0 : 1);');
    expect([...translation.messages]).toEqual([
      ['block title\u0004Otklik', 'Отклик'],
      ['Add the "Otklik" block', 'Добавьте блок «Отклик»'],
      ["It's \\ here", 'Это "тут" $x'],
    ]);
  });

  it('refuses what it does not understand instead of dropping it', () => {
    expect(() => readL10nPhp(file(`\t\t'a' => 'b'`))).toThrow(/not a message line/);
    expect(() => readL10nPhp(file(`\t\t'a' => "b\\n",`))).toThrow(/escape \\n is not supported/);
    expect(() => readL10nPhp(file(`\t\t'a' => 'b',\n\t\t'a' => 'c',`))).toThrow(/twice/);
    expect(() => readL10nPhp(file('').replace(`\t'language'     => 'ru_RU',\n`, ''))).toThrow(
      /no 'language'/,
    );
  });

  it('makes a .mo file gettext reads back with the same messages', () => {
    const translation = readL10nPhp(
      file(`\t\t"block title\\4Otklik" => 'Отклик',\n\t\t'Settings' => 'Настройки',`),
    );
    const parsed = mo.parse(Buffer.from(toMo(translation)));
    expect(parsed.headers).toMatchObject({ Language: 'ru_RU', 'X-Domain': 'otklik' });
    expect(parsed.translations['block title']?.Otklik?.msgstr).toEqual(['Отклик']);
    expect(parsed.translations['']?.Settings?.msgstr).toEqual(['Настройки']);
    expect(Buffer.compare(Buffer.from(toMo(translation)), Buffer.from(toMo(translation)))).toBe(0);
  });
});
