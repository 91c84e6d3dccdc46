import { isOtklikError } from '@otklik/client';
import { StaffSignInRequest, TotpCode } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { toast } from '../kit/announcer.tsx';
import { Button } from '../kit/button.tsx';
import { type FormError, useForm } from '../kit/form.ts';
import { FormAlert } from '../kit/form-alert.tsx';
import { TextInput } from '../kit/inputs.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { BASE, paths } from '../routes.ts';
import { applySession, session } from '../session.ts';
import { signInMessages } from './sign-in.messages.ts';
import { SignedInAlready } from './signed-in-already.tsx';

type Step = 'email' | 'code' | 'totp';

/** Whether the portal asked for the authenticator's code (a 422 issue on `body.totp`). */
export const needsTotp = (error: unknown) =>
  isOtklikError(error) &&
  error.kind === 'problem' &&
  (error.problem.issues ?? []).some((issue) => issue.path === 'body.totp');

export const isStatus = (error: unknown, status: number) =>
  isOtklikError(error) && error.kind === 'problem' && error.status === status;

/** Where a sign-in through the OpenID Connect provider returns to once done (kept across the redirect). */
const NEXT_KEY = 'otklik-console-sign-in-next';

/** Where to go after signing in: `next` if it is a console path, else home. */
export const afterSignIn = (next: unknown) =>
  typeof next === 'string' && next.startsWith(`${BASE}/`) ? next : paths.home;

/** The `next` remembered before leaving for the provider (read once). */
export function takeRememberedNext(): string {
  try {
    const next = sessionStorage.getItem(NEXT_KEY);
    sessionStorage.removeItem(NEXT_KEY);
    return afterSignIn(next);
  } catch {
    return paths.home;
  }
}

/**
 * Staff sign-in: e-mail → one-time code → (when the person set up an authenticator) its code. The
 * portal answers the same for every address, so the code step follows whatever the address. On
 * success the session is taken and the person goes where they came for (`?next=`) or home. Where the
 * portal configures an OpenID Connect provider for staff, a button signs in through it instead.
 */
export default function SignIn() {
  const { t } = useT(signInMessages);
  const { query, route } = useLocation();
  const step = useSignal<Step>('email');
  const email = useSignal(typeof query.email === 'string' ? query.email : '');
  const signInId = useSignal('');
  const code = useSignal('');
  const { api } = useApi();

  const start = async (address: string) => {
    const started = await (await api()).requestStaffSignIn({ email: address, language: language.value });
    email.value = address;
    signInId.value = started.signInId;
    step.value = 'code';
  };
  const finish = async (totp?: string) => {
    const session = await (await api()).verifyStaffSignIn(signInId.value, {
      code: code.value,
      ...(totp === undefined ? {} : { totp }),
    });
    applySession(session);
    route(afterSignIn(query.next));
  };
  const provider = useSignal<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api()
      .then((client) => client.getStaffSignInMethods({ signal: controller.signal }))
      .then((methods) => {
        provider.value = methods.oidc?.name ?? null;
      })
      // Without the answer the e-mail code still works: the button is simply not offered.
      .catch(() => {});
    return () => controller.abort();
  }, []);
  const tooMany = (error: unknown): FormError | null =>
    isStatus(error, 429) ? { text: t('tooMany') } : null;

  // Signed in already (not just now, by this form: it goes on from its later steps).
  const signedIn = step.value === 'email' ? session.value : null;
  if (signedIn !== null)
    return (
      <>
        <PageHeader title={t('title')} />
        <div class="narrow">
          <SignedInAlready current={signedIn} />
        </div>
      </>
    );
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <div class="narrow">
        {step.value === 'email' && <EmailStep initial={email.value} onSubmit={start} explain={tooMany} />}
        {step.value === 'email' && provider.value !== null && (
          <OidcButton
            name={provider.value}
            onStart={async () => {
              const started = await (await api()).startStaffOidcSignIn();
              try {
                sessionStorage.setItem(NEXT_KEY, afterSignIn(query.next));
              } catch {
                // Storage off: the person lands on the home screen instead.
              }
              location.assign(started.authorizationUrl);
            }}
          />
        )}
        {step.value === 'code' && (
          <CodeStep
            email={email.value}
            onSubmit={async (value) => {
              code.value = value;
              try {
                await finish();
              } catch (error) {
                if (!needsTotp(error)) throw error;
                step.value = 'totp';
              }
            }}
            onResend={async () => {
              try {
                await start(email.value);
                toast(t('resent'));
              } catch (error) {
                toast(isStatus(error, 429) ? t('tooMany') : t('resendFailed'));
              }
            }}
            onChangeEmail={() => {
              step.value = 'email';
            }}
            explain={tooMany}
          />
        )}
        {step.value === 'totp' && <TotpStep onSubmit={finish} explain={tooMany} />}
      </div>
    </>
  );
}

/** "Sign in with {provider}": leaves for the provider's login page; says so when it does not answer. */
function OidcButton({ name, onStart }: { name: string; onStart: () => Promise<void> }) {
  const { t } = useT(signInMessages);
  const busy = useSignal(false);
  const failed = useSignal(false);
  return (
    <section class="sign-in-alternative" aria-labelledby="sign-in-oidc">
      <h2 id="sign-in-oidc">{t('oidcOr')}</h2>
      <div class="form-alert-slot" role="alert">
        {failed.value && (
          <div class="form-alert">
            <p>{t('oidcUnavailable')}</p>
          </div>
        )}
      </div>
      <Button
        variant="secondary"
        busy={busy.value}
        busyLabel={t('oidcLeaving')}
        onClick={async () => {
          busy.value = true;
          failed.value = false;
          try {
            await onStart();
          } catch {
            failed.value = true;
            busy.value = false;
          }
        }}
      >
        {t('oidcButton', { name })}
      </Button>
    </section>
  );
}

/** The console's client, loaded with the first call (its schemas stay out of the first screen). */
export function useApi() {
  return { api: () => import('../api.ts').then((module) => module.api) };
}

function EmailStep({
  initial,
  onSubmit,
  explain,
}: {
  initial: string;
  onSubmit: (email: string) => Promise<void>;
  explain: (error: unknown) => FormError | null;
}) {
  const { t } = useT(signInMessages);
  const form = useForm({
    schema: StaffSignInRequest,
    initial: { email: initial, language: language.value },
    onSubmit: (values) => onSubmit(values.email),
    explain,
  });
  return (
    <form class="form" ref={form.ref} onSubmit={form.submit} noValidate aria-labelledby="sign-in-step">
      <h2 id="sign-in-step">{t('emailStep')}</h2>
      <FormAlert error={form.formError} />
      <TextInput
        {...form.field('email')}
        label={t('emailLabel')}
        hint={t('emailHint')}
        type="email"
        autoComplete="email"
        spellcheck={false}
        required
      />
      <div class="form-actions">
        <Button type="submit" busy={form.busy.value} busyLabel={t('sending')}>
          {t('sendCode')}
        </Button>
      </div>
    </form>
  );
}

function CodeStep({
  email,
  onSubmit,
  onResend,
  onChangeEmail,
  explain,
}: {
  email: string;
  onSubmit: (code: string) => Promise<void>;
  onResend: () => Promise<void>;
  onChangeEmail: () => void;
  explain: (error: unknown) => FormError | null;
}) {
  const { t } = useT(signInMessages);
  const form = useForm({
    schema: TotpCode,
    initial: { code: '' },
    onSubmit: (values) => onSubmit(values.code),
    explain,
    describe: () => t('codeInvalid'),
  });
  return (
    <form class="form" ref={form.ref} onSubmit={form.submit} noValidate aria-labelledby="sign-in-step">
      <h2 id="sign-in-step">{t('codeStep')}</h2>
      <p>{t('codeSent', { email })}</p>
      <FormAlert error={form.formError} />
      <TextInput
        {...form.field('code')}
        label={t('codeLabel')}
        hint={t('codeHint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        required
      />
      <div class="form-actions">
        <Button type="submit" busy={form.busy.value} busyLabel={t('checking')}>
          {t('signIn')}
        </Button>
        <Button variant="secondary" onClick={() => void onResend()}>
          {t('resend')}
        </Button>
      </div>
      <p>
        <Button variant="secondary" onClick={onChangeEmail}>
          {t('changeEmail')}
        </Button>
      </p>
    </form>
  );
}

export function TotpStep({
  onSubmit,
  explain,
}: {
  onSubmit: (totp: string) => Promise<void>;
  explain: (error: unknown) => FormError | null;
}) {
  const { t } = useT(signInMessages);
  const form = useForm({
    schema: TotpCode,
    initial: { code: '' },
    onSubmit: (values) => onSubmit(values.code),
    // The portal reports a wrong authenticator code on `body.totp`: shown beside this field.
    explain: (error) => {
      if (needsTotp(error)) return { text: t('totpInvalid') };
      return explain(error);
    },
    describe: () => t('totpInvalid'),
  });
  return (
    <form class="form" ref={form.ref} onSubmit={form.submit} noValidate aria-labelledby="sign-in-step">
      <h2 id="sign-in-step">{t('totpStep')}</h2>
      <FormAlert error={form.formError} />
      <TextInput
        {...form.field('code')}
        label={t('totpLabel')}
        hint={t('totpHint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        required
      />
      <div class="form-actions">
        <Button type="submit" busy={form.busy.value} busyLabel={t('checking')}>
          {t('confirm')}
        </Button>
      </div>
    </form>
  );
}
