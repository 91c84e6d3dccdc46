import { LANGUAGES, type Language, language, setLanguage } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { shellMessages } from './shell.messages.ts';

/** Each language in its own name (never translated: a reader must find their own language). */
const NAMES: Record<Language, string> = { ru: 'Русский', be: 'Беларуская', en: 'English' };

/**
 * Three toggle buttons, RU · BE · EN. Each is named by its code and the language's own name (which is
 * read in that language), and the current one is pressed.
 */
export function LanguageSwitch() {
  const { t } = useT(shellMessages);
  const current = language.value;
  return (
    <div class="language-switch" role="group" aria-label={t('language')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          class="language-option"
          lang={lang}
          aria-pressed={lang === current ? 'true' : 'false'}
          onClick={() => setLanguage(lang)}
        >
          {lang.toUpperCase()}
          <span class="visually-hidden"> {NAMES[lang]}</span>
        </button>
      ))}
    </div>
  );
}
