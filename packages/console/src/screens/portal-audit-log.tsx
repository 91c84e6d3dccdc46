import type { AuditEntry } from '@otklik/client/schemas';
import { useT } from '../i18n/translate.ts';
import { PageHeader } from '../kit/page-header.tsx';
import { EmptyState } from '../kit/states.tsx';
import { paths } from '../routes.ts';
import { serverSession } from '../session.ts';
import { loadApi, SignedIn } from './access-kit.tsx';
import { AuditPages } from './audit-log.tsx';
import { portalAuditLogMessages } from './portal-audit-log.messages.ts';

/** The organisation an entry concerns, when it names one. */
const organizationOf = (entry: AuditEntry) => {
  const id = entry.details?.organizationId;
  return typeof id === 'string' ? <code>{id}</code> : '—';
};

/**
 * The portal's own audit log, for portal administrators: sign-ins that belong to no organisation's
 * log, and what was done to the portal as a whole (organisations, invitations, imports, calendars).
 */
export default function PortalAuditLog() {
  const { t } = useT(portalAuditLogMessages);
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('intro')}
        actions={
          <a class="button button--secondary" href={paths.administration}>
            {t('back')}
          </a>
        }
      />
      <SignedIn>
        {() =>
          serverSession.value?.portalAdministrator ? (
            <AuditPages
              load={async (query, signal) => (await loadApi()).listPortalAuditLog(query, { signal })}
              column={{ id: 'organization', header: t('colOrganization'), cell: organizationOf }}
            />
          ) : (
            <EmptyState title={t('notAdminTitle')}>
              <p>{t('notAdminText')}</p>
            </EmptyState>
          )
        }
      </SignedIn>
    </>
  );
}
