/**
 * Staff sign-in with the portal's OpenID Connect provider, against a real provider (`oidc-provider`)
 * on a local port: the code flow with PKCE, state and nonce end to end, the person matched by the
 * verified e-mail (never created), the same session cookie and CSRF token as the e-mail code, the
 * authenticator's code where the person has one, and the audit log under the person's name.
 */
import { TOTP } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackends } from '../testing/backends.ts';
import { useDemoStaff } from '../testing/demo-staff.ts';
import { browseToCallback, startOidcProvider, type TestProvider } from '../testing/oidc-provider.ts';
import { refusalOf } from '../testing/refusal.ts';
import { STAFF_OIDC_CALLBACK_PATH, staffOidcProviderFromEnv } from './oidc-sign-in.ts';
import { staffHarness } from './staff-harness.ts';

const backends = await testBackends();
const PORTAL = 'http://127.0.0.1';
const CALLBACK = `${PORTAL}${STAFF_OIDC_CALLBACK_PATH}`;

describe.each(backends)('staff sign-in with OpenID Connect on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  const account = { email: 'Clerk@School.example', verified: true };
  let idp: TestProvider;
  const h = useDemoStaff(backend, {
    app: async () => {
      idp = await startOidcProvider(account, [CALLBACK]);
      const provider = staffOidcProviderFromEnv(
        JSON.stringify({
          id: 'region-id',
          name: 'Region ID',
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
        }),
      );
      if (provider === null) throw new Error('no provider');
      return { publicUrl: PORTAL, staffOidc: { provider, allowInsecureRequests: true } };
    },
  });
  // After the tests, before the database (hooks after them run last-registered first).
  afterAll(async () => {
    if (idp) await idp.close();
  });

  /** Starts a sign-in and walks the provider as a browser would: the callback's parameters. */
  async function throughProvider() {
    const started = await h.call('POST', '/v1/staff/oidc-sign-in');
    expect(started.status).toBe(200);
    const browser = (started.headers.get('Set-Cookie') ?? '').split(';')[0] as string;
    expect(started.headers.get('Set-Cookie')).toMatch(
      /^otklik-oidc-sign-in=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=600$/,
    );
    const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
    const authorize = new URL(authorizationUrl);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('state')).toBeTruthy();
    const back = await browseToCallback(authorizationUrl, CALLBACK);
    const body: Record<string, string> = {};
    for (const name of ['state', 'code', 'iss']) {
      const value = back.searchParams.get(name);
      if (value !== null) body[name] = value;
    }
    return { body, browser };
  }
  /** Finishes in the browser that started (its cookie, and any other it holds). */
  const complete = (
    callback: { body: object; browser: string },
    extra: { cookie?: string; totp?: string } = {},
  ) =>
    h.call('POST', '/v1/staff/oidc-sign-in/complete', {
      body: { ...callback.body, ...(extra.totp ? { totp: extra.totp } : {}) },
      cookie: [callback.browser, extra.cookie].filter(Boolean).join('; '),
    });

  test('the sign-in screen learns the provider’s name', async () => {
    const res = await h.call('GET', '/v1/staff/sign-in-methods');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ emailCode: true, oidc: { name: 'Region ID' } });
  });

  test('code flow → the person matched by the verified e-mail gets the e-mail code’s session', async () => {
    await h.addPerson('clerk@school.example', [['demo-school', 'coordinator']]);
    const stale = await h.signIn('clerk@school.example');
    const callback = await throughProvider();
    const res = await complete(callback, { cookie: stale.cookie });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(
      /^otklik-session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    // A new session, never the cookie the browser brought along.
    expect(setCookie.split(';')[0]).not.toBe(stale.cookie);
    const session = (await res.json()) as { csrfToken: string; person: { email: string } };
    expect(session.person.email).toBe('clerk@school.example');
    const cookie = setCookie.split(';')[0] as string;
    expect((await h.call('GET', '/v1/staff/appeals', { cookie })).status).toBe(200);
    // Writes need the CSRF token, as with the e-mail code.
    expect((await h.call('DELETE', '/v1/staff/session', { cookie })).status).toBe(403);
    const audit = await h.db.query<{ action: string; details: object | null }>(
      `SELECT a.action, a.details FROM audit_log a JOIN people p ON p.id = a.person_id
       WHERE p.email = 'clerk@school.example' AND a.organization_id = 'demo-school' AND a.action LIKE 'session.%'
       ORDER BY a.id`,
    );
    // The provider by its id and by the name people know it by, which the console shows.
    expect(audit.map((a) => [a.action, a.details])).toEqual([
      ['session.sign-in', { method: 'email-code' }],
      ['session.sign-in', { method: 'oidc:region-id', provider: 'Region ID' }],
    ]);
    expect((await h.call('DELETE', '/v1/staff/session', { cookie, csrf: session.csrfToken })).status).toBe(
      204,
    );

    // The callback is single use.
    const again = await complete(callback);
    expect(await refusalOf(again)).toEqual({
      status: 422,
      reason: 'oidc-sign-in-expired',
      issues: { 'body.state': 'oidc-sign-in-expired' },
    });
  }, 30_000);

  test('a tampered state, another sign-in’s code, or another browser is refused', async () => {
    const first = await throughProvider();
    const second = await throughProvider();
    const tampered = await complete({ ...first, body: { ...first.body, state: `${first.body.state}x` } });
    expect(tampered.status).toBe(422);
    // The second sign-in's state, in its own browser, with the first one's code (PKCE and nonce differ).
    const mixed = await complete({ ...second, body: { ...second.body, code: first.body.code } });
    expect(await refusalOf(mixed)).toMatchObject({ status: 422, reason: 'oidc-not-confirmed' });
    expect(mixed.headers.get('Set-Cookie')).toBeNull();
    // The first one's state and code in another browser (a link sent to someone): refused…
    const elsewhere = await complete({ ...first, browser: second.browser });
    expect(await refusalOf(elsewhere)).toMatchObject({ status: 422, reason: 'oidc-other-browser' });
    expect((await complete({ ...first, browser: '' })).status).toBe(422);
    // …while the browser that started it still finishes it.
    expect((await complete(first)).status).toBe(200);
  }, 30_000);

  test('an address without a staff account is refused clearly, and nobody is created', async () => {
    const [before] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
    account.email = 'stranger@example.org';
    try {
      const res = await complete(await throughProvider());
      expect(res.status).toBe(403);
      const problem = (await res.json()) as { code: string; reason: string; detail: string };
      expect(problem.code).toBe('forbidden');
      expect(problem.reason).toBe('no-staff-account');
      expect(problem.detail).toMatch(/No staff account uses stranger@example\.org/);
      expect(res.headers.get('Set-Cookie')).toBeNull();
    } finally {
      account.email = 'clerk@school.example';
    }
    const [after] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
    expect(after?.n).toBe(before?.n);
  }, 30_000);

  test('an e-mail the provider has not verified is refused', async () => {
    account.verified = false;
    try {
      const res = await complete(await throughProvider());
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'identity-required', reason: 'oidc-email-unverified' });
    } finally {
      account.verified = true;
    }
  }, 30_000);

  test('with an authenticator: its code is asked for, a wrong one is audited, the right one signs in', async () => {
    await h.addPerson('head@school.example', [['demo-school', 'administrator']]);
    const s = await h.signIn('head@school.example');
    const enrol = await h.call('POST', '/v1/staff/account/totp', { cookie: s.cookie, csrf: s.csrf });
    const { secret } = (await enrol.json()) as { secret: string };
    const totp = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' });
    const confirm = await h.call('POST', '/v1/staff/account/totp/confirm', {
      ...s,
      body: { code: totp.generate({ timestamp: h.clock.now.getTime() }) },
    });
    expect(confirm.status).toBe(204);

    account.email = 'head@school.example';
    try {
      const callback = await throughProvider();
      const asked = await complete(callback);
      expect(await refusalOf(asked)).toEqual({
        status: 422,
        reason: 'totp-code-missing',
        issues: { 'body.totp': 'totp-code-missing' },
      });
      const wrongCode =
        totp.generate({ timestamp: h.clock.now.getTime() }) === '123456' ? '654321' : '123456';
      const wrong = await complete(callback, { totp: wrongCode });
      expect(wrong.headers.get('Set-Cookie')).toBeNull();
      expect(await refusalOf(wrong)).toMatchObject({ status: 422, reason: 'totp-code-wrong' });
      // The confirming code is spent (accepted once): the authenticator's next one.
      const right = await complete(callback, {
        totp: totp.generate({ timestamp: h.clock.now.getTime() + 30_000 }),
      });
      expect(right.status).toBe(200);
      expect(right.headers.get('Set-Cookie')).toMatch(/^otklik-session=/);
    } finally {
      account.email = 'clerk@school.example';
    }
    const actions = await h.db.query<{ action: string; details: object | null }>(
      `SELECT a.action, a.details FROM audit_log a JOIN people p ON p.id = a.person_id
       WHERE p.email = 'head@school.example' AND a.action LIKE 'session.%' ORDER BY a.id`,
    );
    const throughRegionId = { method: 'oidc:region-id', provider: 'Region ID' };
    expect(actions.map((a) => [a.action, a.details])).toEqual([
      ['session.sign-in', { method: 'email-code' }],
      ['session.totp-failed', throughRegionId],
      ['session.sign-in', throughRegionId],
    ]);
  }, 30_000);

  test('five wrong authenticator codes end the sign-in (429)', async () => {
    account.email = 'head@school.example';
    try {
      const callback = await throughProvider();
      for (let i = 0; i < 5; i++) expect((await complete(callback, { totp: '000000' })).status).toBe(422);
      expect(await refusalOf(await complete(callback, { totp: '000000' }))).toEqual({
        status: 429,
        reason: 'too-many-wrong-codes',
      });
      expect((await complete(callback)).status).toBe(422);
    } finally {
      account.email = 'clerk@school.example';
    }
  }, 30_000);

  test('an organisation requiring a second factor: its roles count only once one is set up', async () => {
    await h.db.query(`INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, require_totp)
      VALUES ('strict-oidc', 'Strict', 'RU', 'ru-59fz', 'education', 'school', true)`);
    await h.addPerson('strict@school.example', [['strict-oidc', 'administrator']]);
    account.email = 'strict@school.example';
    try {
      const res = await complete(await throughProvider());
      expect(res.status).toBe(200);
      expect(((await res.json()) as { permissions: unknown }).permissions).toEqual({});
    } finally {
      account.email = 'clerk@school.example';
    }
  }, 30_000);

  test('from another origin: refused', async () => {
    const res = await h.call('POST', '/v1/staff/oidc-sign-in', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  test('without a configured provider: the methods say so, the endpoints are 404', async () => {
    const off = staffHarness(h.db);
    expect(await (await off.call('GET', '/v1/staff/sign-in-methods')).json()).toEqual({
      emailCode: true,
      oidc: null,
    });
    expect((await off.call('POST', '/v1/staff/oidc-sign-in')).status).toBe(404);
    expect(
      (await off.call('POST', '/v1/staff/oidc-sign-in/complete', { body: { state: 'x', code: 'y' } })).status,
    ).toBe(404);
  });

  test('the configuration is checked at start', () => {
    expect(staffOidcProviderFromEnv(undefined)).toBeNull();
    expect(staffOidcProviderFromEnv(' ')).toBeNull();
    expect(() => staffOidcProviderFromEnv('[]')).toThrow(/JSON object/);
    expect(() => staffOidcProviderFromEnv('{"id":"x","name":"X","issuer":"https://id.example"}')).toThrow(
      /OTKLIK_STAFF_OIDC_PROVIDER\.clientId/,
    );
  });
});
