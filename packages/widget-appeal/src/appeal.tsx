/**
 * Appeal form ("интернет-приёмная"): `<div data-otklik="appeal" data-org="ORG" data-lang="ru|be|en"></div>`
 * or `<otklik-appeal org="ORG">`. Renders from the organisation's jurisdiction profile; proof of work is
 * solved in the background (a lazy chunk); when the page URL carries a private link
 * (`#otklik-appeal=<id>.<secret>`) it shows the status tracker instead, loaded on demand.
 *
 * This module picks what to show: the tracker, the settings' handoff notice, the form or its receipt.
 * The form lives in `form/`; its identity step (e-mail code, OpenID Connect) is widget-core's, a chunk
 * loaded only when the organisation requires an identity.
 */
import type { AppealFormSettings, AppealReceipt, getWidgetSettingsEndpoint } from '@otklik/client';
import { fetchRoute, getWidgetSettingsRoute } from '@otklik/client';
import { createTranslator, defineWidget, ErrorState, emit, portalOf, reportError } from '@otklik/widget-core';
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Form } from './form/form.tsx';
import { Handoff } from './form/handoff.tsx';
import { Receipt } from './form/receipt.tsx';
import { formMessages } from './form-messages.ts';
import type { IdentityModule, Props, T } from './types.ts';
import { attributes, css, notAllowedError, notAllowedHere, useLink } from './ui.tsx';

export type { Options, Props, T } from './types.ts';

declare module '@otklik/widget-core' {
  interface OtklikEventMap {
    /** An appeal was filed. The access secret is never part of an event. */
    'appeal-submitted': { widget: 'appeal'; appealId: string; registrationNumber: string; dueDate: string };
  }
}

/** Whether the page has a status widget, which then shows the tracker (one tracker per page). */
const statusWidgetOnPage = (host: HTMLElement) =>
  !!host.ownerDocument.querySelector('[data-otklik="appeal-status"],otklik-appeal-status');

/**
 * The widget: the tracker when the URL has a private link (unless the page's status widget shows
 * it), else the form.
 */
function AppealWidget(props: Props) {
  const opened = useLink();
  const link = opened && !statusWidgetOnPage(props.host) ? opened : null;
  const [tracker, setTracker] = useState<{ Tracker: ComponentType<Props> } | null>(null);
  useEffect(() => {
    if (link && !tracker)
      import('./tracker.tsx').then(setTracker, (error) => reportError(props.host, 'appeal', error));
  }, [link]);
  if (link) return tracker ? <tracker.Tracker {...props} /> : <p class="muted">…</p>;
  return <AppealForm {...props} />;
}

type Load =
  | { state: 'loading' }
  | { state: 'error' }
  | { state: 'not-allowed' }
  | { state: 'ok'; settings: AppealFormSettings; identity?: IdentityModule | undefined };

/** Loads the organisation's settings (and the identity step when the organisation requires one). */
export function AppealForm(props: Props) {
  const { config, host, lang, options } = props;
  const t: T = useMemo(() => createTranslator(formMessages, lang), [lang]);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [receipt, setReceipt] = useState<AppealReceipt | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchRoute<typeof getWidgetSettingsEndpoint>(
      portalOf(config),
      getWidgetSettingsRoute,
      // The page's language: topics and the consent document come in it where the organisation gives them.
      { params: { organizationId: options.org }, query: { language: lang } },
      { signal: controller.signal },
    )
      .then(async (settings) => {
        if (!settings?.appeals?.profile?.applicant)
          throw Object.assign(new Error('settings'), { kind: 'response-shape' });
        const { identity } = settings.appeals;
        const step =
          identity?.required && (identity.emailCode || identity.oidcProviders?.length)
            ? await import('@otklik/widget-core/identity')
            : undefined;
        if (controller.signal.aborted) return;
        setLoad({ state: 'ok', settings: settings.appeals, identity: step });
        emit(host, 'ready', { widget: 'appeal' });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        // Not a passing outage: the citizen is told to reach the organisation another way, the
        // webmaster which origin to allow.
        const refused = notAllowedHere(error);
        setLoad({ state: refused ? 'not-allowed' : 'error' });
        reportError(host, 'appeal', refused ? notAllowedError(options.org) : error);
      });
    return () => controller.abort();
  }, []);

  if (load.state === 'error') return <ErrorState message={t.t('unavailable')} />;
  if (load.state === 'not-allowed')
    return (
      <p class="box alert not-allowed" role="status">
        {t.t('notAllowed')}
      </p>
    );
  if (load.state === 'loading')
    return (
      <div class="box appeal" aria-busy="true">
        <p class="muted">{t.t('loading')}</p>
      </div>
    );
  const { settings } = load;
  if (settings.mode === 'handoff') return <Handoff t={t} url={settings.handoffUrl ?? ''} />;
  if (receipt) return <Receipt t={t} receipt={receipt} />;
  const filed = (receipt: AppealReceipt) => {
    // Personal data leaves memory with the form: only the receipt stays.
    setReceipt(receipt);
    emit(host, 'appeal-submitted', {
      widget: 'appeal',
      appealId: receipt.appealId,
      registrationNumber: receipt.registrationNumber,
      dueDate: receipt.dueDate,
    });
  };
  return <Form {...props} t={t} settings={settings} identity={load.identity} onFiled={filed} />;
}

export default defineWidget({
  name: 'appeal',
  component: AppealWidget,
  attributes,
  css,
  messages: formMessages,
});
