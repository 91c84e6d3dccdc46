import { EmailCodeRequest, EmailCodeVerification } from '@otklik/client/schemas';
import { useLocation } from 'preact-iso/router';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { toast } from '../kit/announcer.tsx';
import { Button } from '../kit/button.tsx';
import { type FormError, useForm } from '../kit/form.ts';
import { FormAlert } from '../kit/form-alert.tsx';
import { TextInput } from '../kit/inputs.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { paths } from '../routes.ts';
import { signInMessages } from './sign-in.messages.ts';

type Step = 'email' | 'code' | 'totp';
const STEPS: readonly Step[] = ['email', 'code', 'totp'];

/**
 * Staff sign-in: e-mail → one-time code → (when the organisation requires it) a TOTP code. Each step
 * validates with the contract's schemas (the applicants' e-mail-code mechanism, which staff sign-in
 * reuses).
 *
 * TODO(staff-sign-in): the staff endpoints of issue 10 are not in the contract yet. Wire each step to
 * them through `@otklik/client` (request the code, verify it, verify the TOTP code, then set the session
 * and go to the page the person came for), keep the step in component state instead of `?step=` (which
 * only previews the layouts), and take the staff schemas in place of the applicants'.
 */
export default function SignIn() {
  const { t } = useT(signInMessages);
  const { query } = useLocation();
  const step = STEPS.includes(query.step as Step) ? (query.step as Step) : 'email';
  const notWired = (): never => {
    throw new NotWired(t('notWired'));
  };
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <div class="narrow">
        {step === 'email' && <EmailStep onSubmit={notWired} />}
        {step === 'code' && <CodeStep onSubmit={notWired} />}
        {step === 'totp' && <TotpStep onSubmit={notWired} />}
      </div>
    </>
  );
}

/** Thrown by a step until it is wired: the form shows its text as the form's error. */
class NotWired extends Error {}

const asFormError = (error: unknown): FormError | null =>
  error instanceof NotWired ? { text: error.message } : null;

function EmailStep({ onSubmit }: { onSubmit: () => void }) {
  const { t } = useT(signInMessages);
  const form = useForm({
    schema: EmailCodeRequest,
    initial: { email: '', language: language.value },
    onSubmit,
    explain: asFormError,
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

function CodeStep({ onSubmit }: { onSubmit: () => void }) {
  const { t } = useT(signInMessages);
  const form = useForm({
    schema: EmailCodeVerification,
    initial: { code: '' },
    onSubmit,
    explain: asFormError,
    describe: () => t('codeInvalid'),
  });
  return (
    <form class="form" ref={form.ref} onSubmit={form.submit} noValidate aria-labelledby="sign-in-step">
      <h2 id="sign-in-step">{t('codeStep')}</h2>
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
        <Button variant="secondary" onClick={() => toast(t('notWired'))}>
          {t('resend')}
        </Button>
      </div>
      <p>
        <a href={paths.signIn}>{t('changeEmail')}</a>
      </p>
    </form>
  );
}

function TotpStep({ onSubmit }: { onSubmit: () => void }) {
  const { t } = useT(signInMessages);
  const form = useForm({
    schema: EmailCodeVerification,
    initial: { code: '' },
    onSubmit,
    explain: asFormError,
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
