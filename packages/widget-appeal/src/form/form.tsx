/** The appeal form: the citizen's details, the identity step, the appeal itself, files and consent. */
import type { AppealFormSettings, AppealReceipt } from '@otklik/client';
import { portalOf } from '@otklik/widget-core';
import type { Verified } from '@otklik/widget-core/identity';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Attachments, type AttachmentsHandle } from '../attachments.tsx';
import type { IdentityModule, Props, T } from '../types.ts';
import { clearDraft, saveDraft, withDraft } from './draft.ts';
import {
  AppealLanguage,
  AppealText,
  CoAuthors,
  Consent,
  Honeypot,
  type SetValue,
  TextField,
  Topic,
  TypeChoice,
} from './fields.tsx';
import { useSubmission } from './use-submission.ts';
import type { Errors } from './values.ts';

export interface FormProps extends Props {
  t: T;
  settings: AppealFormSettings;
  /** The identity step's chunk, loaded when the organisation requires an identity. */
  identity?: IdentityModule | undefined;
  onFiled: (receipt: AppealReceipt) => void;
}

export function Form(props: FormProps) {
  const { t, settings, config, host, lang, options, identity } = props;
  const { profile } = settings;
  const portal = portalOf(config);
  const organizationId = options.org;
  const [values, setValues] = useState(() => withDraft(organizationId));
  const [errors, setErrors] = useState<Errors>({});
  const [summary, setSummary] = useState('');
  const [focusTick, setFocusTick] = useState(0);
  const [verified, setVerified] = useState<Verified | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const alive = useRef(new AbortController());
  const files = useRef<AttachmentsHandle | null>(null);
  const { signal } = alive.current;
  useEffect(() => () => alive.current.abort(), []);
  const filed = useRef(false);
  useEffect(() => {
    if (!filed.current) saveDraft(organizationId, values);
  }, [values]);

  const showErrors = (found: Errors, general?: string) => {
    setErrors(found);
    const count = Object.keys(found).length;
    setSummary(general ?? (count ? t.t('errSummary', { count }) : ''));
    setFocusTick((tick) => tick + 1);
  };
  useLayoutEffect(() => {
    if (!focusTick) return;
    (form.current?.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
  }, [focusTick]);

  const set: SetValue = (name, value) => {
    setValues((before) => ({ ...before, [name]: value }));
    if (errors[name] || errors[`applicant.${name}`]) {
      const { [name]: _a, [`applicant.${name}`]: _b, ...rest } = errors;
      setErrors(rest);
    }
  };

  // The confirmed address is the applicant's, locked; the focus goes to it (the step's controls go).
  const confirmed = (identity: Verified) => {
    setVerified(identity);
    set('email', identity.email);
  };
  useLayoutEffect(() => {
    if (verified) form.current?.querySelector<HTMLInputElement>('#f-applicant-email')?.focus();
  }, [verified]);

  const unverified = !!identity && !verified;
  const { phase, busy, message, retry, submit } = useSubmission({
    t,
    portal,
    organizationId,
    signal,
    settings,
    lang,
    showErrors,
    form,
    host,
    values,
    verified,
    unverified,
    files,
    onFiled: (receipt) => {
      filed.current = true;
      clearDraft(organizationId);
      props.onFiled(receipt);
    },
  });

  const fields = { t, values, errors, set };
  const applicant = (
    name: 'surname' | 'firstName' | 'patronymic' | 'postalAddress',
    autocomplete: string,
  ) => (
    <TextField
      t={t}
      path={`applicant.${name}`}
      name={name}
      rule={profile.applicant[name]}
      error={errors[`applicant.${name}`]}
      value={values[name]}
      onValue={(value) => set(name, value)}
      input={{ autocomplete }}
    />
  );

  return (
    <form ref={form} class="box appeal" noValidate onSubmit={submit} aria-labelledby="appeal-title">
      <h2 id="appeal-title">{t.t('title')}</h2>
      <p class="muted">{t.t('intro')}</p>
      <p class="hint draft">{t.t('draftNote')}</p>
      {summary && (
        <p class="alert" role="alert">
          {summary}
        </p>
      )}
      <fieldset>
        <legend>{t.t('applicant')}</legend>
        {applicant('surname', 'family-name')}
        {applicant('firstName', 'given-name')}
        {applicant('patronymic', 'additional-name')}
        <TextField
          t={t}
          path="applicant.email"
          name="email"
          rule={profile.applicant.email === 'hidden' ? 'required' : profile.applicant.email}
          error={errors['applicant.email']}
          value={values.email}
          onValue={(value) => set('email', value)}
          hint={verified ? t.t('verified', { email: verified.email }) : t.t('emailHint')}
          input={{ type: 'email', autocomplete: 'email', readOnly: !!verified }}
        />
        {identity && unverified && (
          <identity.IdentityStep
            lang={lang}
            portal={portal}
            organizationId={organizationId}
            methods={settings.identity}
            purpose="appeal"
            required
            email={{ value: values.email, error: (text) => showErrors({ 'applicant.email': text }) }}
            verified={verified}
            onVerified={confirmed}
            signal={signal}
          />
        )}
        {applicant('postalAddress', 'street-address')}
      </fieldset>

      {profile.collectiveAllowed && <CoAuthors t={t} values={values} errors={errors} setValues={setValues} />}
      <TypeChoice {...fields} types={profile.appealTypes} />
      {settings.topics.length > 0 && <Topic {...fields} topics={settings.topics} />}
      <AppealLanguage t={t} values={values} set={set} languages={settings.languages} lang={lang} />
      <AppealText {...fields} max={profile.textMaxLength} />

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

      <Consent {...fields} consent={settings.consent} />
      <Honeypot {...fields} />

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
          {t.t(retry ? 'retry' : 'submit')}
        </button>
      </div>
    </form>
  );
}
