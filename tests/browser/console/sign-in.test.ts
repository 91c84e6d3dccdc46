import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_OIDC_CALLBACK_PATH } from '../../../packages/portal/src/people/oidc-sign-in.ts';
import { createKeyRing } from '../../../packages/portal/src/security/keys.ts';
import { sealSecret } from '../../../packages/portal/src/security/secret-box.ts';
import { startOidcProvider, type TestProvider } from '../../../packages/portal/src/testing/oidc-provider.ts';
import { chromiumAvailable } from '../chromium.ts';
import { tabTo } from '../keyboard.ts';
import {
  type ConsoleHarness,
  checkScreen,
  forgetErrors,
  freeAddress,
  openConsole,
  startConsoleHarness,
} from './harness.ts';
import { fromOutbox, openSignedIn, signInByMailedCode } from './signing-in.ts';

/**
 * The console's sign-in in Chromium against the real portal (demo seed) and a real OpenID Connect
 * provider (`oidc-provider`) configured for staff: the authenticator step of the e-mail code sign-in,
 * "Sign in with …" through the provider, and the organisation switcher — each screen state through
 * `checkScreen` (axe, strict CSP, one h1, 320 and 375 px), the forms by keyboard.
 */
describe.skipIf(!chromiumAvailable())('console sign-in in Chromium', () => {
  const account = { email: 'oidc-clerk@school.example', verified: true };
  let idp: TestProvider;
  let h: ConsoleHarness;

  beforeAll(async () => {
    const address = await freeAddress();
    idp = await startOidcProvider(account, [`${address.publicUrl}${STAFF_OIDC_CALLBACK_PATH}`]);
    h = await startConsoleHarness({
      ...address,
      staffOidc: {
        provider: {
          id: 'region-id',
          name: 'Region ID',
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
        },
        allowInsecureRequests: true,
      },
    });
  });

  afterAll(async () => {
    await h?.close();
    await idp?.close();
  });

  /** A person with `roles`; with `totp`, an authenticator already set up (its generator returned). */
  async function person(email: string, roles: [string, string][], totp = false): Promise<TOTP | null> {
    const db = h.portal.db;
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO people (id, email) VALUES (gen_random_uuid(), $1)
       ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
      [email],
    );
    for (const [org, role] of roles) {
      await db.query(
        'INSERT INTO memberships (person_id, organization_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [row?.id, org, role],
      );
    }
    if (!totp) return null;
    const secret = new Secret({ size: 20 }).base32;
    await db.query('UPDATE people SET totp_secret = $2, totp_enabled_at = now() WHERE id = $1', [
      row?.id,
      await sealSecret(createKeyRing(db), 'totp-secret', secret),
    ]);
    return new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' });
  }

  async function reachHome(page: Page) {
    await page.locator('main h1', { hasText: /Добро пожаловать|Welcome/ }).waitFor();
  }

  it('the authenticator step: by keyboard, checked in each language at phone width', async () => {
    const totp = await person('totp-head@school.example', [['demo-school', 'administrator']], true);
    for (const [index, language] of (['ru', 'en'] as const).entries()) {
      const page = await openConsole(h, '/console/sign-in', { language, width: 375 });
      try {
        await signInByMailedCode(page, 'totp-head@school.example', fromOutbox(h), {
          keyboard: true,
          language,
        });
        const field = page.getByRole('textbox', {
          name: /Код из приложения-аутентификатора|Code from your authenticator app/,
        });
        await field.waitFor();
        // The portal's 422 asking for the second code is logged by Chromium: expected here.
        forgetErrors(page);
        await checkScreen(page, { label: `sign-in, authenticator step (${language})`, language });
        await tabTo(page, (f) => f.tag === 'input' && f.type === 'text');
        // An authenticator code is accepted once: the second sign-in types the authenticator's next one.
        await page.keyboard.type(totp?.generate({ timestamp: Date.now() + index * 30_000 }) ?? '');
        await page.keyboard.press('Enter');
        await reachHome(page);
      } finally {
        await page.context().close();
      }
    }
  }, 120_000);

  it('"Sign in with Region ID": through the real provider and back, signed in with the session cookie', async () => {
    await person('oidc-clerk@school.example', [['demo-school', 'coordinator']]);
    const page = await openConsole(h, '/console/sign-in?next=/console/queue');
    try {
      const button = page.getByRole('button', { name: 'Войти через Region ID' });
      await button.waitFor();
      await checkScreen(page, { label: 'sign-in with the provider offered' });
      await tabTo(page, (f) => f.tag === 'button' && f.text === 'Войти через Region ID');
      await page.keyboard.press('Enter');
      // The provider logs the test account in at once and sends the browser back to the console.
      await page.locator('main h1', { hasText: 'Очередь' }).waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).pathname).toBe('/console/queue');
      const cookies = await page.context().cookies(h.portal.url);
      expect(cookies.find((c) => c.name === 'otklik-session')).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
      });
      const [row] = await h.portal.db.query<{ details: { method: string } }>(
        `SELECT a.details FROM audit_log a JOIN people p ON p.id = a.person_id
         WHERE p.email = 'oidc-clerk@school.example' AND a.action = 'session.sign-in' ORDER BY a.id DESC LIMIT 1`,
      );
      expect(row?.details.method).toBe('oidc:region-id');
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('an address without a staff account is told so, and nobody is created', async () => {
    account.email = 'nobody@example.org';
    const page = await openConsole(h, '/console/sign-in');
    try {
      await page.getByRole('button', { name: 'Войти через Region ID' }).click();
      await page.getByText('Для этого адреса нет учётной записи сотрудника', { exact: false }).waitFor({
        timeout: 30_000,
      });
      expect(new URL(page.url()).search).toBe('');
      // The portal's 403 is logged by Chromium: expected here.
      forgetErrors(page);
      await checkScreen(page, { label: 'provider sign-in refused' });
      const [count] = await h.portal.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM people WHERE email = 'nobody@example.org'`,
      );
      expect(count?.n).toBe(0);
    } finally {
      account.email = 'oidc-clerk@school.example';
      await page.context().close();
    }
  }, 120_000);

  it('the organisation switcher: keyboard at 375 px, and the screen follows the chosen organisation', async () => {
    await person('two-schools@school.example', [
      ['demo-school', 'administrator'],
      ['demo-school-2', 'administrator'],
    ]);
    const page = await openSignedIn(h, 'two-schools@school.example', '/console/audit-log', { width: 375 });
    try {
      const select = page.getByRole('combobox', { name: 'Организация' });
      await select.waitFor();
      expect(await select.locator('option').allInnerTexts()).toHaveLength(2);
      await page.getByRole('table').waitFor();
      await checkScreen(page, { label: 'organisation switcher' });
      const first = await select.inputValue();
      await tabTo(page, (f) => f.tag === 'select');
      const reloaded = page.waitForResponse((res) => /\/organizations\/[\w-]+\/audit-log/.test(res.url()));
      await page.keyboard.press(first === 'demo-school' ? 'ArrowDown' : 'ArrowUp');
      const response = await reloaded;
      const chosen = await select.inputValue();
      expect(chosen).not.toBe(first);
      expect(response.url()).toContain(`/organizations/${chosen}/audit-log`);
      expect(new URL(page.url()).pathname).toBe('/console/audit-log');
      await page.getByRole('table').waitFor();
      await checkScreen(page, { label: 'organisation switched' });
      // The choice stays after a reload.
      await page.reload();
      await select.waitFor();
      expect(await select.inputValue()).toBe(chosen);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
