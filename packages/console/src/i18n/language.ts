import { LANGUAGES, type Language, normalizeLanguage } from '@otklik/widget-core';
import { signal } from '@preact/signals';

export { LANGUAGES, type Language };

/** Where the browser remembers the chosen language (not personal data: one of ru, be, en). */
export const LANGUAGE_KEY = 'otklik.console.language';

/** The remembered language, else the first of the browser's languages the console speaks, else ru. */
export function initialLanguage(stored: string | null, preferred: readonly string[]): Language {
  for (const candidate of [stored, ...preferred]) {
    const lang = normalizeLanguage(candidate);
    if (lang) return lang;
  }
  return 'ru';
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null; // Storage blocked (privacy settings): the language is simply not remembered.
  }
}

/** The console's language; every text and format reads it, so changing it re-renders them. */
export const language = signal<Language>(
  initialLanguage(storedLanguage(), typeof navigator === 'undefined' ? [] : navigator.languages),
);

/** Switches the language and remembers it for this browser. */
export function setLanguage(lang: Language): void {
  language.value = lang;
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // Not remembered; the switch itself still works.
  }
}
