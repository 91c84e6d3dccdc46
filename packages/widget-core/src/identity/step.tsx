/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
/**
 * The identity step of the forms (appeal and rating): a one-time code sent to an e-mail address, and/or
 * the organisation's OpenID Connect providers in a popup that answers with a message from the portal's
 * origin. A chunk of its own with its texts: the forms load it with
 * `import('@otklik/widget-core/identity')` only for organisations that ask for an identity.
 *
 * The address is typed into the step's own field, or (the appeal form, where the e-mail is one of the
 * applicant's details) into the form's field, passed in as `email`. The step is styled by the form's CSS
 * (`fieldset`, `legend`, `.field`, `.row`, `.hint`, `.req`, `.error`, `.alert`, `.primary`).
 *
 * A class component with classic JSX: `preact/hooks` and Preact's jsx-runtime would otherwise be split
 * out of the appeal pages' chunk to be shared with this one.
 */
import type {
  EmailCodeSent,
  OtklikProblemError,
  requestEmailCodeEndpoint,
  verifyEmailCodeEndpoint,
} from '@otklik/client';
import { fetchRoute, requestEmailCodeRoute, verifyEmailCodeRoute } from '@otklik/client';
import { Component, Fragment, h } from 'preact';
import type { Portal } from '../config.ts';
import { createTranslator, type Language, type Vars } from '../i18n.ts';
import { retryMinutes } from '../retry.ts';
import { identityMessages } from './messages.ts';

/** An identity confirmed by an e-mail code or an OpenID Connect login; `token` goes with the form. */
export type Verified = { token: string; email: string };

/** The e-mail field of the form, when the address is one of the form's own fields. */
export interface FormEmail {
  value: string;
  /** Shows `text` as the field's error (the address is not one to send a code to). */
  error(text: string): void;
}

export interface IdentityStepProps {
  lang: Language;
  portal: Portal;
  organizationId: string;
  /** How the organisation lets people confirm who they are (its widget settings' `identity`). */
  methods: { emailCode: boolean; oidcProviders: readonly { id: string; name: string }[] };
  /** What the identity is for: the title and introduction say why it is asked. */
  purpose: 'appeal' | 'rating';
  /** Nothing is sent without a confirmed identity (the fields are marked required). */
  required: boolean;
  /** The form's e-mail field; without it the step has its own (`#f-email`). */
  email?: FormEmail | undefined;
  /** The form's error for the step ("confirm your address"), shown on the step's current field. */
  error?: string | undefined;
  verified: Verified | null;
  onVerified: (verified: Verified) => void;
  /** The form's lifetime: requests stop with it. */
  signal: AbortSignal;
}

type Key = keyof (typeof identityMessages)['ru'];
/** The step's fields, and `send`: the "get a code" button, whose refusal is shown beside it. */
type Field = 'email' | 'code' | 'send';
type OidcState = 'idle' | 'waiting' | 'failed' | 'blocked';

interface State {
  /** The address in the step's own field. */
  email: string;
  code: string;
  sent: (EmailCodeSent & { email: string }) | null;
  busy: boolean;
  /** The step's error on one of its fields, or a general one (`field` empty). */
  error: { field: Field | ''; text: string } | null;
  oidc: OidcState;
  now: number;
}

/** What a person may type as an address; the portal checks it properly. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const kindOf = (error: unknown) => (error as { kind?: string } | null)?.kind;

export class IdentityStep extends Component<IdentityStepProps, State> {
  override state: State = { email: '', code: '', sent: null, busy: false, error: null, oidc: 'idle', now: 0 };
  private root: HTMLElement | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private unlisten: (() => void) | undefined;

  private t = (key: Key, vars?: Vars) => createTranslator(identityMessages, this.props.lang).t(key, vars);

  override componentDidMount() {
    if (this.props.methods.oidcProviders.length) this.listen();
  }

  override componentWillUnmount() {
    clearInterval(this.timer);
    this.unlisten?.();
  }

  override componentDidUpdate(before: IdentityStepProps, previous: State) {
    // Keyboard users go where the step continues: to the code once it is sent, to the confirmed
    // (read-only) address once it is checked; the controls they used disappear or are disabled.
    const { sent } = this.state;
    if (sent && sent !== previous.sent) this.focus('code');
    if (this.props.verified && !before.verified && !this.props.email) this.focus('email');
  }

  /** Moves the focus to `field` and brings it into view with its error, which sits just below it. */
  private focus(field: Field) {
    const element = this.root?.querySelector<HTMLElement>(`#f-${field}`);
    element?.focus();
    const error = this.root?.querySelector<HTMLElement>(`#f-${field}-error`);
    (error ?? element)?.scrollIntoView?.({ block: 'nearest' });
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
    const email = (this.props.email?.value ?? this.state.email).trim();
    if (!EMAIL.test(email)) return this.fail('email', this.t('errEmail'));
    this.setState({ busy: true });
    try {
      const sent = await fetchRoute<typeof requestEmailCodeEndpoint>(
        portal,
        requestEmailCodeRoute,
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
      this.failed(error, 'send');
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
        verifyEmailCodeRoute,
        { params: { organizationId, verificationId: sent.verificationId }, body: { code: code.trim() } },
        { signal },
      );
      // Confirmed: should the portal refuse the token later, the step starts again from the address.
      this.setState({ code: '', sent: null, error: null, email: result.email });
      this.props.onVerified({ token: result.identityToken, email: result.email });
    } catch (error) {
      if (kindOf(error) === 'problem' && (error as OtklikProblemError).code !== 'rate-limited')
        this.fail('code', this.t('badCode'));
      else this.failed(error, 'code');
    } finally {
      this.setState({ busy: false });
    }
  };

  /** Shows `text` on `field` (and moves there), or as the step's general error. */
  private fail(field: Field | '', text: string) {
    if (field === 'email' && this.props.email) return this.props.email.error(text);
    // After the busy state has ended, so that a button is enabled again when it takes the focus.
    this.setState({ error: { field, text } }, () => field && setTimeout(() => this.focus(field)));
  }

  /** A refused or failed request, shown beside `at`: the control whose action it was. */
  private failed(error: unknown, at: Field) {
    if (this.props.signal.aborted) return;
    const problem = error as OtklikProblemError;
    if (kindOf(error) === 'problem' && problem.code === 'rate-limited')
      return this.fail(at, this.t('rateLimited', { count: retryMinutes(problem.retryAfter) }));
    if (kindOf(error) === 'problem' && problem.issues.some((issue) => issue.path.endsWith('email')))
      return this.fail('email', this.t('errEmail'));
    this.fail(at, this.t('networkError'));
  }

  /** A labelled input of the step, with its hint and error tied to it by `aria-describedby`. */
  private input(field: 'email' | 'code', message: string | undefined, hint?: string) {
    const { required, verified } = this.props;
    const { email, code } = this.state;
    const id = `f-${field}`;
    const described = [hint && `${id}-hint`, message && `${id}-error`].filter(Boolean).join(' ');
    return (
      <div class="field">
        <label for={id}>
          {this.t(field)}
          {required && (
            <span class="req" title={this.t('required')} aria-hidden="true">
              {' *'}
            </span>
          )}
        </label>
        <input
          id={id}
          {...(field === 'email'
            ? { type: 'email', autocomplete: 'email', readOnly: !!verified, value: email }
            : {
                inputMode: 'numeric',
                autocomplete: 'one-time-code',
                maxLength: 6,
                pattern: '[0-9]{6}',
                value: code,
              })}
          required={required}
          aria-invalid={message ? 'true' : undefined}
          aria-describedby={described || undefined}
          onInput={(event) =>
            this.setState({ [field]: (event.currentTarget as HTMLInputElement).value } as Pick<
              State,
              'email' | 'code'
            >)
          }
          onKeyDown={(event) => {
            // Enter sends or checks the code; it must not submit the form around the step.
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
  }

  render() {
    const { methods, purpose, required, verified } = this.props;
    const { sent, busy, error, oidc } = this.state;
    const { t } = this;
    const { emailCode, oidcProviders } = methods;
    const own = !this.props.email;
    const wait = sent ? Math.ceil((Date.parse(sent.resendAfter) - this.state.now) / 1000) : 0;
    // The step's own error on a field; else the form's error goes on the field the person is at.
    const message = (field: Field) =>
      verified
        ? undefined
        : error?.field === field
          ? error.text
          : (sent ? 'code' : 'email') === field
            ? this.props.error
            : undefined;
    const intro =
      purpose === 'rating'
        ? t(required ? 'ratingNeeded' : 'ratingOptional')
        : emailCode
          ? t('appealIntro')
          : undefined;
    return (
      <fieldset
        ref={(el) => {
          this.root = el;
        }}
      >
        <legend id="identity-title">
          <strong>{t(purpose === 'rating' ? 'ratingTitle' : 'appealTitle')}</strong>
        </legend>
        {intro && <p class="hint">{intro}</p>}
        {own &&
          (emailCode || verified) &&
          this.input(
            'email',
            message('email'),
            verified ? t('verified', { email: verified.email }) : undefined,
          )}
        {!verified && (
          <>
            {sent && emailCode && (
              <>
                <p role="status">{t('codeSent', { email: sent.email })}</p>
                {this.input('code', message('code'))}
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
                  id="f-send"
                  disabled={busy || wait > 0}
                  aria-describedby={
                    [wait > 0 ? 'resend-wait' : '', error?.field === 'send' ? 'f-send-error' : '']
                      .filter(Boolean)
                      .join(' ') || undefined
                  }
                  onClick={this.sendCode}
                >
                  {t(sent ? 'resend' : 'sendCode')}
                </button>
                {wait > 0 && (
                  <span id="resend-wait" class="hint">
                    {t('resendIn', { count: wait })}
                  </span>
                )}
              </div>
            )}
            {error?.field === 'send' && (
              <p id="f-send-error" class="alert" role="alert">
                {error.text}
              </p>
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
