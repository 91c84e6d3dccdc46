/**
 * OpenID Connect login, a lazy chunk loaded only when the organisation offers providers: one button per
 * provider opens the portal's login in a popup, which answers with a message from the portal's origin.
 */

import type { Portal } from '@otklik/widget-core';
import type { T } from '../types.ts';

export type OidcState = 'idle' | 'waiting' | 'failed' | 'blocked';

/** Listens for the popup's answer; messages from any other origin are ignored. Returns the cleanup. */
export function listen(
  portal: Portal,
  onIdentity: (identity: { identityToken: string; email: string }) => void,
  onFailed: () => void,
): () => void {
  const portalOrigin = new URL(portal.baseUrl, location.href).origin;
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== portalOrigin) return;
    const data = event.data as Record<string, unknown> | null;
    if (data?.type === 'otklik:identity-error') return onFailed();
    if (data?.type !== 'otklik:identity') return;
    if (typeof data.identityToken !== 'string' || typeof data.email !== 'string') return;
    onIdentity(data as { identityToken: string; email: string });
  };
  window.addEventListener('message', onMessage);
  return () => window.removeEventListener('message', onMessage);
}

export interface OidcLoginProps {
  t: T;
  portal: Portal;
  organizationId: string;
  providers: { id: string; name: string }[];
  /** An e-mail code is offered too ("or"). */
  emailCode: boolean;
  state: OidcState;
  setState: (state: OidcState) => void;
}

/** The providers' login buttons and what the popup is doing. */
export function OidcLogin({
  t,
  portal,
  organizationId,
  providers,
  emailCode,
  state,
  setState,
}: OidcLoginProps) {
  function login(providerId: string) {
    const base = portal.baseUrl.replace(/\/+$/, '');
    const url =
      `${base}/v1/organizations/${encodeURIComponent(organizationId)}/identity/oidc/` +
      `${encodeURIComponent(providerId)}/start?returnOrigin=${encodeURIComponent(location.origin)}`;
    // Not `noopener`: the portal's page answers through `window.opener`.
    const popup = window.open(url, 'otklik-oidc', 'popup,width=520,height=680');
    setState(popup ? 'waiting' : 'blocked');
  }
  return (
    <>
      {emailCode && <p class="muted">{t.t('oidcOr')}</p>}
      <div class="row">
        {providers.map((provider) => (
          <button key={provider.id} type="button" onClick={() => login(provider.id)}>
            {t.t('oidcLogin', { name: provider.name })}
          </button>
        ))}
      </div>
      {state !== 'idle' && (
        <p role="status" class={state === 'waiting' ? 'hint' : 'alert'}>
          {t.t(state === 'waiting' ? 'oidcWaiting' : state === 'blocked' ? 'popupBlocked' : 'oidcFailed')}
        </p>
      )}
    </>
  );
}
