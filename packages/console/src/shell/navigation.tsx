import { signal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { useT } from '../i18n/translate.ts';
import { paths, sectionOf, sectionsFor } from '../routes.ts';
import { session } from '../session.ts';
import { useMenuDismiss } from './menu-dismiss.ts';
import { shellMessages } from './shell.messages.ts';

export const NAV_ID = 'shell-nav';

/** Whether the navigation is shown on narrow screens (wide ones always show it). */
export const navigationOpen = signal(false);

/**
 * The sections the person's roles allow, the current one marked for screen readers and visibly.
 * Signed out there is none (every section would ask to sign in first), so no navigation at all: each
 * screen offers the way in itself (see `PersonMenu`).
 */
export function Navigation() {
  const { t } = useT(shellMessages);
  const { path } = useLocation();
  const person = session.value;
  if (person === null) return null;
  const current = sectionOf(path);
  const links = sectionsFor(person.roles).map((section) => ({
    id: section.id,
    path: section.path,
    label: t(section.label),
    current: section === current,
  }));
  return (
    <nav id={NAV_ID} class={`shell-nav${navigationOpen.value ? ' is-open' : ''}`} aria-label={t('sections')}>
      <ul class="shell-nav-list">
        {links.map((link) => (
          <li key={link.id}>
            <a class="shell-nav-link" href={link.path} aria-current={link.current ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
      {/* On a phone the header's person link folds in here, after the sections (CSS shows one of the two). */}
      <p class="shell-nav-person">
        <a
          class="shell-nav-link"
          href={paths.account}
          aria-current={path === paths.account ? 'page' : undefined}
        >
          {person.displayName}
        </a>
      </p>
    </nav>
  );
}

/**
 * The disclosure button that shows and hides the navigation on narrow screens (signed in: see above);
 * Escape or the focus leaving closes it again (`useMenuDismiss`).
 */
export function MenuButton() {
  const { t } = useT(shellMessages);
  const button = useRef<HTMLButtonElement>(null);
  useMenuDismiss(navigationOpen, button, NAV_ID);
  const open = navigationOpen.value;
  if (session.value === null) return null;
  return (
    <button
      ref={button}
      type="button"
      class="menu-button"
      aria-expanded={open ? 'true' : 'false'}
      aria-controls={NAV_ID}
      onClick={() => {
        navigationOpen.value = !open;
      }}
    >
      <span class="menu-button-icon" aria-hidden="true" />
      {t('menu')}
    </button>
  );
}
