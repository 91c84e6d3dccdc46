import { effect, signal } from '@preact/signals';
import { type Language, language } from '../i18n/language.ts';
import type { RefusalTexts } from './refusals/texts.ts';

export type { RefusalTexts };

/**
 * The refusal texts, one chunk per language: a reader downloads only the language they read (the three
 * together were ≈ 9.8 KB gzip on every screen). The reader's language loads with the first screen that
 * can show a refusal (this module comes with it), and a language switched to at once, so the texts are
 * there before the portal's first answer; a refusal said before they arrive gets its status's sentence.
 */
const loaders: Record<Language, () => Promise<{ default: RefusalTexts }>> = {
  ru: () => import('./refusals/ru.ts'),
  be: () => import('./refusals/be.ts'),
  en: () => import('./refusals/en.ts'),
};

/** The languages loaded so far; read during a render, it re-renders the reader when one arrives. */
const loaded = signal<Partial<Record<Language, RefusalTexts>>>({});
const loading = new Map<Language, Promise<RefusalTexts>>();

/** Loads the refusal texts of `lang` once (a failed chunk is tried again on the next call). */
export function loadRefusals(lang: Language): Promise<RefusalTexts> {
  let texts = loading.get(lang);
  if (texts === undefined) {
    texts = loaders[lang]().then((module) => {
      loaded.value = { ...loaded.value, [lang]: module.default };
      return module.default;
    });
    texts.catch(() => loading.delete(lang));
    loading.set(lang, texts);
  }
  return texts;
}

/**
 * The refusal texts of `lang` if loaded. If not, `undefined` (the caller says the status's sentence
 * instead: never a raw code) and their load starts, re-rendering a reader of them when they arrive.
 */
export function refusalsIn(lang: Language): RefusalTexts | undefined {
  const texts = loaded.value[lang];
  if (texts === undefined) loadRefusals(lang).catch(() => undefined);
  return texts;
}

// The reader's language now, and each language switched to.
effect(() => {
  loadRefusals(language.value).catch(() => undefined);
});
