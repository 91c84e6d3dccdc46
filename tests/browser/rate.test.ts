import { resolve } from 'node:path';
import { createClient } from '@otklik/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { type Harness, openPage, otklikReady, pageWith, shots, startHarness } from './hostile-harness.ts';
import { focused, rateWithKeyboard } from './keyboard.ts';

/**
 * The service-quality rating as a citizen meets it on a school's site: the built bundles served by the
 * real portal (PGlite, demo seed with services, criteria and ratings), the example page
 * `examples/site/rate.html` (the rating form and two rating badges) served from another origin, real
 * Chromium driven by the keyboard.
 */
describe.skipIf(!chromiumAvailable())('service rating in Chromium on a foreign page', () => {
  let h: Harness;
  let portal: Harness['portal'];
  let site: Harness['site'];
  let browser: Harness['browser'];

  beforeAll(async () => {
    h = await startHarness({
      pages: (portal) => ({
        '/rate-en.html': pageWith(
          portal,
          '<h1>Rate</h1><div data-otklik="rate" data-org="demo-school"></div><div data-otklik="rating" data-org="demo-school" data-variant="full"></div>',
          { lang: 'en' },
        ),
      }),
      organizations: ['demo-school'],
    });
    ({ portal, site, browser } = h);
  });

  afterAll(async () => {
    await h?.close();
  });

  const open = (url: string) => openPage(browser, url);

  /** Rates the first service with the keyboard only, from the top of the page: 5 for every criterion. */
  async function rateFromTop(page: Page, comment: string) {
    await expect.poll(() => page.getByRole('combobox', { name: /Услуга|Service/ }).count()).toBe(1);
    await page.locator('h1').first().click();
    await rateWithKeyboard(page, page.locator('[data-otklik="rate"]'), { comment });
  }

  it('rates a service with the keyboard, shows the receipt, and the badges on the page update', async () => {
    const client = createClient({ baseUrl: portal.url });
    const before = await client.getRatingSummary('demo-school');
    const { page, errors, requests } = await open(`${site.origin}/rate.html`);
    const sidebar = page.locator('.sidebar [data-otklik="rating"] section');
    await expect.poll(() => sidebar.innerText()).toContain(String(before.count));

    await rateFromTop(page, 'Спасибо учителям!');
    const thanks = page.getByRole('heading', { name: 'Спасибо за оценку!' });
    await expect.poll(() => thanks.count(), { timeout: 20_000 }).toBe(1);
    expect((await focused(page))?.id).toBe('thanks-title');

    const after = await client.getRatingSummary('demo-school');
    expect(after.count).toBe(before.count + 1);
    const average = String(Math.round((after.average ?? 0) * 10) / 10).replace('.', ',');
    await expect
      .poll(() => page.locator('[data-otklik="rate"] .current').innerText())
      .toContain(`${average} из 5`);
    // Both badges of the page refresh after the rating: the compact one and the full table.
    await expect.poll(() => sidebar.innerText()).toContain(String(after.count));
    await expect
      .poll(() => page.getByRole('table', { name: /Рейтинг качества услуг/ }).innerText())
      .toContain(String(after.count));

    // What the rating page downloaded from the portal: no appeal code.
    const files = requests.filter((url) => url.startsWith(`${portal.url}/widgets/`));
    expect(files.some((url) => /\/appeal/.test(url))).toBe(false);
    expect(errors, errors.join('\n')).toEqual([]);
    await page.screenshot({ path: resolve(shots, 'rate-school-page.png'), fullPage: true });

    // The same service again today from this browser (the device id is kept): refused in plain words.
    await page.reload();
    await otklikReady(page);
    await rateFromTop(page, 'Ещё раз');
    await expect
      .poll(() => page.getByRole('alert').first().innerText(), { timeout: 20_000 })
      .toMatch(/Вы уже оценили эту услугу сегодня/);
    expect((await client.getRatingSummary('demo-school')).count).toBe(after.count);
    await page.close();
  });

  it('speaks English on an English page and shows errors for a rating without scores', async () => {
    const { page, errors } = await open(`${site.origin}/rate-en.html`);
    await expect.poll(() => page.getByRole('combobox', { name: /Service/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Send rating' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/The rating was not sent/);
    // Focus went to the first invalid field: the service list.
    expect((await focused(page))?.id).toBe('f-service');
    expect(await page.getByRole('table', { name: /Service quality rating/ }).count()).toBe(1);
    await page.screenshot({ path: resolve(shots, 'rate-form-errors.png'), fullPage: true });
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });
});
