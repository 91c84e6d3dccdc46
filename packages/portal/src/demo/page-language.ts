/**
 * The language of the demo's own pages (its home page, Demo ID's pages): Russian unless the visitor
 * chose another with the page's switch (`?lang=`) or their browser prefers Belarusian or English
 * (`Accept-Language`), as the console and the widgets speak ru, be and en.
 */
export const DEMO_LANGUAGES = ['ru', 'be', 'en'] as const;
export type DemoLanguage = (typeof DEMO_LANGUAGES)[number];

/** A text in each of the demo's languages. */
export type Localized<T = string> = Record<DemoLanguage, T>;

const isDemoLanguage = (value: unknown): value is DemoLanguage =>
  (DEMO_LANGUAGES as readonly unknown[]).includes(value);

/**
 * `chosen` when it names one of ru, be, en; else the one `acceptLanguage` ranks highest (by q-value,
 * `be-BY` counting as `be`; a tie goes to the earlier); else Russian.
 */
export function demoLanguage(
  acceptLanguage: string | null | undefined,
  chosen?: string | null,
): DemoLanguage {
  if (isDemoLanguage(chosen)) return chosen;
  let best: DemoLanguage = 'ru';
  let bestQ = 0;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0];
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const quality = q === undefined ? 1 : Number(q);
    if (isDemoLanguage(primary) && quality > bestQ) {
      best = primary;
      bestQ = quality;
    }
  }
  return best;
}

const NAMES: Localized = { ru: 'Русский', be: 'Беларуская', en: 'English' };
const SWITCH_LABEL: Localized = { ru: 'Язык страницы', be: 'Мова старонкі', en: 'Page language' };

/** The CSS the switch needs, for the page's one (hashed) style element. */
export const LANGUAGE_SWITCH_STYLE = `.languages ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
.languages a{display:inline-flex;align-items:center;min-height:2.75rem}.languages a[aria-current]{font-weight:700;color:#1a1a1a}`;

/**
 * Links to this page in each language (`href(language)`), each named in its own language and marked
 * so for screen readers, the current one `aria-current`.
 */
export function languageSwitch(current: DemoLanguage, href: (language: DemoLanguage) => string): string {
  const items = DEMO_LANGUAGES.map(
    (language) =>
      `<li><a href="${href(language)}" lang="${language}" hreflang="${language}"${
        language === current ? ' aria-current="true"' : ''
      }>${NAMES[language]}</a></li>`,
  ).join('');
  return `<nav class="languages" aria-label="${SWITCH_LABEL[current]}"><ul>${items}</ul></nav>`;
}
