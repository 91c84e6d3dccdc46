import type { AuditEntry } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { Button } from '../kit/button.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { EmptyState, Loaded, useLoad } from '../kit/states.tsx';
import { session } from '../session.ts';
import { formatInstant, loadApi, SignedIn, Table } from './access-kit.tsx';
import { auditLogMessages } from './audit-log.messages.ts';

/** The organisation's audit log, newest first, a page at a time. */
export default function AuditLog() {
  const { t } = useT(auditLogMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <SignedIn>{() => <LogBody organizationId={session.value?.organization.id ?? ''} />}</SignedIn>
    </>
  );
}

function LogBody({ organizationId }: { organizationId: string }) {
  const { t } = useT(auditLogMessages);
  const before = useSignal<number | undefined>(undefined);
  const page = useLoad(
    async (signal) =>
      (await loadApi()).listStaffAuditLog(
        organizationId,
        before.value === undefined ? { limit: 50 } : { limit: 50, before: before.value },
        { signal },
      ),
    [organizationId, before.value],
  );
  return (
    <Loaded load={page}>
      {(data) =>
        data.items.length === 0 ? (
          <EmptyState title={t('emptyTitle')}>
            <p>{t('emptyText')}</p>
          </EmptyState>
        ) : (
          <>
            <Table<AuditEntry>
              caption={t('caption')}
              items={data.items}
              rowKey={(e) => String(e.id)}
              columns={[
                { id: 'at', header: t('colAt'), cell: (e) => formatInstant(language.value, e.at) },
                { id: 'actor', header: t('colActor'), cell: (e) => e.actor?.name ?? t('gone') },
                { id: 'action', header: t('colAction'), cell: (e) => <code>{e.action}</code> },
                { id: 'appeal', header: t('colAppeal'), cell: (e) => e.appealId ?? '—' },
              ]}
            />
            {data.nextBefore !== null && (
              <div class="form-actions">
                <Button
                  variant="secondary"
                  onClick={() => {
                    before.value = data.nextBefore ?? undefined;
                  }}
                >
                  {t('older')}
                </Button>
              </div>
            )}
          </>
        )
      }
    </Loaded>
  );
}
