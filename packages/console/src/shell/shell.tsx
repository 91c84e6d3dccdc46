import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { Announcer } from '../kit/announcer.tsx';
import { paths } from '../routes.ts';
import { session } from '../session.ts';
import { LanguageSwitch } from './language-switch.tsx';
import { MenuButton, Navigation } from './navigation.tsx';
import { shellMessages } from './shell.messages.ts';
import { OrganizationSwitcher, PersonMenu } from './slots.tsx';

export const MAIN_ID = 'main';

/**
 * The frame around every screen: a skip link, the header (product, organisation, language, person),
 * the navigation (behind a menu button on narrow screens; signed out, none), the main area and the
 * live regions.
 */
export function Shell({ children, busy = false }: { children: ComponentChildren; busy?: boolean }) {
  const { t } = useT(shellMessages);
  const lang = language.value;
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <div class="shell">
      <a class="skip-link" href={`#${MAIN_ID}`}>
        {t('skipLink')}
      </a>
      <header class="shell-header">
        <a class="brand" href={paths.home}>
          <span class="brand-product">{t('product')}</span>{' '}
          <span class="brand-console">{t('consoleName')}</span>
        </a>
        <OrganizationSwitcher />
        <div class="shell-header-end">
          <LanguageSwitch />
          <PersonMenu />
          <MenuButton />
        </div>
      </header>
      <div class={session.value === null ? 'shell-body shell-body--signed-out' : 'shell-body'}>
        <Navigation />
        <main id={MAIN_ID} class="shell-main" tabIndex={-1} aria-busy={busy ? 'true' : undefined}>
          {children}
        </main>
      </div>
      <Announcer />
    </div>
  );
}

/** After a route change: the new page's heading takes the focus (and so is read), the menu closes. */
export function focusPageHeading(): void {
  document.querySelector<HTMLElement>(`#${MAIN_ID} h1`)?.focus();
}
