import { isOtklikError } from '@otklik/client';
import { type StaffWebhook, WEBHOOK_EVENTS, type WebhookEvent } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { formatTime } from '../i18n/format.ts';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { announce, toast } from '../kit/announcer.tsx';
import { Button } from '../kit/button.tsx';
import { DataList } from '../kit/data-list.tsx';
import { fieldIssueText, supportDetail, useRefusal } from '../kit/errors.ts';
import type { FormError } from '../kit/form.ts';
import { FormAlert, SupportDetail } from '../kit/form-alert.tsx';
import { Checkbox, TextInput } from '../kit/inputs.tsx';
import { kitMessages } from '../kit/kit.messages.ts';
import { PageHeader } from '../kit/page-header.tsx';
import { EmptyState, Loaded, useLoad } from '../kit/states.tsx';
import { useVisibleInterval } from '../kit/visible-interval.ts';
import { session, timeZone } from '../session.ts';
import { formatInstant, loadApi, SignedIn } from './access-kit.tsx';
import { webhooksMessages } from './webhooks.messages.ts';

/**
 * How often the delivery figures refresh by themselves while the screen is shown: often enough to
 * follow a retry (the worker's first retries are a minute apart), rare enough to spare the portal.
 */
export const AUTO_REFRESH_MS = 30_000;

/** The organisation's webhooks to its document system: each with its last response; add, remove. */
export default function Webhooks() {
  const { t } = useT(webhooksMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <SignedIn>{() => <HooksBody organizationId={session.value?.organization.id ?? ''} />}</SignedIn>
    </>
  );
}

function HooksBody({ organizationId }: { organizationId: string }) {
  const { t } = useT(webhooksMessages);
  const kit = useT(kitMessages);
  const refusal = useRefusal();
  const version = useSignal(0);
  const secret = useSignal<string | null>(null);
  const url = useSignal('');
  const description = useSignal('');
  const events = useSignal<ReadonlySet<WebhookEvent>>(new Set(WEBHOOK_EVENTS));
  const urlError = useSignal<string | undefined>(undefined);
  const eventsError = useSignal<string | undefined>(undefined);
  const formError = useSignal<FormError | null>(null);
  const busy = useSignal(false);
  const hooks = useLoad(
    async (signal) => (await loadApi()).listStaffWebhooks(organizationId, { signal }),
    [organizationId, version.value],
  );
  // A refresh asked for by the person is announced once the list is back (politely: not an error).
  const refreshing = useRef(false);
  useEffect(() => {
    if (!refreshing.current || hooks.state === 'loading') return;
    refreshing.current = false;
    if (hooks.state === 'ready') announce(t('refreshed'));
  }, [hooks.state]);
  const refresh = () => {
    refreshing.current = true;
    version.value++;
  };
  // By themselves, quietly: the table changes in place, nothing is announced (a screen reader would
  // hear it every half minute), the focus stays where it is. The person can switch it off (WCAG 2.2.2).
  const auto = useSignal(true);
  useVisibleInterval(
    () => {
      if (hooks.state === 'ready') hooks.refresh();
    },
    auto.value ? AUTO_REFRESH_MS : null,
  );
  const data = hooks.state === 'ready' ? hooks.data : null;
  const asOf = useMemo(() => new Date(), [data]);

  const submit = async (event: Event) => {
    event.preventDefault();
    urlError.value = /^https?:\/\/\S+$/i.test(url.value.trim()) ? undefined : t('badUrl');
    eventsError.value = events.value.size === 0 ? t('noEvents') : undefined;
    formError.value = null;
    if (urlError.value || eventsError.value) {
      document.getElementById(urlError.value ? 'hook-url' : `hook-event-${WEBHOOK_EVENTS[0]}`)?.focus();
      return;
    }
    busy.value = true;
    try {
      const created = await (await loadApi()).createStaffWebhook(organizationId, {
        url: url.value.trim(),
        events: WEBHOOK_EVENTS.filter((e) => events.value.has(e)),
        ...(description.value.trim() ? { description: description.value.trim() } : {}),
      });
      secret.value = created.secret;
      url.value = '';
      description.value = '';
      version.value++;
    } catch (error) {
      const issue =
        isOtklikError(error) && error.kind === 'problem'
          ? error.issues.find((i) => i.path === 'body.url')
          : undefined;
      if (issue) {
        urlError.value = fieldIssueText(kit, issue);
        document.getElementById('hook-url')?.focus();
      } else formError.value = { text: refusal(error), support: supportDetail(error) };
    } finally {
      busy.value = false;
    }
  };

  const remove = async (hook: StaffWebhook) => {
    await (await loadApi()).deleteStaffWebhook(organizationId, hook.id);
    toast(t('removed'), 'success');
    version.value++;
  };

  const lastAttempt = (hook: StaffWebhook) => {
    const last = hook.lastAttempt;
    if (last === null) return t('never');
    const when = formatInstant(language.value, last.at);
    if (last.delivered) return `${when}: ${t('delivered', { status: String(last.status ?? '') })}`;
    // The kind in words; the portal's English text only folded away, for support, where the kind
    // alone says too little.
    const failure = last.failure ?? 'network';
    const words = t(`failure.${failure}`, { status: String(last.status ?? '') });
    return (
      <>
        {`${when}: ${t('failed', { error: words })}`}
        {failure === 'network' && last.error && <SupportDetail text={last.error} />}
      </>
    );
  };

  return (
    <>
      <div class="form-actions">
        <Button variant="secondary" onClick={refresh} busy={refreshing.current && hooks.state === 'loading'}>
          {t('refresh')}
        </Button>
        <Checkbox
          id="hooks-auto-refresh"
          label={t('autoRefresh')}
          hint={t('autoRefreshHint')}
          value={auto.value}
          onValue={(checked) => {
            auto.value = checked;
          }}
        />
      </div>
      {data && (
        <p class="field-hint">
          {t('asOf', {
            time: formatTime(language.value, asOf.toISOString(), timeZone.value),
          })}
        </p>
      )}
      <Loaded load={hooks}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('emptyTitle')}>
              <p>{t('emptyText')}</p>
            </EmptyState>
          ) : (
            <DataList<StaffWebhook>
              caption={t('caption')}
              items={data.items}
              rowKey={(h) => h.id}
              columns={[
                { id: 'url', header: t('colUrl'), cell: (h) => <code class="break-anywhere">{h.url}</code> },
                {
                  id: 'events',
                  header: t('colEvents'),
                  cell: (h) => h.events.map((e) => t(`event.${e}`)).join(', '),
                },
                { id: 'last', header: t('colLast'), cell: lastAttempt },
                { id: 'pending', header: t('colPending'), cell: (h) => String(h.pending) },
                {
                  id: 'given-up',
                  header: t('colGivenUp'),
                  cell: (h) =>
                    h.givenUp === 0 ? (
                      '0'
                    ) : (
                      <strong>
                        {h.givenUp} <span class="field-hint">({t('givenUpHint')})</span>
                      </strong>
                    ),
                },
                {
                  id: 'actions',
                  header: t('colActions'),
                  cell: (h) => (
                    <Button variant="danger" onClick={() => void remove(h)}>
                      {t('remove')}
                      <span class="visually-hidden"> {h.url}</span>
                    </Button>
                  ),
                },
              ]}
            />
          )
        }
      </Loaded>
      <section aria-labelledby="hook-create">
        <form class="form narrow" onSubmit={submit} noValidate aria-labelledby="hook-create">
          <h2 id="hook-create">{t('createTitle')}</h2>
          <FormAlert error={formError} />
          <TextInput
            id="hook-url"
            type="url"
            label={t('url')}
            hint={t('urlHint')}
            required
            value={url.value}
            error={urlError.value}
            onValue={(value) => {
              url.value = value;
            }}
          />
          <fieldset class="field">
            <legend class="field-label">{t('events')}</legend>
            {WEBHOOK_EVENTS.map((e) => (
              <Checkbox
                key={e}
                id={`hook-event-${e}`}
                label={t(`event.${e}`)}
                value={events.value.has(e)}
                {...(e === WEBHOOK_EVENTS[0] && eventsError.value ? { error: eventsError.value } : {})}
                onValue={(checked) => {
                  const next = new Set(events.value);
                  if (checked) next.add(e);
                  else next.delete(e);
                  events.value = next;
                }}
              />
            ))}
          </fieldset>
          <TextInput
            id="hook-description"
            label={t('description')}
            value={description.value}
            onValue={(value) => {
              description.value = value;
            }}
          />
          <div class="form-actions">
            <Button type="submit" busy={busy.value} busyLabel={t('creating')}>
              {t('create')}
            </Button>
          </div>
        </form>
        {secret.value && (
          <div class="panel" role="status">
            <p>{t('shownOnce')}</p>
            <p>
              <label for="hook-secret">{t('secret')}</label>
            </p>
            <input id="hook-secret" class="field-control" readOnly value={secret.value} spellcheck={false} />
          </div>
        )}
      </section>
    </>
  );
}
