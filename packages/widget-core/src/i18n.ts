import type { Language } from '@otklik/client/schemas';

export type { Language };

/** Languages the widgets speak, the first being the fallback. */
export const LANGUAGES = ['ru', 'be', 'en'] as const satisfies readonly Language[];

/** Plural forms as `Intl.PluralRules` names them (ru/be use one/few/many; en one/other). */
export type PluralMessage = { one: string; few?: string; many?: string; other: string };

/** A message: text with `{name}` placeholders, or plural forms chosen by the `count` variable. */
export type Message = string | PluralMessage;

/**
 * Dictionaries of every language. Written as `defineMessages({ ru: {...}, be: {...}, en: {...} })`;
 * `ru` is the reference: a key missing from (or extra in) `be` or `en` is a type error.
 */
export type Messages<K extends string> = { [L in Language]: Record<K, Message> };

export function defineMessages<const TRu extends Record<string, Message>>(messages: {
  ru: TRu;
  be: Record<keyof TRu & string, Message>;
  en: Record<keyof TRu & string, Message>;
}): Messages<keyof TRu & string> {
  return messages;
}

/** Normalises `ru-RU`, `BE_by`, ` en ` to a supported language, or `undefined`. */
export function normalizeLanguage(value: string | null | undefined): Language | undefined {
  const base = value?.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : undefined;
}

/**
 * The language of a widget: its `data-lang` (or `lang` on a custom element), else the nearest `lang`
 * attribute up the tree (ending at `<html lang>`), else Russian.
 */
export function detectLanguage(host: Element): Language {
  const own = normalizeLanguage(host.getAttribute('data-lang'));
  if (own) return own;
  for (let node: Element | null = host; node; node = node.parentElement) {
    const lang = node.getAttribute('lang');
    if (lang) {
      const normalized = normalizeLanguage(lang);
      if (normalized) return normalized;
    }
  }
  return 'ru';
}

export type Vars = Record<string, string | number>;

export interface Translator<K extends string> {
  readonly lang: Language;
  /** The message `key` with `{name}` placeholders filled; numbers are formatted for the language. */
  t(key: K, vars?: Vars): string;
  /** A number formatted for the language (`1 234`). */
  n(value: number): string;
}

const numberFormats = new Map<Language, Intl.NumberFormat>();
const pluralRules = new Map<Language, Intl.PluralRules>();

/**
 * Whether the browser has formatting data for `lang`. Chrome ships no Belarusian date and number data
 * (plural rules it has): Belarusian numbers then use the Russian format, which is the same
 * (`1 234,5`), and dates the month names below.
 */
function hasFormats(lang: Language): boolean {
  // Probed once per language and page: the probe loads the locale's data and cost milliseconds each
  // time a date was formatted (docs/decisions.md, the counter's render time).
  return (formats[lang] ??= Intl.DateTimeFormat.supportedLocalesOf(lang).length > 0);
}
const formats: Partial<Record<Language, boolean>> = {};

const beMonths =
  'студзен,люты,сакавік,красавік,травень,чэрвень,ліпень,жнівень,верасень,кастрычнік,лістапад,снежань';
const beMonthsOf =
  'студзеня,лютага,сакавіка,красавіка,мая,чэрвеня,ліпеня,жніўня,верасня,кастрычніка,лістапада,снежня';

export function formatNumber(lang: Language, value: number): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(hasFormats(lang) ? lang : 'ru');
    numberFormats.set(lang, format);
  }
  return format.format(value);
}

/** Picks the plural form of `message` for `count` in `lang`, falling back to `other`. */
export function selectPlural(lang: Language, message: PluralMessage, count: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  const form = rules.select(count) as keyof PluralMessage;
  return message[form] ?? message.other;
}

export function createTranslator<K extends string>(messages: Messages<K>, lang: Language): Translator<K> {
  const dictionary = messages[lang];
  return {
    lang,
    n: (value) => formatNumber(lang, value),
    t(key, vars = {}) {
      const message = dictionary[key] ?? messages.ru[key] ?? key;
      const text =
        typeof message === 'string' ? message : selectPlural(lang, message, Number(vars.count ?? 0));
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value = vars[name];
        if (value === undefined) return whole;
        return typeof value === 'number' ? formatNumber(lang, value) : value;
      });
    },
  };
}

/**
 * A calendar date `YYYY-MM-DD` formatted for the language. `options` as for `Intl.DateTimeFormat`;
 * the date is taken as is (no time-zone shift). Without Belarusian data in the browser, Belarusian
 * dates are written by hand in two shapes: with a day (`22 лістапада 2026 г.`) or month and year
 * (`лістапад 2026`). The day is bound to its month and «г.» to its year by non-breaking spaces.
 */
export function formatDate(lang: Language, isoDate: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  if (!hasFormats(lang)) {
    const month = date.getUTCMonth();
    const year = date.getUTCFullYear();
    return options.day || options.dateStyle
      ? `${date.getUTCDate()}\u00a0${beMonthsOf.split(',')[month]} ${year}\u00a0г.`
      : `${beMonths.split(',')[month]} ${year}`;
  }
  // «5 января 2027 г.»: the day stays with its month and «г.» with its year (non-breaking spaces).
  return new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' })
    .format(date)
    .replace(/^(\d{1,2}) /, '$1\u00a0')
    .replace(/ (г\.)$/, '\u00a0$1');
}
