import { OrganizationId } from '@otklik/client/schemas';
import * as v from 'valibot';
import type { IntakeGuard } from '../abuse/intake-guard.ts';
import { parseRequest } from '../http/body.ts';
import type { Router } from '../http/endpoint.ts';
import { send } from '../http/headers.ts';
import { ProblemError } from '../http/problem.ts';
import { toHonoPath } from '../http/route-registry.ts';
import { OIDC_CALLBACK_PATH, type OidcLogin, OidcLoginError, PROVIDER_ID } from './oidc.ts';

export const OIDC_SCRIPT_PATH = '/v1/identity/oidc/complete.js';
/** Opened by the widget in a popup; redirects to the provider. */
export const OIDC_START_PATH = '/v1/organizations/{organizationId}/identity/oidc/{providerId}/start';
const START_PATH = toHonoPath(OIDC_START_PATH);

/** The callback page runs no inline script: only the static file below, from the portal itself. */
export const OIDC_PAGE_CSP =
  "default-src 'none'; script-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Posts the identity to the page that opened the popup, to that page's recorded origin only (the
 * browser drops the message if the opener has since navigated elsewhere), then closes the popup.
 */
export const OIDC_COMPLETE_SCRIPT = `(function () {
  var el = document.getElementById('otklik-identity');
  if (!el) return;
  var origin = el.getAttribute('data-origin');
  var message = el.getAttribute('data-message');
  if (!origin || !message || !window.opener) return;
  window.opener.postMessage(JSON.parse(message), origin);
  window.close();
})();
`;

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

function page(title: string, text: string, origin: string | null, message: unknown): string {
  const data =
    origin === null
      ? ''
      : `<div id="otklik-identity" hidden data-origin="${escapeHtml(origin)}" data-message="${escapeHtml(
          JSON.stringify(message),
        )}"></div>`;
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title></head>
<body><p>${escapeHtml(text)}</p>${data}<script src="${OIDC_SCRIPT_PATH}"></script></body></html>
`;
}

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': OIDC_PAGE_CSP,
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};

const StartParams = v.object({
  organizationId: OrganizationId,
  providerId: v.pipe(v.string(), v.regex(PROVIDER_ID, 'Not a provider id')),
});

/** The three routes of an OpenID Connect login (outside the contract: they are navigations in a popup). */
export function registerOidcPages(
  router: Router,
  login: OidcLogin,
  guard: IntakeGuard = async () => {},
): void {
  router.get(START_PATH, async (c) => {
    // Checked like an endpoint's: a NUL in an id reached PostgreSQL (a 500).
    const { organizationId, providerId } = parseRequest('params', StartParams, c.req.param());
    const returnOrigin = c.req.query('returnOrigin') ?? '';
    let parsed: string | null = null;
    try {
      parsed = new URL(returnOrigin).origin;
    } catch {}
    if (parsed === null || parsed === 'null' || parsed !== returnOrigin) {
      throw new ProblemError(422, 'validation-failed', 'Invalid query', [
        { path: 'query.returnOrigin', message: 'The origin of the page the widget is on' },
      ]);
    }
    await guard(c, 'oidc-start', organizationId);
    const url = await login.start(organizationId, providerId, returnOrigin);
    return send(c, null, 302, {
      Location: url.href,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
  });

  router.get(OIDC_CALLBACK_PATH, async (c) => {
    const query = new URL(c.req.url).search.slice(1);
    try {
      const { returnOrigin, identity } = await login.callback(query);
      return send(
        c,
        page('Вход выполнен', 'Вход выполнен. Это окно можно закрыть.', returnOrigin, {
          type: 'otklik:identity',
          identityToken: identity.identityToken,
          email: identity.email,
          method: identity.method,
          expiresAt: identity.expiresAt,
        }),
        200,
        PAGE_HEADERS,
      );
    } catch (error) {
      if (!(error instanceof OidcLoginError)) throw error;
      return send(
        c,
        page('Вход не выполнен', `Вход не выполнен: ${error.message}.`, error.returnOrigin, {
          type: 'otklik:identity-error',
          message: error.message,
        }),
        error.status,
        PAGE_HEADERS,
      );
    }
  });

  router.get(OIDC_SCRIPT_PATH, (c) =>
    send(c, OIDC_COMPLETE_SCRIPT, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );
}
