import { defineMessages } from './i18n.ts';

/** Messages of the shared runtime (shown when a widget cannot render at all). */
export const coreMessages = defineMessages({
  ru: { unavailable: 'Виджет временно недоступен', loading: 'Загрузка…' },
  be: { unavailable: 'Віджэт часова недаступны', loading: 'Загрузка…' },
  en: { unavailable: 'The widget is temporarily unavailable', loading: 'Loading…' },
});
