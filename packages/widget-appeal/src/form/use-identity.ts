/**
 * The identity step's state: an e-mail confirmed with a one-time code, or by an OpenID Connect login
 * whose listener (in the lazy `oidc.tsx` chunk) is present only when the organisation offers one.
 */
import type {
  AppealFormSettings,
  EmailCodeSent,
  OtklikProblemError,
  requestEmailCodeEndpoint,
  verifyEmailCodeEndpoint,
} from '@otklik/client';
import { fetchRoute, requestEmailCodeRoute, verifyEmailCodeRoute } from '@otklik/client';
import type { Language, Portal } from '@otklik/widget-core';
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { T } from '../types.ts';
import { EMAIL, idOf, kindOf } from '../ui.tsx';
import type { OidcState } from './oidc.tsx';
import type { Errors, Values } from './values.ts';

export type Oidc = typeof import('./oidc.tsx');
export type Verified = { token: string; email: string };

export interface IdentityOptions {
  t: T;
  settings: AppealFormSettings;
  lang: Language;
  portal: Portal;
  organizationId: string;
  signal: AbortSignal;
  /** The OpenID Connect chunk, loaded when the organisation has providers. */
  oidc: Oidc | undefined;
  email: string;
  setValues: (update: (before: Values) => Values) => void;
  showErrors: (found: Errors, general?: string) => void;
  form: RefObject<HTMLFormElement>;
}

export function useIdentity(o: IdentityOptions) {
  const { t, portal, organizationId, signal, showErrors } = o;
  const { identity } = o.settings;
  const needed = identity.required && (identity.emailCode || identity.oidcProviders.length > 0);
  const [oidcState, setOidcState] = useState<OidcState>('idle');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<(EmailCodeSent & { email: string }) | null>(null);
  const [verified, setVerified] = useState<Verified | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now);
  const resendAt = sent ? Date.parse(sent.resendAfter) : 0;
  useEffect(() => {
    if (resendAt <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [resendAt, now > resendAt]);

  const confirmed = (token: string, email: string) => {
    setVerified({ token, email });
    o.setValues((before) => ({ ...before, email }));
  };

  // The OpenID Connect popup answers with a message from the portal's origin; any other is ignored.
  useEffect(
    () =>
      o.oidc?.listen(
        portal,
        ({ identityToken, email }) => {
          confirmed(identityToken, email);
          setOidcState('idle');
          showErrors({});
        },
        () => setOidcState('failed'),
      ),
    [],
  );

  // Keyboard users go where the identity step continues: to the code field once a code is sent, to
  // the (now verified, read-only) e-mail once it is checked; the controls they used disappear or are
  // disabled, which would otherwise drop focus to the page. Layout effects, so the focus has moved
  // before the browser paints: a fast Tab after the change must not start from <body>.
  useLayoutEffect(() => {
    if (sent && !verified) o.form.current?.querySelector<HTMLInputElement>(`#${idOf('code')}`)?.focus();
  }, [sent]);
  useLayoutEffect(() => {
    if (verified) o.form.current?.querySelector<HTMLInputElement>(`#${idOf('applicant.email')}`)?.focus();
  }, [verified]);

  async function sendCode() {
    const email = o.email.trim();
    if (!EMAIL.test(email)) return showErrors({ 'applicant.email': t.t('errEmail') });
    setBusy(true);
    try {
      const result = await fetchRoute<typeof requestEmailCodeEndpoint>(
        portal,
        requestEmailCodeRoute,
        { params: { organizationId }, body: { email, language: o.lang } },
        { signal },
      );
      setSent({ ...result, email });
      setNow(Date.now());
      setCode('');
      showErrors({});
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  async function verify() {
    if (!sent) return;
    if (!/^\d{6}$/.test(code.trim())) return showErrors({ code: t.t('errCode') });
    setBusy(true);
    try {
      const result = await fetchRoute<typeof verifyEmailCodeEndpoint>(
        portal,
        verifyEmailCodeRoute,
        { params: { organizationId, verificationId: sent.verificationId }, body: { code: code.trim() } },
        { signal },
      );
      confirmed(result.identityToken, result.email);
      setCode('');
      showErrors({});
    } catch (error) {
      if (kindOf(error) === 'problem' && (error as OtklikProblemError).code !== 'rate-limited')
        return showErrors({ code: t.t('badCode') });
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  function failed(error: unknown) {
    if (signal.aborted) return;
    const problem = error as OtklikProblemError;
    if (kindOf(error) === 'problem' && problem.code === 'rate-limited')
      return showErrors({}, t.t('rateLimited', { count: problem.retryAfter ?? 60 }));
    if (kindOf(error) === 'problem' && problem.issues.some((issue) => issue.path.endsWith('email')))
      return showErrors({ 'applicant.email': t.t('errEmail') });
    showErrors({}, t.t('networkError'));
  }

  return {
    /** The organisation requires the step and offers a way to do it. */
    needed,
    code,
    setCode,
    sent,
    verified,
    busy,
    waitSeconds: Math.ceil((resendAt - now) / 1000),
    oidcState,
    setOidcState,
    sendCode,
    verify,
  };
}

export type Identity = ReturnType<typeof useIdentity>;
