import { useT } from '../i18n/translate.ts';
import { paths } from '../routes.ts';
import { session } from '../session.ts';
import { shellMessages } from './shell.messages.ts';

/** The header's organisation switcher: the chosen organisation (nothing while nobody is signed in). */
export function OrganizationSwitcher() {
  const current = session.value;
  if (!current) return null;
  return <p class="organization-name">{current.organization.name}</p>;
}

/** The header's person menu: who is signed in, or the way to sign in. */
export function PersonMenu() {
  const { t } = useT(shellMessages);
  const current = session.value;
  if (!current)
    return (
      <a class="person-sign-in" href={paths.signIn}>
        {t('signIn')}
      </a>
    );
  return (
    <a class="person-name" href={paths.account}>
      {current.displayName}
    </a>
  );
}
