/**
 * Appeal form ("интернет-приёмная"): `<div data-otklik="appeal" data-org="ORG" data-lang="ru|be|en"></div>`
 * or `<otklik-appeal org="ORG">`. Renders from the organisation's jurisdiction profile; proof of work is
 * solved in the background (a lazy chunk); when the page URL carries a private link
 * (`#otklik-appeal=<id>.<secret>`) it shows the status tracker instead, loaded on demand.
 */
import type {
  AppealFormSettings,
  AppealReceipt,
  AppealSubmission,
  AppealType,
  createChallengeEndpoint,
  EmailCodeSent,
  fileAppealEndpoint,
  getWidgetSettingsEndpoint,
  OtklikProblemError,
  PowSolution,
  requestEmailCodeEndpoint,
  verifyEmailCodeEndpoint,
} from '@otklik/client';
import {
  createChallengeRoute,
  fetchRoute,
  fileAppealRoute,
  getWidgetSettingsRoute,
  requestEmailCodeRoute,
  verifyEmailCodeRoute,
} from '@otklik/client';
import {
  createTranslator,
  defineWidget,
  ErrorState,
  emit,
  type OptionsOf,
  portalOf,
  reportError,
  type Translator,
  type WidgetProps,
} from '@otklik/widget-core';
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Attachments, type AttachmentsHandle } from './attachments.tsx';
import { formMessages } from './form-messages.ts';
import {
  attributes,
  css,
  dateText,
  EMAIL,
  Field,
  idOf,
  kindOf,
  Marker,
  pageUrl,
  useLink,
  valueOf,
} from './ui.tsx';

declare module '@otklik/widget-core' {
  interface OtklikEventMap {
    /** An appeal was filed. The access secret is never part of an event. */
    'appeal-submitted': { widget: 'appeal'; appealId: string; registrationNumber: string; dueDate: string };
  }
}

export type Options = OptionsOf<typeof attributes>;
export type Props = WidgetProps<Options>;
export type T = Translator<keyof (typeof formMessages)['ru']>;
type Person = { surname: string; firstName: string; patronymic: string };
type ApplicantField = 'surname' | 'firstName' | 'patronymic' | 'email' | 'postalAddress';

interface Values extends Person {
  email: string;
  postalAddress: string;
  type: AppealType | '';
  topicId: string;
  text: string;
  consent: boolean;
  website: string;
  coAuthors: Person[];
}

const empty = (): Values => ({
  surname: '',
  firstName: '',
  patronymic: '',
  email: '',
  postalAddress: '',
  type: '',
  topicId: '',
  text: '',
  consent: false,
  website: '',
  coAuthors: [],
});

const APPLICANT: readonly ApplicantField[] = ['surname', 'firstName', 'patronymic', 'email', 'postalAddress'];
const PERSON = ['surname', 'firstName', 'patronymic'] as const;

/** The widget: the tracker when the URL has a private link, else the form. */
function AppealWidget(props: Props) {
  const link = useLink();
  const [tracker, setTracker] = useState<{ Tracker: ComponentType<Props> } | null>(null);
  useEffect(() => {
    if (link && !tracker)
      import('./tracker.tsx').then(setTracker, (error) => reportError(props.host, 'appeal', error));
  }, [link]);
  if (link) return tracker ? <tracker.Tracker {...props} /> : <p class="muted">…</p>;
  return <AppealForm {...props} />;
}

type Load = { state: 'loading' } | { state: 'error' } | { state: 'ok'; settings: AppealFormSettings };

export function AppealForm(props: Props) {
  const { config, host, lang, options } = props;
  const t: T = useMemo(() => createTranslator(formMessages, lang), [lang]);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    fetchRoute<typeof getWidgetSettingsEndpoint>(
      portalOf(config),
      getWidgetSettingsRoute,
      { params: { organizationId: options.org } },
      { signal: controller.signal },
    )
      .then((settings) => {
        if (!settings?.appeals?.profile?.applicant)
          throw Object.assign(new Error('settings'), { kind: 'response-shape' });
        setLoad({ state: 'ok', settings: settings.appeals });
        emit(host, 'ready', { widget: 'appeal' });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad({ state: 'error' });
        reportError(host, 'appeal', error);
      });
    return () => controller.abort();
  }, []);

  if (load.state === 'error') return <ErrorState message={t.t('unavailable')} />;
  if (load.state === 'loading')
    return (
      <div class="box appeal" aria-busy="true">
        <p class="muted">{t.t('loading')}</p>
      </div>
    );
  const { settings } = load;
  if (settings.mode === 'handoff') {
    const url = settings.handoffUrl ?? '';
    // The host as configured (`обращения.бел`), not `URL.host`, which gives punycode.
    const where = url.replace(/^[a-z][\w+.-]*:\/\//i, '').split(/[/?#]/)[0] || url;
    return (
      <section class="box appeal" aria-labelledby="handoff-title">
        <h2 id="handoff-title">{t.t('handoffTitle')}</h2>
        <p>{t.t('handoff')}</p>
        {url && (
          <p>
            <a href={url} rel="noopener">
              {t.t('handoffLink', { host: where })}
            </a>
          </p>
        )}
      </section>
    );
  }
  return <Form {...props} t={t} settings={settings} />;
}

type Phase = 'idle' | 'preparing' | 'sending' | 'offline' | 'failed';
type Errors = Record<string, string>;

function Form(props: Props & { t: T; settings: AppealFormSettings }) {
  const { t, settings, config, host, lang, options } = props;
  const { profile } = settings;
  const portal = portalOf(config);
  const organizationId = options.org;
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [summary, setSummary] = useState('');
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('');
  const [receipt, setReceipt] = useState<AppealReceipt | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const alive = useRef(new AbortController());
  /** The submission in flight or failed on the network: its key and proof of work are reused. */
  const pending = useRef<{ key: string; pow: PowSolution; attachmentIds: string[] } | null>(null);
  const pow = useRef<{ promise: Promise<PowSolution>; solution?: PowSolution } | null>(null);
  const powTimer = useRef<ReturnType<typeof setTimeout>>();
  const files = useRef<AttachmentsHandle | null>(null);

  // Identity by e-mail code or by OpenID Connect login (a popup on the portal posts the result back).
  const oidcProviders = settings.identity.oidcProviders;
  const identityNeeded =
    settings.identity.required && (settings.identity.emailCode || oidcProviders.length > 0);
  const [oidcState, setOidcState] = useState<'idle' | 'waiting' | 'failed' | 'blocked'>('idle');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<(EmailCodeSent & { email: string }) | null>(null);
  const [verified, setVerified] = useState<{ token: string; email: string } | null>(null);
  const [identityBusy, setIdentityBusy] = useState(false);
  const [now, setNow] = useState(Date.now);
  const resendAt = sent ? Date.parse(sent.resendAfter) : 0;
  useEffect(() => {
    if (resendAt <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [resendAt, now > resendAt]);

  /** Starts (or restarts) solving a fresh challenge in the background. */
  const solve = (): Promise<PowSolution> => {
    clearTimeout(powTimer.current);
    const { signal } = alive.current;
    const entry: { promise: Promise<PowSolution>; solution?: PowSolution } = {
      promise: fetchRoute<typeof createChallengeEndpoint>(
        portal,
        createChallengeRoute,
        { params: { organizationId } },
        { signal },
      ).then(async (challenge) => {
        const { solveChallenge } = await import('./solve.ts');
        const solution = await solveChallenge(challenge, { signal });
        entry.solution = solution;
        // Refresh a minute before it expires, unless a submission is using it.
        const wait = Date.parse(solution.expiresAt) - Date.now() - 60_000;
        powTimer.current = setTimeout(
          () => pow.current === entry && !pending.current && solve(),
          Math.max(wait, 1000),
        );
        return solution;
      }),
    };
    entry.promise.catch(() => {
      if (pow.current === entry) pow.current = null;
    });
    pow.current = entry;
    return entry.promise;
  };
  /** A solution that has not expired, solving a new one when needed. */
  const solution = (): Promise<PowSolution> => {
    const entry = pow.current;
    if (!entry) return solve();
    if (entry.solution && Date.parse(entry.solution.expiresAt) - Date.now() < 5000) return solve();
    return entry.promise;
  };

  // The OpenID Connect popup answers with a message from the portal's origin; any other is ignored.
  useEffect(() => {
    if (oidcProviders.length === 0) return;
    const portalOrigin = new URL(portal.baseUrl, location.href).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== portalOrigin) return;
      const data = event.data as Record<string, unknown> | null;
      if (data?.type === 'otklik:identity-error') return setOidcState('failed');
      if (data?.type !== 'otklik:identity') return;
      if (typeof data.identityToken !== 'string' || typeof data.email !== 'string') return;
      const { identityToken, email } = data as { identityToken: string; email: string };
      setVerified({ token: identityToken, email });
      setValues((before) => ({ ...before, email }));
      setOidcState('idle');
      showErrors({});
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  function oidcLogin(providerId: string) {
    const base = portal.baseUrl.replace(/\/+$/, '');
    const url =
      `${base}/v1/organizations/${encodeURIComponent(organizationId)}/identity/oidc/` +
      `${encodeURIComponent(providerId)}/start?returnOrigin=${encodeURIComponent(location.origin)}`;
    // Not `noopener`: the portal's page answers through `window.opener`.
    const popup = window.open(url, 'otklik-oidc', 'popup,width=520,height=680');
    setOidcState(popup ? 'waiting' : 'blocked');
  }

  useEffect(() => {
    solve().catch(() => {});
    return () => {
      alive.current.abort();
      clearTimeout(powTimer.current);
    };
  }, []);

  useEffect(() => {
    if (!focusTick) return;
    (form.current?.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
  }, [focusTick]);

  // Keyboard users go where the identity step continues: to the code field once a code is sent, to
  // the (now verified, read-only) e-mail once it is checked; the controls they used disappear or are
  // disabled, which would otherwise drop focus to the page.
  useEffect(() => {
    if (sent && !verified) form.current?.querySelector<HTMLInputElement>(`#${idOf('code')}`)?.focus();
  }, [sent]);
  useEffect(() => {
    if (verified) form.current?.querySelector<HTMLInputElement>(`#${idOf('applicant.email')}`)?.focus();
  }, [verified]);

  const set = <K extends keyof Values>(name: K, value: Values[K]) => {
    setValues((before) => ({ ...before, [name]: value }));
    if (errors[name] || errors[`applicant.${name}`]) {
      const { [name]: _a, [`applicant.${name}`]: _b, ...rest } = errors;
      setErrors(rest);
    }
  };
  const setCoAuthor = (index: number, name: keyof Person, value: string) =>
    setValues((before) => ({
      ...before,
      coAuthors: before.coAuthors.map((person, i) => (i === index ? { ...person, [name]: value } : person)),
    }));

  const showErrors = (found: Errors, general?: string) => {
    setErrors(found);
    const count = Object.keys(found).length;
    setSummary(general ?? (count ? t.t('errSummary', { count }) : ''));
    setFocusTick((tick) => tick + 1);
  };

  function validate(): Errors {
    const found: Errors = {};
    for (const name of APPLICANT) {
      const rule = profile.applicant[name];
      const value = values[name].trim();
      if (rule === 'hidden') continue;
      if (!value) {
        if (rule === 'required') found[`applicant.${name}`] = t.t('errRequired');
      } else if (name === 'email' && !EMAIL.test(value)) found['applicant.email'] = t.t('errEmail');
    }
    if (identityNeeded && !verified && !found['applicant.email']) found['applicant.email'] = t.t('errVerify');
    if (!values.type) found.type = t.t('errType');
    if (!values.text.trim()) found.text = t.t('errRequired');
    else if (values.text.length > profile.textMaxLength)
      found.text = t.t('errTooLong', { max: profile.textMaxLength });
    values.coAuthors.forEach((person, i) => {
      for (const name of ['surname', 'firstName'] as const)
        if (!person[name].trim()) found[`coAuthors.${i}.${name}`] = t.t('errRequired');
    });
    if (!values.consent) found.consent = t.t('errConsent');
    return found;
  }

  function body(proofOfWork: PowSolution, attachmentIds: string[]): AppealSubmission {
    const applicant: AppealSubmission['applicant'] = { email: (verified?.email ?? values.email).trim() };
    for (const name of APPLICANT) {
      const value = values[name].trim();
      if (name !== 'email' && value && profile.applicant[name] !== 'hidden') applicant[name] = value;
    }
    const submission: AppealSubmission = {
      type: values.type as AppealType,
      language: lang,
      applicant,
      text: values.text.trim(),
      consent: { version: settings.consent.version, accepted: true },
      proofOfWork,
      website: values.website,
    };
    if (values.topicId) submission.topicId = values.topicId;
    if (attachmentIds.length) submission.attachmentIds = attachmentIds;
    if (values.coAuthors.length)
      submission.coAuthors = values.coAuthors.map((person) => {
        const out: Person | Omit<Person, 'patronymic'> = {
          surname: person.surname.trim(),
          firstName: person.firstName.trim(),
        };
        return person.patronymic.trim() ? { ...out, patronymic: person.patronymic.trim() } : out;
      });
    if (verified) submission.identityToken = verified.token;
    const page = pageUrl();
    if (page) submission.pageUrl = page;
    return submission;
  }

  /** Field path of a portal issue (`body.applicant.email` → `applicant.email`), or undefined. */
  function fieldOf(path: string): string | undefined {
    const key = path.replace(/^body\./, '');
    if (key.startsWith('consent')) return 'consent';
    if (key.startsWith('identityToken')) return 'applicant.email';
    if (key === 'topicId' || key === 'type' || key === 'text') return key;
    if (/^(applicant\.\w+|coAuthors\.\d+\.\w+)$/.test(key) && form.current?.querySelector(`#${idOf(key)}`))
      return key;
    return undefined;
  }

  function messageFor(field: string): string {
    if (field === 'consent') return t.t('errConsent');
    if (field === 'applicant.email') return identityNeeded && !verified ? t.t('errVerify') : t.t('errEmail');
    if (field === 'type') return t.t('errType');
    return t.t('errInvalid');
  }

  async function submit(event?: Event) {
    event?.preventDefault();
    if (phase === 'preparing' || phase === 'sending') return;
    const found = validate();
    if (Object.keys(found).length) return showErrors(found);
    showErrors({});
    setMessage('');
    const signal = alive.current.signal;
    try {
      if (!pending.current) {
        setPhase('preparing');
        // The appeal goes once every file is uploaded; a failed upload stops it with a clear message.
        let attachmentIds: string[];
        try {
          attachmentIds = (await files.current?.settled()) ?? [];
        } catch {
          setPhase('failed');
          return showErrors({}, t.t('errFiles'));
        }
        const proof = await solution();
        // One key per submission, made when the citizen first presses send; retries reuse it.
        pending.current = { key: crypto.randomUUID(), pow: proof, attachmentIds };
      }
      setPhase('sending');
      const filed = await fetchRoute<typeof fileAppealEndpoint>(
        portal,
        fileAppealRoute,
        {
          params: { organizationId },
          body: body(pending.current.pow, pending.current.attachmentIds),
          idempotencyKey: pending.current.key,
        },
        { signal, timeout: 20_000 },
      );
      pending.current = null;
      pow.current = null;
      clearTimeout(powTimer.current);
      // Personal data leaves memory: only the receipt stays.
      setValues(empty());
      setCode('');
      setSent(null);
      setVerified(null);
      setPhase('idle');
      setReceipt(filed);
      emit(host, 'appeal-submitted', {
        widget: 'appeal',
        appealId: filed.appealId,
        registrationNumber: filed.registrationNumber,
        dueDate: filed.dueDate,
      });
    } catch (error) {
      if (signal.aborted) return;
      const kind = kindOf(error);
      if (kind === 'network' || kind === 'timeout') {
        setPhase('offline');
        setMessage(t.t(pending.current ? 'notSent' : 'networkError'));
        return;
      }
      // The portal refused: nothing was filed, so the next attempt is a new submission.
      pending.current = null;
      solve().catch(() => {});
      setPhase('failed');
      const problem = error as OtklikProblemError;
      if (kind === 'problem' && problem.issues.length) {
        const found: Errors = {};
        for (const issue of problem.issues) {
          const field = fieldOf(issue.path);
          if (field) found[field] ??= messageFor(field);
        }
        if (Object.keys(found).length) return showErrors(found);
      }
      if (kind === 'problem' && problem.code === 'rate-limited')
        return setMessage(t.t('rateLimited', { count: problem.retryAfter ?? 60 }));
      setMessage(t.t('failed'));
      reportError(host, 'appeal', error);
    }
  }

  async function sendCode() {
    const email = values.email.trim();
    if (!EMAIL.test(email)) return showErrors({ 'applicant.email': t.t('errEmail') });
    setIdentityBusy(true);
    try {
      const result = await fetchRoute<typeof requestEmailCodeEndpoint>(
        portal,
        requestEmailCodeRoute,
        { params: { organizationId }, body: { email, language: lang } },
        { signal: alive.current.signal },
      );
      setSent({ ...result, email });
      setNow(Date.now());
      setCode('');
      showErrors({});
    } catch (error) {
      identityError(error);
    } finally {
      setIdentityBusy(false);
    }
  }

  async function verify() {
    if (!sent) return;
    if (!/^\d{6}$/.test(code.trim())) return showErrors({ code: t.t('errCode') });
    setIdentityBusy(true);
    try {
      const identity = await fetchRoute<typeof verifyEmailCodeEndpoint>(
        portal,
        verifyEmailCodeRoute,
        { params: { organizationId, verificationId: sent.verificationId }, body: { code: code.trim() } },
        { signal: alive.current.signal },
      );
      setVerified({ token: identity.identityToken, email: identity.email });
      setValues((before) => ({ ...before, email: identity.email }));
      setCode('');
      showErrors({});
    } catch (error) {
      if (kindOf(error) === 'problem' && (error as OtklikProblemError).code !== 'rate-limited')
        return showErrors({ code: t.t('badCode') });
      identityError(error);
    } finally {
      setIdentityBusy(false);
    }
  }

  function identityError(error: unknown) {
    if (alive.current.signal.aborted) return;
    const problem = error as OtklikProblemError;
    if (kindOf(error) === 'problem' && problem.code === 'rate-limited')
      return showErrors({}, t.t('rateLimited', { count: problem.retryAfter ?? 60 }));
    if (kindOf(error) === 'problem' && problem.issues.some((issue) => issue.path.endsWith('email')))
      return showErrors({ 'applicant.email': t.t('errEmail') });
    showErrors({}, t.t('networkError'));
  }

  if (receipt) return <Receipt t={t} receipt={receipt} />;

  const req = t.t('required');
  const text = (
    path: string,
    name: ApplicantField | 'code',
    rule: string,
    extra: Record<string, unknown> = {},
  ) =>
    rule !== 'hidden' && (
      <Field
        path={path}
        label={t.t(name)}
        required={rule === 'required'}
        error={errors[path]}
        requiredLabel={req}
        hint={extra.hint as string | undefined}
        control={(aria) => (
          <input
            {...aria}
            {...(extra.input as object)}
            value={name === 'code' ? code : values[name]}
            onInput={(event) => (name === 'code' ? setCode(valueOf(event)) : set(name, valueOf(event)))}
          />
        )}
      />
    );
  const left = profile.textMaxLength - values.text.length;
  const busy = phase === 'preparing' || phase === 'sending';
  const waitSeconds = Math.ceil((resendAt - now) / 1000);

  return (
    <form ref={form} class="box appeal" noValidate onSubmit={submit} aria-labelledby="appeal-title">
      <h2 id="appeal-title">{t.t('title')}</h2>
      <p class="muted">{t.t('intro')}</p>
      {summary && (
        <p class="alert" role="alert">
          {summary}
        </p>
      )}
      <fieldset>
        <legend>{t.t('applicant')}</legend>
        {text('applicant.surname', 'surname', profile.applicant.surname, {
          input: { autocomplete: 'family-name' },
        })}
        {text('applicant.firstName', 'firstName', profile.applicant.firstName, {
          input: { autocomplete: 'given-name' },
        })}
        {text('applicant.patronymic', 'patronymic', profile.applicant.patronymic, {
          input: { autocomplete: 'additional-name' },
        })}
        {text(
          'applicant.email',
          'email',
          profile.applicant.email === 'hidden' ? 'required' : profile.applicant.email,
          {
            hint: verified ? t.t('verified', { email: verified.email }) : t.t('emailHint'),
            input: {
              type: 'email',
              autocomplete: 'email',
              readOnly: !!verified,
            },
          },
        )}
        {identityNeeded && !verified && (
          <div class="group" role="group" aria-labelledby="identity-title">
            <p id="identity-title">
              <strong>{t.t('identity')}</strong>
              <br />
              {settings.identity.emailCode && <span class="muted">{t.t('identityIntro')}</span>}
            </p>
            {sent && settings.identity.emailCode && (
              <>
                <p role="status">{t.t('codeSent', { email: sent.email })}</p>
                {text('code', 'code', 'required', {
                  input: {
                    inputMode: 'numeric',
                    autocomplete: 'one-time-code',
                    maxLength: 6,
                    pattern: '[0-9]{6}',
                    // Enter checks the code; it must not submit the whole appeal.
                    onKeyDown: (event: KeyboardEvent) => {
                      if (event.key !== 'Enter') return;
                      event.preventDefault();
                      void verify();
                    },
                  },
                })}
              </>
            )}
            {settings.identity.emailCode && (
              <div class="row">
                {sent && (
                  <button type="button" class="primary" disabled={identityBusy} onClick={verify}>
                    {t.t('verify')}
                  </button>
                )}
                <button
                  type="button"
                  disabled={identityBusy || waitSeconds > 0}
                  aria-describedby={waitSeconds > 0 ? 'resend-wait' : undefined}
                  onClick={sendCode}
                >
                  {t.t(sent ? 'resend' : 'sendCode')}
                </button>
                {waitSeconds > 0 && (
                  <span id="resend-wait" class="hint">
                    {t.t('resendIn', { count: waitSeconds })}
                  </span>
                )}
              </div>
            )}
            {oidcProviders.length > 0 && (
              <>
                {settings.identity.emailCode && <p class="muted">{t.t('oidcOr')}</p>}
                <div class="row">
                  {oidcProviders.map((provider) => (
                    <button key={provider.id} type="button" onClick={() => oidcLogin(provider.id)}>
                      {t.t('oidcLogin', { name: provider.name })}
                    </button>
                  ))}
                </div>
                {oidcState !== 'idle' && (
                  <p role="status" class={oidcState === 'waiting' ? 'hint' : 'alert'}>
                    {t.t(
                      oidcState === 'waiting'
                        ? 'oidcWaiting'
                        : oidcState === 'blocked'
                          ? 'popupBlocked'
                          : 'oidcFailed',
                    )}
                  </p>
                )}
              </>
            )}
          </div>
        )}
        {text('applicant.postalAddress', 'postalAddress', profile.applicant.postalAddress, {
          input: { autocomplete: 'street-address' },
        })}
      </fieldset>

      {profile.collectiveAllowed && (
        <fieldset>
          <legend>{t.t('coAuthors')}</legend>
          {values.coAuthors.map((person, i) => (
            <fieldset key={i}>
              <legend>{t.t('coAuthor', { n: i + 1 })}</legend>
              {PERSON.map((name) => {
                const path = `coAuthors.${i}.${name}`;
                return (
                  <Field
                    key={name}
                    path={path}
                    label={t.t(name)}
                    required={name !== 'patronymic'}
                    error={errors[path]}
                    requiredLabel={req}
                    control={(aria) => (
                      <input
                        {...aria}
                        value={person[name]}
                        onInput={(event) => setCoAuthor(i, name, valueOf(event))}
                      />
                    )}
                  />
                );
              })}
              <div class="row">
                <button
                  type="button"
                  onClick={() =>
                    setValues((v) => ({ ...v, coAuthors: v.coAuthors.filter((_, j) => j !== i) }))
                  }
                >
                  {t.t('removeCoAuthor', { n: i + 1 })}
                </button>
              </div>
            </fieldset>
          ))}
          <div class="row">
            <button
              type="button"
              onClick={() =>
                setValues((v) => ({
                  ...v,
                  coAuthors: [...v.coAuthors, { surname: '', firstName: '', patronymic: '' }],
                }))
              }
            >
              {t.t('addCoAuthor')}
            </button>
          </div>
        </fieldset>
      )}

      <fieldset aria-describedby={errors.type ? 'f-type-error' : undefined}>
        <legend>
          {t.t('type')}
          <Marker label={req} />
        </legend>
        {profile.appealTypes.map((type, i) => (
          <label class="choice" key={type}>
            <input
              type="radio"
              name="type"
              value={type}
              id={i ? undefined : 'f-type'}
              required
              checked={values.type === type}
              aria-invalid={errors.type ? 'true' : undefined}
              onChange={() => set('type', type)}
            />
            {t.t(type)}
          </label>
        ))}
        {errors.type && (
          <p id="f-type-error" class="error">
            {errors.type}
          </p>
        )}
      </fieldset>

      {settings.topics.length > 0 && (
        <Field
          path="topicId"
          label={t.t('topic')}
          error={errors.topicId}
          requiredLabel={req}
          control={(aria) => (
            <select {...aria} value={values.topicId} onChange={(event) => set('topicId', valueOf(event))}>
              <option value="">{t.t('topicNone')}</option>
              {settings.topics.map((topic) => (
                <option key={topic.id} value={topic.id}>
                  {topic.name}
                </option>
              ))}
            </select>
          )}
        />
      )}

      <Field
        path="text"
        label={t.t('text')}
        required
        error={errors.text}
        requiredLabel={req}
        hint={
          <span class="count">
            {left >= 0
              ? t.t('left', { count: left, max: profile.textMaxLength })
              : t.t('over', { count: -left, max: profile.textMaxLength })}
          </span>
        }
        control={(aria) => (
          <textarea {...aria} value={values.text} onInput={(event) => set('text', valueOf(event))} />
        )}
      />

      {settings.attachments.maxFiles > 0 && (
        <Attachments
          t={t}
          rules={settings.attachments}
          baseUrl={portal.baseUrl}
          organizationId={organizationId}
          handle={files}
          disabled={busy}
        />
      )}

      <div class="field">
        <label class="choice">
          <input
            type="checkbox"
            id="f-consent"
            required
            checked={values.consent}
            aria-invalid={errors.consent ? 'true' : undefined}
            aria-describedby={errors.consent ? 'f-consent-error' : undefined}
            onChange={(event) => set('consent', (event.currentTarget as HTMLInputElement).checked)}
          />
          <span>
            {t.t('consent')}{' '}
            <a href={settings.consent.documentUrl} target="_blank" rel="noopener noreferrer">
              {settings.consent.title}
              <span class="sr"> {t.t('newTab')}</span>
            </a>
            <Marker label={req} />
          </span>
        </label>
        {errors.consent && (
          <p id="f-consent-error" class="error">
            {errors.consent}
          </p>
        )}
      </div>

      <div class="hp" aria-hidden="true">
        <label for="f-website">{t.t('website')}</label>
        <input
          id="f-website"
          name="website"
          tabIndex={-1}
          autocomplete="off"
          value={values.website}
          onInput={(event) => set('website', valueOf(event))}
        />
      </div>

      <div aria-live="polite" class="group">
        {busy && <p class="muted">{t.t(phase === 'preparing' ? 'preparing' : 'sending')}</p>}
        {message && (
          <p class="alert" role="alert">
            {message}
          </p>
        )}
      </div>
      <div class="row">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {t.t(phase === 'offline' && pending.current ? 'retry' : 'submit')}
        </button>
      </div>
    </form>
  );
}

function Receipt({ t, receipt }: { t: T; receipt: AppealReceipt }) {
  const link =
    receipt.trackingUrl ??
    `${location.href.split('#')[0]}#otklik-appeal=${receipt.appealId}.${receipt.accessSecret}`;
  const [copy, setCopy] = useState('');
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const onCopy = () =>
    navigator.clipboard.writeText(link).then(
      () => setCopy(t.t('copied')),
      () => setCopy(t.t('copyFailed')),
    );
  return (
    <section class="box appeal ok" aria-labelledby="receipt-title">
      <h2 id="receipt-title" ref={title} tabIndex={-1}>
        {t.t('receiptTitle')}
      </h2>
      <dl>
        <dt>{t.t('receiptNumber')}</dt>
        <dd class="number">{receipt.registrationNumber}</dd>
        <dt>{t.t('receiptDue')}</dt>
        <dd class="due">{t.t('receiptDueText', { date: dateText(t.lang, receipt.dueDate) })}</dd>
      </dl>
      <p>{t.t('receiptNext')}</p>
      <div class="field">
        <label for="f-link">{t.t('receiptLink')}</label>
        <input
          id="f-link"
          readOnly
          value={link}
          aria-describedby="f-link-hint"
          onFocus={(e) => e.currentTarget.select()}
        />
        <p id="f-link-hint" class="hint">
          {t.t('receiptLinkHint')}
        </p>
      </div>
      <div class="row">
        <button type="button" onClick={onCopy}>
          {t.t('copy')}
        </button>
        <span role="status">{copy}</span>
      </div>
    </section>
  );
}

export default defineWidget({
  name: 'appeal',
  component: AppealWidget,
  attributes,
  css,
  messages: formMessages,
});
