import { createTranslator, type Messages, type Translator } from '@otklik/widget-core';
import { useMemo } from 'preact/hooks';
import { language } from './language.ts';

export type { Translator };

/**
 * The translator for `messages` in the console's current language. Reading the language signal here
 * subscribes the calling component: it re-renders when the language changes.
 */
export function useT<K extends string>(messages: Messages<K>): Translator<K> {
  const lang = language.value;
  return useMemo(() => createTranslator(messages, lang), [messages, lang]);
}
