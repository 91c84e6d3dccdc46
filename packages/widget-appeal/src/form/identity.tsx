/**
 * The identity step: a one-time code sent to the e-mail, and/or the OpenID Connect providers' buttons
 * (a lazy chunk, present only when the organisation has providers).
 */
import type { AppealFormSettings } from '@otklik/client';
import type { Portal } from '@otklik/widget-core';
import type { T } from '../types.ts';
import { TextField } from './fields.tsx';
import type { Identity, Oidc } from './use-identity.ts';
import type { Errors } from './values.ts';

export interface IdentityStepProps {
  t: T;
  settings: AppealFormSettings;
  identity: Identity;
  oidc: Oidc | undefined;
  errors: Errors;
  portal: Portal;
  organizationId: string;
}

export function IdentityStep({
  t,
  settings,
  identity: id,
  oidc,
  errors,
  portal,
  organizationId,
}: IdentityStepProps) {
  const { emailCode, oidcProviders } = settings.identity;
  const { sent, waitSeconds } = id;
  return (
    <div class="group" role="group" aria-labelledby="identity-title">
      <p id="identity-title">
        <strong>{t.t('identity')}</strong>
        <br />
        {emailCode && <span class="muted">{t.t('identityIntro')}</span>}
      </p>
      {sent && emailCode && (
        <>
          <p role="status">{t.t('codeSent', { email: sent.email })}</p>
          <TextField
            t={t}
            path="code"
            name="code"
            rule="required"
            error={errors.code}
            value={id.code}
            onValue={id.setCode}
            input={{
              inputMode: 'numeric',
              autocomplete: 'one-time-code',
              maxLength: 6,
              pattern: '[0-9]{6}',
              // Enter checks the code; it must not submit the whole appeal.
              onKeyDown: (event: KeyboardEvent) => {
                if (event.key !== 'Enter') return;
                event.preventDefault();
                void id.verify();
              },
            }}
          />
        </>
      )}
      {emailCode && (
        <div class="row">
          {sent && (
            <button type="button" class="primary" disabled={id.busy} onClick={id.verify}>
              {t.t('verify')}
            </button>
          )}
          <button
            type="button"
            disabled={id.busy || waitSeconds > 0}
            aria-describedby={waitSeconds > 0 ? 'resend-wait' : undefined}
            onClick={id.sendCode}
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
      {oidc && (
        <oidc.OidcLogin
          t={t}
          portal={portal}
          organizationId={organizationId}
          providers={oidcProviders}
          emailCode={emailCode}
          state={id.oidcState}
          setState={id.setOidcState}
        />
      )}
    </div>
  );
}
