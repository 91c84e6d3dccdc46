import { resolve } from 'node:path';
import { type AppealCounter, createClient } from '@otklik/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { type Harness, openPage, repoRoot, siteRoot, startHarness } from './hostile-harness.ts';
import { type SiteServer, startSiteServer } from './site-server.ts';

/**
 * The appeal-counter badge as a webmaster ships it: the built bundles served by the real portal
 * (PGlite, demo seed), the example school page served from another origin, real Chromium.
 */
describe.skipIf(!chromiumAvailable())('appeal counter in Chromium on a foreign page', () => {
  let h: Harness;
  let portal: Harness['portal'];
  let site: Harness['site'];
  let strangerSite: SiteServer;
  let browser: Harness['browser'];
  let expected: AppealCounter;

  beforeAll(async () => {
    h = await startHarness({
      pages: () => ({
        '/twice.html': pageWith(
          `<script src="http://localhost:8787/otklik.js" defer></script>
           <script src="http://localhost:8787/otklik.js" defer></script>`,
          '<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div>',
        ),
        '/element.html': pageWith(
          '<script src="http://localhost:8787/otklik.js" defer></script>',
          '<otklik-appeal-counter org="demo-school" variant="full"></otklik-appeal-counter>',
        ),
        '/empty.html': pageWith(
          '<script src="http://localhost:8787/otklik.js" defer></script>',
          '<p>No widget here.</p>',
        ),
      }),
    });
    ({ portal, site, browser } = h);
    // A site whose origin no organisation allows.
    strangerSite = await startSiteServer({ root: siteRoot, portalUrl: portal.url });
    expected = await createClient({ baseUrl: portal.url }).getAppealCounter('demo-school');
  });

  afterAll(async () => {
    await strangerSite?.close();
    await h?.close();
  });

  const open = (url: string) => openPage(browser, url);

  it('shows the seeded figures in the full table and the compact badge', async () => {
    const { page, errors } = await open(`${site.origin}/`);
    expect(expected.year.received).toBeGreaterThan(0);

    const table = page.getByRole('table');
    await expect.poll(() => table.count()).toBe(1);
    const rowFor = (label: RegExp) => table.getByRole('row', { name: label });
    const cells = async (label: RegExp) =>
      (await rowFor(label).getByRole('cell').allInnerTexts()).map(digits);
    expect(await cells(/Поступило/)).toEqual([expected.month.received, expected.year.received]);
    expect(await cells(/на рассмотрении/i)).toEqual([expected.month.inProgress, expected.year.inProgress]);
    expect(await cells(/просрочен/i)).toEqual([expected.month.overdue, expected.year.overdue]);

    // Playwright's CSS selectors pierce open shadow roots: this is the badge's own markup.
    const sidebar = page.locator('.sidebar [data-otklik="appeal-counter"] section');
    await expect.poll(() => sidebar.innerText()).toContain(String(expected.month.received));
    expect(errors, errors.join('\n')).toEqual([]);
    await page.screenshot({
      path: resolve(repoRoot, 'test-results/counter-school-page.png'),
      fullPage: true,
    });
    await page.close();
  });

  it('is harmless when the script is included twice', async () => {
    const { page, errors } = await open(`${site.origin}/twice.html`);
    await expect.poll(() => page.getByRole('table').count()).toBe(1);
    const shadowChildren = await page.evaluate(() => {
      const host = document.querySelector('[data-otklik]');
      return host?.shadowRoot?.querySelectorAll('table').length;
    });
    expect(shadowChildren).toBe(1);
    // Loading again mounts nothing new.
    await page.evaluate(() => (window as unknown as { Otklik: { load(): Promise<unknown> } }).Otklik.load());
    expect(await page.getByRole('table').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('defines <otklik-appeal-counter> when a page uses it, loading the element code on demand', async () => {
    const { page, errors, requests } = await open(`${site.origin}/element.html`);
    await expect.poll(() => page.getByRole('table').count()).toBe(1);
    const cells = await page
      .getByRole('row', { name: /Поступило/ })
      .getByRole('cell')
      .allInnerTexts();
    expect(cells.map(digits)).toEqual([expected.month.received, expected.year.received]);
    // One more chunk than a div mount: the custom element's definition.
    expect(requests.filter((url) => url.startsWith(`${portal.url}/widgets/`)).length).toBeGreaterThan(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('downloads only the loader on a page without widgets', async () => {
    const { page, requests, errors } = await open(`${site.origin}/empty.html`);
    const fromPortal = requests.filter((url) => url.startsWith(portal.url));
    expect(fromPortal).toEqual([`${portal.url}/otklik.js`]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks Belarusian on a Belarusian page', async () => {
    const { page } = await open(`${site.origin}/by.html`);
    await expect.poll(() => page.getByRole('table').innerText()).toMatch(/Паступіла/);
    await page.close();
  });

  it('is refused for an origin the organisation does not allow, and says so politely', async () => {
    const page = await browser.newPage();
    const refused: number[] = [];
    const warnings: string[] = [];
    page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
    page.on('response', (response) => {
      if (response.url().includes('/v1/organizations/demo-school/appeal-counter'))
        refused.push(response.status());
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${strangerSite.origin}/`);
    await expect.poll(() => refused.length).toBeGreaterThan(0);
    expect(new Set(refused)).toEqual(new Set([403]));
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/недоступн/i);
    expect(await page.getByRole('table').count()).toBe(0);
    // The webmaster learns why from the console; the page itself is not disturbed.
    expect(warnings.join('\n')).toContain(
      `${strangerSite.origin} is not among this organisation's allowed origins`,
    );
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

function pageWith(head: string, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Test</title>${head}</head><body>${body}</body></html>`;
}

function digits(text: string): number {
  return Number(text.replace(/\D/g, ''));
}
