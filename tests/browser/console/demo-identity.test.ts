import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHomePage } from '../../../packages/portal/src/demo/home-page.ts';
import {
  demoIdentityOptions,
  offerDemoIdentity,
  startDemoIdentity,
} from '../../../packages/portal/src/demo/identity.ts';
import type { DemoOidcProvider } from '../../../packages/portal/src/demo/oidc-provider.ts';
import { chromiumAvailable } from '../chromium.ts';
import { focused, tabTo } from '../keyboard.ts';
import {
  type ConsoleHarness,
  checkScreen,
  freeAddress,
  openConsole,
  startConsoleHarness,
} from './harness.ts';

/**
 * The demo's own provider, "Demo ID", in Chromium: from the console's "Войти через Demo ID" to its
 * login page (checked like a console screen: axe, CSP, one h1, narrow widths), a demo person picked
 * by keyboard, and back in the console signed in as them.
 */
describe.skipIf(!chromiumAvailable())('the demo’s Demo ID in Chromium', () => {
  let idp: DemoOidcProvider;
  let h: ConsoleHarness;

  beforeAll(async () => {
    const address = await freeAddress();
    idp = await startDemoIdentity(0, address.publicUrl);
    h = await startConsoleHarness({
      ...address,
      ...demoIdentityOptions(idp, [], null),
      demoHomePage: demoHomePage({ ...address, siteUrl: 'http://localhost:8788', idp: idp.issuer }),
    });
    await offerDemoIdentity(h.portal.db);
  });

  afterAll(async () => {
    await h?.close();
    await idp?.close();
  });

  it('a demo person signs in to the console through Demo ID’s login page, by keyboard', async () => {
    const page = await openConsole(h, '/console/sign-in');
    try {
      await page.getByRole('button', { name: 'Войти через Demo ID' }).waitFor();
      await tabTo(page, (f) => f.tag === 'button' && f.text === 'Войти через Demo ID');
      await page.keyboard.press('Enter');

      // In the browser's language (Russian here), like the console it came from.
      await page.locator('h1', { hasText: 'Вход через Demo ID' }).waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).origin).toBe(idp.issuer);
      await checkScreen(page, { label: 'Demo ID login page' });
      // Every demo person is offered; the first is chosen, arrows move the choice.
      const radios = page.getByRole('radio');
      expect(await radios.count()).toBe(6);
      await tabTo(page, (f) => f.tag === 'input');
      expect(await focused(page)).toMatchObject({
        type: 'radio',
        value: 'portal-admin@demo.otklik.localhost',
      });
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(
        await page.getByRole('radio', { name: /clerk@school\.demo\.otklik\.localhost/ }).isChecked(),
      ).toBe(true);
      await tabTo(page, (f) => f.tag === 'button' && f.text === 'Войти');
      await page.keyboard.press('Enter');

      // Back in the console, signed in as the clerk (the coordinator of demo-school).
      await page.locator('.person-name', { hasText: 'Секретарь' }).waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).origin).toBe(h.portal.url);
      const nav = page.getByRole('navigation', { name: 'Разделы' });
      expect(await nav.getByRole('link', { name: 'Очередь' }).count()).toBe(1);
      const [row] = await h.portal.db.query<{ details: object }>(
        `SELECT a.details FROM audit_log a JOIN people p ON p.id = a.person_id
         WHERE p.email = 'clerk@school.demo.otklik.localhost' AND a.action = 'session.sign-in'
         ORDER BY a.id DESC LIMIT 1`,
      );
      expect(row?.details).toEqual({ method: 'oidc:demo-id', provider: 'Demo ID' });
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('the demo’s page and Demo ID’s follow the browser’s language, and their switch, checked in each', async () => {
    const headings = {
      ru: ['Демо-портал', 'Demo ID'],
      be: ['Дэма-партал', 'Demo ID'],
      en: ['Demo portal', 'Demo ID'],
    } as const;
    for (const language of ['ru', 'be', 'en'] as const) {
      const page = await openConsole(h, '/', { language, width: 375 });
      try {
        expect(await page.locator('h1').innerText()).toBe(headings[language][0]);
        await checkScreen(page, { label: `the demo's page (${language})`, language });
        await page.goto(idp.issuer);
        await page.locator('main h1').waitFor();
        expect(await page.locator('h1').innerText()).toBe(headings[language][1]);
        await checkScreen(page, { label: `Demo ID's page (${language})`, language });
      } finally {
        await page.context().close();
      }
    }
    // The switch, by keyboard: English from a Russian browser.
    const page = await openConsole(h, '/');
    try {
      await tabTo(page, (f) => f.tag === 'a' && f.text === 'English');
      await page.keyboard.press('Enter');
      await page.locator('h1', { hasText: 'Demo portal' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.getByRole('link', { name: 'English' }).getAttribute('aria-current')).toBe('true');
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
