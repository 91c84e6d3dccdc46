import { type AuditEntry, type AuditPage, SessionAuditDetails } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import * as v from 'valibot';
import { language } from '../i18n/language.ts';
import { type Translator, useT } from '../i18n/translate.ts';
import { Button } from '../kit/button.tsx';
import { type Column, DataList } from '../kit/data-list.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { EmptyState, Loaded, useLoad } from '../kit/states.tsx';
import { session } from '../session.ts';
import { formatInstant, loadApi, SignedIn } from './access-kit.tsx';
import { auditActionMessages, isNamedAuditAction } from './audit-actions.messages.ts';
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
  return (
    <AuditPages
      key={organizationId}
      load={async (query, signal) => (await loadApi()).listStaffAuditLog(organizationId, query, { signal })}
      column={{ id: 'appeal', header: t('colAppeal'), cell: (e) => <AppealCell entry={e} /> }}
    />
  );
}

/**
 * The appeal an entry is about, by its registration number (what a clerk knows it by, never its
 * internal id); one the retention period has since removed is said to be gone.
 */
export function AppealCell({ entry }: { entry: AuditEntry }) {
  const { t } = useT(auditLogMessages);
  if (entry.appealNumber !== null) return <>{entry.appealNumber}</>;
  return <>{entry.appealId === null ? '—' : t('appealGone')}</>;
}

/**
 * A log a page at a time, newest first: when, who, what, and one column of the log's own (the appeal
 * for an organisation's, the organisation for the portal's). The organisation's and the portal's
 * audit log screens both show theirs with it.
 */
export function AuditPages({
  load,
  column,
}: {
  load: (query: { limit: number; before?: number }, signal: AbortSignal) => Promise<AuditPage>;
  column: Column<AuditEntry>;
}) {
  const { t } = useT(auditLogMessages);
  const before = useSignal<number | undefined>(undefined);
  const page = useLoad(
    (signal) =>
      load(before.value === undefined ? { limit: 50 } : { limit: 50, before: before.value }, signal),
    [before.value],
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
            <DataList<AuditEntry>
              caption={t('caption')}
              items={data.items}
              rowKey={(e) => String(e.id)}
              columns={[
                { id: 'at', header: t('colAt'), cell: (e) => formatInstant(language.value, e.at) },
                { id: 'actor', header: t('colActor'), cell: (e) => e.actor?.name ?? t('gone') },
                { id: 'action', header: t('colAction'), cell: (e) => <Action entry={e} /> },
                column,
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

/** The session events: named with how the person signed in (sign-in, its method, sign-out). */
const SESSION_ACTIONS = [
  'session.sign-in',
  'session.totp-failed',
  'session.sign-out',
  'session.sign-out-everywhere',
] as const;
type SessionAction = (typeof SESSION_ACTIONS)[number];
const isSessionAction = (action: string): action is SessionAction =>
  (SESSION_ACTIONS as readonly string[]).includes(action);

/**
 * How a session entry's person signed in, in words: the OpenID Connect provider by the name its details
 * recorded (older entries recorded only its id, shown as the next best thing).
 */
function signInMethod(
  details: AuditEntry['details'],
  t: Translator<keyof (typeof auditLogMessages)['ru']>['t'],
): string | null {
  if (!v.is(SessionAuditDetails, details)) return null;
  if (details.method === 'email-code') return t('methodEmailCode');
  return t('methodOidc', { provider: details.provider ?? details.method.slice('oidc:'.length) });
}

/** An entry's action in words, its code beside them (for a support request); an unknown one by its code. */
export function Action({ entry }: { entry: AuditEntry }) {
  const { t } = useT(auditLogMessages);
  const actions = useT(auditActionMessages);
  const code = <code class="audit-action-code">{entry.action}</code>;
  if (isNamedAuditAction(entry.action))
    return (
      <>
        {actions.t(entry.action)} {code}
      </>
    );
  if (!isSessionAction(entry.action)) return code;
  const how = signInMethod(entry.details, t);
  return (
    <>
      {t(entry.action)}
      {how && ` ${how}`} {code}
    </>
  );
}
