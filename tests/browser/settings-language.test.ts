import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient } from '@otklik/client';
import { createApiKey, startPortal } from '@otklik/portal';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import { type SiteServer, startSiteServer } from './site-server.ts';

/**
 * Issue 14 ("a Belarusian organisation gets Russian topics and a Russian consent link"): the
 * organisation sets its topics and consent document in each language through the staff API, and the
 * appeal form on a Belarusian page shows them in Belarusian, on a Russian page in Russian.
 */
const repoRoot = resolve(import.meta.dirname, '../..');
const widgetsDir = resolve(repoRoot, 'dist/widgets');
const siteRoot = resolve(repoRoot, 'examples/site');

const pageWith = (lang: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Test</title>
    <script src="http://localhost:8787/otklik.js" defer></script></head>
    <body><div data-otklik="appeal" data-org="demo-by"></div></body></html>`;

describe.skipIf(!chromiumAvailable())('topics and consent in the page language (Chromium)', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let site: SiteServer;
  let browser: Browser;
  /** The consent version the organisation published. */
  let version = '';

  beforeAll(async () => {
    if (!existsSync(resolve(widgetsDir, 'otklik.js'))) {
      throw new Error('dist/widgets is missing: run `pnpm build` first (`pnpm test` does).');
    }
    portal = await startPortal({ database: { kind: 'pglite' }, port: 0, seed: 'demo', widgetsDir });
    site = await startSiteServer({
      root: siteRoot,
      portalUrl: portal.url,
      pages: { '/be.html': pageWith('be'), '/ru.html': pageWith('ru-RU') },
    });
    const desk = createClient({
      baseUrl: portal.url,
      apiKey: await createApiKey(portal.db, 'demo-by', 'test'),
    });
    await desk.addAllowedOrigin('demo-by', { origin: site.origin });
    await desk.putTopic('demo-by', 'meals', { names: { be: 'Харчаванне', ru: 'Питание' } });
    await desk.putTopic('demo-by', 'transport', { names: { be: 'Падвоз дзяцей', ru: 'Подвоз детей' } });
    ({ version } = await desk.publishConsentVersion('demo-by', {
      documents: {
        be: { title: 'Палажэнне аб апрацоўцы персанальных даных', url: 'https://tcson.example/be/zgoda' },
        ru: { title: 'Положение об обработке персональных данных', url: 'https://tcson.example/ru/soglasie' },
      },
    }));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await portal?.close();
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.origin}${path}`);
    await page.evaluate(() => (window as unknown as { Otklik: { ready: Promise<unknown> } }).Otklik.ready);
    await expect.poll(() => page.locator('select').first().count()).toBe(1);
    return { page, errors };
  }

  const topicOptions = (page: Page) =>
    page
      .getByRole('combobox', { name: /Тэма|Тема/ })
      .locator('option')
      .allTextContents();

  it('a Belarusian page gets Belarusian topics and the Belarusian consent link', async () => {
    const { page, errors } = await open('/be.html');
    await expect
      .poll(() => topicOptions(page))
      .toEqual(expect.arrayContaining(['Харчаванне', 'Падвоз дзяцей']));
    const options = await topicOptions(page);
    expect(options).not.toContain('Питание');
    const consent = page.getByRole('link', { name: 'Палажэнне аб апрацоўцы персанальных даных' });
    await expect.poll(() => consent.getAttribute('href')).toBe('https://tcson.example/be/zgoda');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a citizen on the Belarusian page files an appeal that carries the new consent version and topic', async () => {
    const { page, errors } = await open('/be.html');
    await expect.poll(() => topicOptions(page)).toContain('Падвоз дзяцей');
    await page.getByRole('textbox', { name: /Прозвішча/ }).fill('Коваль');
    await page.getByRole('textbox', { name: 'Імя', exact: true }).fill('Алеся');
    await page.getByRole('textbox', { name: /Імя па бацьку/ }).fill('Міхайлаўна');
    await page.getByRole('textbox', { name: /Адрас электроннай пошты/ }).fill('alesia@example.by');
    await page.getByRole('textbox', { name: /Паштовы адрас/ }).fill('г. Дэма, вул. Незалежнасці, 7');
    await page.getByRole('radio', { name: 'Заява' }).check();
    await page.getByRole('combobox', { name: /Тэма/ }).selectOption({ label: 'Падвоз дзяцей' });
    await page
      .getByRole('textbox', { name: /Тэкст звароту/ })
      .fill('Прашу арганізаваць падвоз дзяцей да школы.');
    await page.getByRole('checkbox', { name: /згоду/ }).check();
    await page.getByRole('button', { name: 'Адправіць зварот' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Зварот зарэгістраваны' }).count(), { timeout: 20_000 })
      .toBe(1);
    const [row] = await portal.db.query<{ consent_version: string; topic_id: string; language: string }>(
      "SELECT consent_version, topic_id, language FROM appeals WHERE applicant_email = 'alesia@example.by'",
    );
    expect(row).toEqual({ consent_version: version, topic_id: 'transport', language: 'be' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a Russian page of the same organisation gets the Russian ones', async () => {
    const { page, errors } = await open('/ru.html');
    await expect.poll(() => topicOptions(page)).toEqual(expect.arrayContaining(['Питание', 'Подвоз детей']));
    expect(await topicOptions(page)).not.toContain('Харчаванне');
    const consent = page.getByRole('link', { name: 'Положение об обработке персональных данных' });
    await expect.poll(() => consent.getAttribute('href')).toBe('https://tcson.example/ru/soglasie');
    expect(errors).toEqual([]);
    await page.close();
  });
});
