import { useLocation } from 'preact-iso/router';
import { useT } from '../i18n/translate.ts';
import { announce } from '../kit/announcer.tsx';
import { pathAfterSwitch, paths } from '../routes.ts';
import { chooseOrganization, organizations, rolesIn, session } from '../session.ts';
import { shellMessages } from './shell.messages.ts';

/**
 * The header's organisation switcher: the chosen organisation, and for a person with roles in several
 * a native select (keyboard and screen readers know it; it fits 375 px). Choosing another one moves
 * every screen to it: the screens re-open for it (app.tsx keys them by it), and a page the new roles
 * do not show gives way to one they do.
 */
export function OrganizationSwitcher() {
  const { t } = useT(shellMessages);
  const { path, route } = useLocation();
  const current = session.value;
  if (!current) return null;
  const choices = organizations.value;
  // The short name keeps the header to a line or two at 375 px; the full name is its title.
  if (choices.length < 2)
    return (
      <p class="organization-name" title={current.organization.name}>
        {current.organization.label}
      </p>
    );
  return (
    <div class="organization-switch">
      <label class="visually-hidden" for="organization-switch">
        {t('organization')}
      </label>
      <select
        id="organization-switch"
        class="organization-select"
        value={current.organization.id}
        title={current.organization.name}
        onChange={(event) => {
          const id = event.currentTarget.value;
          chooseOrganization(id);
          const next = pathAfterSwitch(path, rolesIn(id));
          if (next !== path) route(next);
          announce(t('organizationChosen', { name: choices.find((o) => o.id === id)?.name ?? id }));
        }}
      >
        {choices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The header's person link: who is signed in. Signed out, nothing: every screen then offers the way in
 * itself (home and sign-in, and each screen that needs a session, with a return to it), and a second
 * "Войти" in the header only repeated it — at 375 px right above the page's own.
 */
export function PersonMenu() {
  const current = session.value;
  if (!current) return null;
  return (
    <a class="person-name" href={paths.account}>
      {current.displayName}
    </a>
  );
}
