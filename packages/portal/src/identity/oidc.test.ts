import { randomUUID } from 'node:crypto';
import { AppealReceipt, PowChallenge, Problem, WidgetSettings } from '@otklik/client/schemas';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../abuse/pow.ts';
import { createApp } from '../app.ts';
import { createKeyRing } from '../security/keys.ts';
import { DEMO_CONSENT } from '../seed/demo.ts';
import { pgliteBackend } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { browseToCallback, startOidcProvider } from '../testing/oidc-provider.ts';
import { oidcProvidersFromEnv } from './oidc.ts';
import { OIDC_PAGE_CSP, OIDC_SCRIPT_PATH } from './oidc-pages.ts';
import { readIdentityToken } from './tokens.ts';

const SITE = 'http://localhost:8788';
const PORTAL = 'http://portal.test';
const CALLBACK = `${PORTAL}/v1/identity/oidc/callback`;

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function postedMessage(html: string): { origin: string; message: Record<string, string> } | null {
  const match = /<div id="otklik-identity" hidden data-origin="([^"]*)" data-message="([^"]*)">/.exec(html);
  if (!match) return null;
  return { origin: unescape(match[1] ?? ''), message: JSON.parse(unescape(match[2] ?? '')) };
}

describe('OpenID Connect login against a real provider (oidc-provider)', () => {
  let app: ReturnType<typeof createApp>;
  const account = { email: 'Citizen@Example.org', verified: true };
  let idp: Awaited<ReturnType<typeof startOidcProvider>>;
  const keys = () => createKeyRing(db, 'test-secret');

  const db = useDemoDatabase(pgliteBackend, {
    setup: async () => {
      idp = await startOidcProvider(account, [CALLBACK]);
      await db.query(`INSERT INTO organization_oidc_providers VALUES ('demo-school', 'test-id')`);
      app = createApp({
        db,
        keys: keys(),
        pow: { maxNumber: 200 },
        publicUrl: PORTAL,
        oidc: {
          providers: oidcProvidersFromEnv(
            JSON.stringify([
              {
                id: 'test-id',
                name: 'Test ID',
                issuer: idp.issuer,
                clientId: idp.clientId,
                clientSecret: idp.clientSecret,
              },
              {
                id: 'other-id',
                name: 'Other',
                issuer: idp.issuer,
                clientId: idp.clientId,
                clientSecret: idp.clientSecret,
              },
            ]),
          ),
          allowInsecureRequests: true,
        },
      });
    },
  });
  afterAll(async () => {
    await idp?.close();
  });

  const start = (org: string, provider: string, returnOrigin: string) =>
    app.request(
      `/v1/organizations/${org}/identity/oidc/${provider}/start?returnOrigin=${encodeURIComponent(returnOrigin)}`,
    );
  const callback = (url: URL) => app.request(`${url.pathname}${url.search}`);
  async function login() {
    const res = await start('demo-school', 'test-id', SITE);
    expect(res.status).toBe(302);
    const authorize = new URL(res.headers.get('location') ?? '');
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('openid email');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK);
    return browseToCallback(authorize.href, CALLBACK);
  }

  it('lists only the providers the organisation enabled in the widget settings', async () => {
    const res = await app.request('/v1/organizations/demo-school/widget-settings');
    expect(res.status).toBe(200);
    const settings = v.parse(WidgetSettings, await res.json());
    expect(settings.appeals.identity.oidcProviders).toEqual([{ id: 'test-id', name: 'Test ID' }]);
    const other = v.parse(
      WidgetSettings,
      await (await app.request('/v1/organizations/demo-school-2/widget-settings')).json(),
    );
    expect(other.appeals.identity.oidcProviders).toEqual([]);
  });

  it('ends in a page that posts a valid identity token to the page origin, and that token files an appeal', async () => {
    const back = await login();
    const res = await callback(back);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(OIDC_PAGE_CSP);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).not.toMatch(/<script>/);
    expect(html).toContain(`<script src="${OIDC_SCRIPT_PATH}"></script>`);
    const posted = postedMessage(html);
    expect(posted?.origin).toBe(SITE);
    expect(posted?.message).toMatchObject({
      type: 'otklik:identity',
      email: 'citizen@example.org',
      method: 'oidc:test-id',
    });
    const token = posted?.message.identityToken ?? '';
    expect(await readIdentityToken(keys(), token)).toMatchObject({
      org: 'demo-school',
      email: 'citizen@example.org',
      method: 'oidc:test-id',
    });

    // The login is single-use: the same callback again is refused.
    expect((await callback(back)).status).toBe(400);

    const challenge = await app.request('/v1/organizations/demo-school/challenges', { method: 'POST' });
    const proofOfWork = solveChallenge(v.parse(PowChallenge, await challenge.json()));
    const filed = await app.request('/v1/organizations/demo-school/appeals', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        type: 'complaint',
        language: 'ru',
        applicant: { surname: 'Иванова', firstName: 'Мария', email: 'citizen@example.org' },
        text: 'Прошу разобраться с расписанием.',
        consent: { version: DEMO_CONSENT.version, accepted: true },
        identityToken: token,
        proofOfWork,
        pageUrl: `${SITE}/appeal.html`,
      }),
    });
    expect(filed.status).toBe(201);
    const receipt = v.parse(AppealReceipt, await filed.json());
    const [row] = await db.query<{ identity_method: string }>(
      'SELECT identity_method FROM appeals WHERE id = $1',
      [receipt.appealId],
    );
    expect(row?.identity_method).toBe('oidc:test-id');
  }, 30_000);

  it('refuses a tampered state', async () => {
    const back = await login();
    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
    const res = await callback(tampered);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(postedMessage(html)).toBeNull();
    expect(html).not.toContain('identityToken');
  }, 30_000);

  it('refuses a code replayed under another started login (state bound to its own PKCE and nonce)', async () => {
    const first = await login();
    const second = await login();
    const mixed = new URL(first);
    mixed.searchParams.set('state', second.searchParams.get('state') ?? '');
    const res = await callback(mixed);
    expect(res.status).toBe(400);
    expect(postedMessage(await res.text())?.message.type).toBe('otklik:identity-error');
  }, 30_000);

  it('refuses a foreign or malformed returnOrigin, and a provider the organisation did not enable', async () => {
    const foreign = await start('demo-school', 'test-id', 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(v.parse(Problem, await foreign.json()).code).toBe('origin-not-allowed');
    expect((await start('demo-school', 'test-id', `${SITE}/page`)).status).toBe(422);
    expect((await start('demo-school', 'other-id', SITE)).status).toBe(404);
    expect((await start('demo-school', 'nope', SITE)).status).toBe(404);
    expect((await start('no-such-org', 'test-id', SITE)).status).toBe(404);
  });

  it('refuses ids with a NUL or of the wrong shape with a 422 naming the parameter (a NUL reached PostgreSQL: 500)', async () => {
    for (const [org, provider, path] of [
      ['demo%00school', 'test-id', 'params.organizationId'],
      ['demo-school', '%00', 'params.providerId'],
      ['demo-school', 'Test_ID', 'params.providerId'],
    ] as const) {
      const res = await start(org, provider, SITE);
      expect(res.status, `${org} ${provider}`).toBe(422);
      expect(v.parse(Problem, await res.json()).issues?.[0]?.path).toBe(path);
    }
  });

  it("lets the portal's own rating page sign in for any organisation", async () => {
    const res = await start('demo-school', 'test-id', PORTAL);
    expect(res.status).toBe(302);
  });

  it('refuses an account whose e-mail the provider has not verified', async () => {
    account.verified = false;
    try {
      const res = await callback(await login());
      expect(res.status).toBe(400);
      const posted = postedMessage(await res.text());
      expect(posted?.message.type).toBe('otklik:identity-error');
      expect(JSON.stringify(posted)).not.toContain('identityToken');
    } finally {
      account.verified = true;
    }
  }, 30_000);

  it('serves the popup script as a static file', async () => {
    const res = await app.request(OIDC_SCRIPT_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toContain('postMessage(JSON.parse(message), origin)');
  });

  it('is off without configured providers', async () => {
    const off = createApp({ db, keys: keys(), publicUrl: PORTAL });
    expect(
      (await off.request(`/v1/organizations/demo-school/identity/oidc/test-id/start?returnOrigin=${SITE}`))
        .status,
    ).toBe(404);
    const settings = v.parse(
      WidgetSettings,
      await (await off.request('/v1/organizations/demo-school/widget-settings')).json(),
    );
    expect(settings.appeals.identity.oidcProviders).toEqual([]);
  });
});
