import type { InvitationAccepted } from '@otklik/client/schemas';
import { useT } from '../i18n/translate.ts';
import { PageHeader } from '../kit/page-header.tsx';
import { EmptyState, Loaded, useLoad } from '../kit/states.tsx';
import { paths } from '../routes.ts';
import { loadApi } from './access-kit.tsx';
import { invitationMessages } from './invitation.messages.ts';

/**
 * Where an invitation's link leads (`/console/invitation#<token>`: the token stays out of server
 * logs): accepts it, then sends the person to sign in with the invited address.
 */
export default function Invitation() {
  const { t } = useT(invitationMessages);
  const token = typeof location === 'undefined' ? '' : location.hash.slice(1);
  const accepted = useLoad<InvitationAccepted | null>(
    async (signal) => (token ? (await loadApi()).acceptStaffInvitation({ token }, { signal }) : null),
    [token],
  );
  return (
    <>
      <PageHeader title={t('title')} />
      <Loaded load={accepted} errorTitle={t('failedTitle')}>
        {(result) =>
          result === null ? (
            <EmptyState title={t('failedTitle')}>
              <p>{t('noToken')}</p>
            </EmptyState>
          ) : (
            <section class="panel" aria-labelledby="invitation-accepted">
              <h2 id="invitation-accepted">{t('acceptedTitle')}</h2>
              <p>{t('acceptedText', { email: result.email, organization: result.organizationName })}</p>
              <a
                class="button button--primary"
                href={`${paths.signIn}?email=${encodeURIComponent(result.email)}`}
              >
                {t('signIn')}
              </a>
            </section>
          )
        }
      </Loaded>
    </>
  );
}
