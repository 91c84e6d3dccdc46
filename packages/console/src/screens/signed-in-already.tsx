import { useSignal } from '@preact/signals';
import { useT } from '../i18n/translate.ts';
import { Button } from '../kit/button.tsx';
import { paths } from '../routes.ts';
import { type StaffSession, signOut } from '../session.ts';
import { focusPageHeading } from '../shell/shell.tsx';
import { signInMessages } from './sign-in.messages.ts';

/**
 * The sign-in screen opened while signed in (a bookmark, the back button): who is signed in, the way
 * home, and signing out to sign in as someone else. The form again would suggest the session ended.
 * Signed out, the screen shows its form (the session is gone), with the focus on its heading.
 */
export function SignedInAlready({ current }: { current: StaffSession }) {
  const { t } = useT(signInMessages);
  const busy = useSignal(false);
  return (
    <section class="panel" aria-labelledby="signed-in-already">
      <h2 id="signed-in-already">{t('alreadyTitle', { name: current.displayName })}</h2>
      {current.organization.name && <p>{t('alreadyOrganization', { name: current.organization.name })}</p>}
      <div class="form-actions">
        <a class="button button--primary" href={paths.home}>
          {t('alreadyHome')}
        </a>
        <Button
          variant="secondary"
          busy={busy.value}
          onClick={async () => {
            busy.value = true;
            try {
              await signOut();
            } finally {
              busy.value = false;
            }
            focusPageHeading();
          }}
        >
          {t('alreadySignOut')}
        </Button>
      </div>
    </section>
  );
}
