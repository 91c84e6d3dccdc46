import type { TotpEnrolment } from '@otklik/client/schemas';
import { TotpCode } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { useT } from '../i18n/translate.ts';
import { toast } from '../kit/announcer.tsx';
import { Button } from '../kit/button.tsx';
import { useForm } from '../kit/form.ts';
import { FormAlert } from '../kit/form-alert.tsx';
import { TextInput } from '../kit/inputs.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { paths } from '../routes.ts';
import { applySession, serverSession, signOut } from '../session.ts';
import { loadApi, SignedIn } from './access-kit.tsx';
import { accountMessages } from './account.messages.ts';
import { MailPreferences } from './desk-card/mail-preferences.tsx';

/** The person's own account: the authenticator (second factor), signing out here or everywhere. */
export default function Account() {
  const { t } = useT(accountMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <SignedIn>{() => <AccountBody />}</SignedIn>
    </>
  );
}

function AccountBody() {
  const { t } = useT(accountMessages);
  const { route } = useLocation();
  const enrolment = useSignal<TotpEnrolment | null>(null);
  const enabled = serverSession.value?.person.totpEnabled ?? false;
  const refresh = async () => applySession(await (await loadApi()).getStaffSession());
  const form = useForm({
    schema: TotpCode,
    initial: { code: '' },
    onSubmit: async (values) => {
      const api = await loadApi();
      await (enabled ? api.disableTotp(values) : api.confirmTotp(values));
      toast(enabled ? t('disabled') : t('enabled'), 'success');
      enrolment.value = null;
      form.reset({ code: '' });
      await refresh();
    },
  });
  const out = async (everywhere: boolean) => {
    await signOut(everywhere);
    toast(t('signedOut'), 'success');
    route(paths.signIn);
  };
  return (
    <>
      <section class="panel" aria-labelledby="account-totp">
        <h2 id="account-totp">{t('totpTitle')}</h2>
        {/* While setting it up, what to do with the QR code instead of "it is off". */}
        <p>{enrolment.value ? t('steps') : enabled ? t('totpOn') : t('totpOff')}</p>
        {!enabled && enrolment.value === null && (
          <Button
            variant="secondary"
            onClick={async () => {
              enrolment.value = await (await loadApi()).startTotpEnrolment();
            }}
          >
            {t('start')}
          </Button>
        )}
        {enrolment.value && <EnrolmentQr uri={enrolment.value.uri} label={t('qr')} />}
        {enrolment.value && (
          <dl>
            <dt>{t('secret')}</dt>
            <dd>
              {/* In groups of four, as the apps show keys: easier to type without a slip. */}
              <code class="account-secret">{enrolment.value.secret.replace(/(.{4})(?=.)/g, '$1 ')}</code>
            </dd>
            <dt>{t('uri')}</dt>
            <dd>
              <a href={enrolment.value.uri}>{t('uri')}</a>
            </dd>
          </dl>
        )}
        {(enabled || enrolment.value) && (
          <form
            class="form narrow"
            ref={form.ref}
            onSubmit={form.submit}
            noValidate
            aria-labelledby="account-totp"
          >
            <FormAlert error={form.formError} />
            <TextInput
              {...form.field('code')}
              label={t('code')}
              hint={enrolment.value ? t('secretHint') : undefined}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
            />
            <div class="form-actions">
              <Button
                type="submit"
                variant={enabled ? 'danger' : 'primary'}
                busy={form.busy.value}
                busyLabel={t('saving')}
              >
                {enabled ? t('disable') : t('confirm')}
              </Button>
            </div>
          </form>
        )}
      </section>
      <MailPreferences />
      <section class="panel" aria-labelledby="account-sign-out">
        <h2 id="account-sign-out">{t('everywhereTitle')}</h2>
        <p>{t('everywhereText')}</p>
        <div class="form-actions">
          <Button variant="secondary" onClick={() => void out(false)}>
            {t('signOut')}
          </Button>
          <Button variant="danger" onClick={() => void out(true)}>
            {t('everywhere')}
          </Button>
        </div>
      </section>
    </>
  );
}

/** The enrolment's `otpauth://` URI as a QR code for the authenticator app (drawn on first use). */
function EnrolmentQr({ uri, label }: { uri: string; label: string }) {
  const image = useSignal<{ path: string; size: number } | null>(null);
  useEffect(() => {
    let live = true;
    void import('./totp-qr.ts').then(({ qrPath }) => {
      if (live) image.value = qrPath(uri);
    });
    return () => {
      live = false;
    };
  }, [uri]);
  const qr = image.value;
  if (qr === null) return null;
  return (
    <svg
      class="account-qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      width="200"
      height="200"
      shape-rendering="crispEdges"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}
