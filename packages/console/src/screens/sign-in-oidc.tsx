import { isOtklikError } from '@otklik/client';
import type { StaffOidcSignInCompletion } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { useT } from '../i18n/translate.ts';
import { isKnownReason, supportDetail, useRefusal } from '../kit/errors.ts';
import { SupportDetail } from '../kit/form-alert.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { paths } from '../routes.ts';
import { applySession } from '../session.ts';
import { signInMessages } from './sign-in.messages.ts';
import { isStatus, needsTotp, TotpStep, takeRememberedNext, useApi } from './sign-in.tsx';

type Callback = Omit<StaffOidcSignInCompletion, 'totp'>;
type SignInMessage = keyof (typeof signInMessages)['ru'];
type Status =
  | { step: 'checking' }
  | { step: 'totp' }
  | { step: 'failed'; text: SignInMessage; error?: unknown };

/** The parameters the provider put on this page's URL, or why there are none. */
function readCallback(query: Record<string, string>): Callback | 'cancelled' | 'missing' {
  if (query.error) return 'cancelled';
  const { state, code, iss } = query;
  if (!state || !code) return 'missing';
  return { state, code, ...(iss ? { iss } : {}) };
}

/** Whether the portal said why, with a reason the console has words for (they are more precise). */
const hasReason = (error: unknown) =>
  isOtklikError(error) && error.kind === 'problem' && isKnownReason(error.problem.reason);

/** Why the portal refused the sign-in, in the screen's words, for a refusal without a known reason. */
function refusalText(error: unknown): SignInMessage {
  if (!isOtklikError(error) || error.kind !== 'problem') return 'oidcFailed';
  if (error.status === 403) return error.problem.code === 'forbidden' ? 'oidcNoAccount' : 'oidcUnverified';
  if (error.status === 422) return 'oidcExpired';
  if (error.status === 429) return 'tooMany';
  if (error.status === 503) return 'oidcUnavailable';
  return 'oidcFailed';
}

/**
 * Where the portal's OpenID Connect provider sends staff back: the page hands the provider's answer to
 * the portal (which checks it and matches the person by the verified e-mail), asks for the
 * authenticator's code when the person has one, and goes on as the e-mail code sign-in does. The
 * answer's code leaves the address bar at once.
 */
export default function OidcSignIn() {
  const { t } = useT(signInMessages);
  const refusal = useRefusal();
  const { query, route } = useLocation();
  const callback = useSignal(readCallback(query));
  const status = useSignal<Status>({ step: 'checking' });
  const { api } = useApi();

  const finish = async (totp?: string) => {
    const params = callback.value;
    if (typeof params === 'string') return;
    const session = await (await api()).completeStaffOidcSignIn({
      ...params,
      ...(totp === undefined ? {} : { totp }),
    });
    applySession(session);
    route(takeRememberedNext());
  };

  useEffect(() => {
    history.replaceState(history.state, '', paths.signInOidc);
    const params = callback.value;
    if (typeof params === 'string') {
      status.value = { step: 'failed', text: params === 'cancelled' ? 'oidcCancelled' : 'oidcExpired' };
      return;
    }
    finish().catch((error: unknown) => {
      if (needsTotp(error)) {
        status.value = { step: 'totp' };
        return;
      }
      status.value = { step: 'failed', text: refusalText(error), error };
    });
  }, []);

  const current = status.value;
  const support = current.step === 'failed' ? supportDetail(current.error) : undefined;
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <div class="narrow">
        <div class="form-alert-slot" role="alert">
          {current.step === 'failed' && (
            <div class="form-alert">
              <p>{hasReason(current.error) ? refusal(current.error) : t(current.text)}</p>
              {support && <SupportDetail text={support} />}
            </div>
          )}
        </div>
        {current.step === 'checking' && <p role="status">{t('oidcChecking')}</p>}
        {current.step === 'totp' && (
          <TotpStep onSubmit={finish} explain={(e) => (isStatus(e, 429) ? { text: t('tooMany') } : null)} />
        )}
        {current.step === 'failed' && (
          <p>
            <a href={paths.signIn}>{t('oidcAgain')}</a>
          </p>
        )}
      </div>
    </>
  );
}
