import { describe, expect, it } from 'vitest';
import { demoLanguage, languageSwitch } from './page-language.ts';

describe('the language of the demo’s pages', () => {
  it('is Russian unless the browser prefers Belarusian or English', () => {
    expect(demoLanguage(undefined)).toBe('ru');
    expect(demoLanguage('*')).toBe('ru');
    expect(demoLanguage('de-DE,fr;q=0.8')).toBe('ru');
    expect(demoLanguage('be-BY,be;q=0.9,ru;q=0.8,en;q=0.7')).toBe('be');
    expect(demoLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(demoLanguage('de,en;q=0.5,be;q=0.7')).toBe('be');
    expect(demoLanguage('ru-RU,en;q=0.9')).toBe('ru');
    expect(demoLanguage('be;q=0,en;q=0.1')).toBe('en');
  });

  it('follows the page’s switch over the browser, when it names one of the three', () => {
    expect(demoLanguage('en', 'be')).toBe('be');
    expect(demoLanguage('en', 'de')).toBe('en');
    expect(demoLanguage(undefined, 'ru')).toBe('ru');
  });

  it('the switch names each language in itself, the current one marked', () => {
    const html = languageSwitch('be', (l) => `/p?lang=${l}`);
    expect(html).toContain('<nav class="languages" aria-label="Мова старонкі">');
    expect(html).toContain('<a href="/p?lang=ru" lang="ru" hreflang="ru">Русский</a>');
    expect(html).toContain('<a href="/p?lang=be" lang="be" hreflang="be" aria-current="true">Беларуская</a>');
    expect(html).toContain('<a href="/p?lang=en" lang="en" hreflang="en">English</a>');
  });
});
