/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
/**
 * The rating form's identity step, the same flow as the appeal form's: a one-time code sent to the
 * e-mail address (and/or the organisation's OpenID Connect providers in a popup that answers with a
 * message from the portal's origin). A lazy chunk with its own texts, loaded only for organisations
 * whose identification is `optional` or `required`, so anonymous rating pages do not pay for it.
 *
 * A class component: `preact/hooks` is left to the appeal widgets (see `pow.ts`).
 */
import type {
  EmailCodeSent,
  OtklikProblemError,
  requestEmailCodeEndpoint,
  verifyEmailCodeEndpoint,
} from '@otklik/client';
import { fetchRoute } from '@otklik/client';
import { createTranslator } from '@otklik/widget-core';
import { Component, Fragment, h } from 'preact';
import { identityMessages } from './identity-messages.ts';
import type { IdentityStepProps } from './types.ts';

// Written out rather than imported from the appeal routes' module, which would then leave the appeal
// pages' chunk; the types keep them equal to the contract's.
const sendRoute: Pick<typeof requestEmailCodeEndpoint, 'method' | 'path'> = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/identity/email-code',
};
const verifyRoute: Pick<typeof verifyEmailCodeEndpoint, 'method' | 'path'> = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/identity/email-code/{verificationId}/verify',
};

const kindOf = (error: unknown) => (error as { kind?: string } | null)?.kind;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Key = keyof (typeof identityMessages)['ru'];
type OidcState = 'idle' | 'waiting' | 'failed' | 'blocked';

interface State {
  email: string;
  code: string;
  sent: (EmailCodeSent & { email: string }) | null;
  busy: boolean;
  /** The step's own error on a field (a bad address or code), or a general one. */
  error: { field: 'email' | 'code' | ''; text: string } | null;
  oidc: OidcState;
  now: number;
}

export class IdentityStep extends Component<IdentityStepProps, State> {
  override state: State = { email: '', code: '', sent: null, busy: false, error: null, oidc: 'idle', now: 0 };
  private root: HTMLElement | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private unlisten: (() => void) | undefined;

  private t = (key: Key, vars?: Record<string, string | number>) =>
    createTranslator(identityMessages, this.props.lang).t(key, vars);

  override componentDidMount() {
    if (this.props.settings.identity.oidcProviders.length) this.listen();
  }

  override componentWillUnmount() {
    clearInterval(this.timer);
    this.unlisten?.();
  }

  override componentDidUpdate(before: IdentityStepProps, previous: State) {
    // Keyboard users go where the step continues: to the code once it is sent, to the confirmed
    // (read-only) address once it is checked; the controls they used disappear or are disabled.
    const { sent } = this.state;
    if (sent && sent !== previous.sent) this.focus('f-code');
    if (this.props.verified && !before.verified) this.focus('f-email');
  }

  private focus(id: string) {
    (this.root?.querySelector(`#${id}`) as HTMLElement | null)?.focus();
  }

  /** The OpenID Connect popup answers with a message from the portal's origin; others are ignored. */
  private listen() {
    const origin = new URL(this.props.portal.baseUrl, location.href).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin) return;
      const data = event.data as Record<string, unknown> | null;
      if (data?.type === 'otklik:identity-error') return this.setState({ oidc: 'failed' });
      if (data?.type !== 'otklik:identity') return;
      if (typeof data.identityToken !== 'string' || typeof data.email !== 'string') return;
      this.setState({ oidc: 'idle', error: null, email: data.email });
      this.props.onVerified({ token: data.identityToken, email: data.email });
    };
    addEventListener('message', onMessage);
    this.unlisten = () => removeEventListener('message', onMessage);
  }

  private login(providerId: string) {
    const { portal, organizationId } = this.props;
    const url =
      `${portal.baseUrl.replace(/\/+$/, '')}/v1/organizations/${encodeURIComponent(organizationId)}` +
      `/identity/oidc/${encodeURIComponent(providerId)}/start?returnOrigin=${encodeURIComponent(location.origin)}`;
    // Not `noopener`: the portal's page answers through `window.opener`.
    const popup = open(url, 'otklik-oidc', 'popup,width=520,height=680');
    this.setState({ oidc: popup ? 'waiting' : 'blocked' });
  }

  private sendCode = async () => {
    const { portal, organizationId, lang, signal } = this.props;
    const email = this.state.email.trim();
    if (!EMAIL.test(email)) return this.fail('email', this.t('errEmail'));
    this.setState({ busy: true });
    try {
      const sent = await fetchRoute<typeof requestEmailCodeEndpoint>(
        portal,
        sendRoute,
        { params: { organizationId }, body: { email, language: lang } },
        { signal },
      );
      this.setState({ sent: { ...sent, email }, code: '', error: null, now: Date.now() });
      clearInterval(this.timer);
      this.timer = setInterval(() => {
        this.setState({ now: Date.now() });
        if (Date.now() > Date.parse(sent.resendAfter)) clearInterval(this.timer);
      }, 1000);
    } catch (error) {
      this.failed(error);
    } finally {
      this.setState({ busy: false });
    }
  };

  private verify = async () => {
    const { sent, code } = this.state;
    const { portal, organizationId, signal } = this.props;
    if (!sent) return;
    if (!/^\d{6}$/.test(code.trim())) return this.fail('code', this.t('errCode'));
    this.setState({ busy: true });
    try {
      const result = await fetchRoute<typeof verifyEmailCodeEndpoint>(
        portal,
        verifyRoute,
        { params: { organizationId, verificationId: sent.verificationId }, body: { code: code.trim() } },
        { signal },
      );
      // Confirmed: should the portal refuse the token later, the step starts again from the address.
      this.setState({ code: '', sent: null, error: null, email: result.email });
      this.props.onVerified({ token: result.identityToken, email: result.email });
    } catch (error) {
      if (kindOf(error) === 'problem' && (error as OtklikProblemError).code !== 'rate-limited')
        this.fail('code', this.t('badCode'));
      else this.failed(error);
    } finally {
      this.setState({ busy: false });
    }
  };

  private fail(field: 'email' | 'code' | '', text: string) {
    this.setState({ error: { field, text } }, () => field && this.focus(`f-${field}`));
  }

  private failed(error: unknown) {
    if (this.props.signal.aborted) return;
    const problem = error as OtklikProblemError;
    if (kindOf(error) !== 'problem') return this.fail('', this.t('networkError'));
    if (problem.code === 'rate-limited')
      return this.fail('', this.t('rateLimited', { count: problem.retryAfter ?? 60 }));
    this.fail('email', this.t('errEmail'));
  }

  render() {
    const { settings, required, verified } = this.props;
    const { email, code, sent, busy, error, oidc } = this.state;
    const { t } = this;
    const { emailCode, oidcProviders } = settings.identity;
    const wait = sent ? Math.ceil((Date.parse(sent.resendAfter) - this.state.now) / 1000) : 0;
    // The form's "confirm your address" goes on the field the citizen is at.
    const own = (field: 'email' | 'code') =>
      error?.field === field
        ? error.text
        : (sent ? 'code' : 'email') === field
          ? this.props.error
          : undefined;
    const input = (field: 'email' | 'code', hint?: string) => {
      const message = verified ? undefined : own(field);
      const id = `f-${field}`;
      const described = [hint && `${id}-hint`, message && `${id}-error`].filter(Boolean).join(' ');
      return (
        <div class="field">
          <label for={id}>
            {t(field)}
            {required && field === 'email' && (
              <span class="req" title={t('required')} aria-hidden="true">
                {' *'}
              </span>
            )}
          </label>
          <input
            id={id}
            {...(field === 'email'
              ? { type: 'email', autocomplete: 'email', readOnly: !!verified, value: email }
              : { inputMode: 'numeric', autocomplete: 'one-time-code', maxLength: 6, value: code })}
            required={required}
            aria-invalid={message ? 'true' : undefined}
            aria-describedby={described || undefined}
            onInput={(event) =>
              this.setState({ [field]: (event.currentTarget as HTMLInputElement).value } as Pick<
                State,
                'email'
              >)
            }
            onKeyDown={(event) => {
              // Enter sends or checks the code; it must not submit the rating.
              if (event.key !== 'Enter' || verified) return;
              event.preventDefault();
              void (field === 'code' ? this.verify() : this.sendCode());
            }}
          />
          {hint && (
            <p id={`${id}-hint`} class="hint">
              {hint}
            </p>
          )}
          {message && (
            <p id={`${id}-error`} class="error">
              {message}
            </p>
          )}
        </div>
      );
    };
    return (
      <fieldset
        ref={(el) => {
          this.root = el;
        }}
      >
        <legend>{t('identity')}</legend>
        <p class="hint">{t(required ? 'needed' : 'optional')}</p>
        {(emailCode || verified) &&
          input('email', verified ? t('verified', { email: verified.email }) : undefined)}
        {!verified && (
          <>
            {sent && emailCode && (
              <>
                <p role="status">{t('codeSent', { email: sent.email })}</p>
                {input('code')}
              </>
            )}
            {emailCode && (
              <div class="row">
                {sent && (
                  <button type="button" class="primary" disabled={busy} onClick={this.verify}>
                    {t('verify')}
                  </button>
                )}
                <button
                  type="button"
                  disabled={busy || wait > 0}
                  aria-describedby={wait > 0 ? 'f-wait' : undefined}
                  onClick={this.sendCode}
                >
                  {t(sent ? 'resend' : 'sendCode')}
                </button>
                {wait > 0 && (
                  <span id="f-wait" class="hint">
                    {t('resendIn', { count: wait })}
                  </span>
                )}
              </div>
            )}
            {oidcProviders.length > 0 && (
              <>
                {emailCode && <p class="hint">{t('oidcOr')}</p>}
                <div class="row">
                  {oidcProviders.map((provider) => (
                    <button key={provider.id} type="button" onClick={() => this.login(provider.id)}>
                      {t('oidcLogin', { name: provider.name })}
                    </button>
                  ))}
                </div>
                {oidc !== 'idle' && (
                  <p role="status" class={oidc === 'waiting' ? 'hint' : 'alert'}>
                    {t(
                      oidc === 'waiting' ? 'oidcWaiting' : oidc === 'blocked' ? 'popupBlocked' : 'oidcFailed',
                    )}
                  </p>
                )}
              </>
            )}
            {error && !error.field && (
              <p class="alert" role="alert">
                {error.text}
              </p>
            )}
            {!emailCode && this.props.error && (
              <p id="f-identity-error" class="error" role="alert">
                {this.props.error}
              </p>
            )}
          </>
        )}
      </fieldset>
    );
  }
}
