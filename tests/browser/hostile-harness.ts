import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startPortal } from '@otklik/portal';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from './chromium.ts';
import { type SiteServer, startSiteServer } from './site-server.ts';

/**
 * Shared set-up for the "hostile page" checks (CSP, accessibility, host CSS): the built bundles
 * served by the real portal (PGlite, demo seed), test pages served from another origin, real Chromium.
 */
export const repoRoot = resolve(import.meta.dirname, '../..');
export const widgetsDir = resolve(repoRoot, 'dist/widgets');
export const siteRoot = resolve(repoRoot, 'examples/site');
export const shots = resolve(repoRoot, 'test-results');

export interface Harness {
  portal: Awaited<ReturnType<typeof startPortal>>;
  site: SiteServer;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts the portal, a foreign site with `pages` (built from the portal's URL, so a CSP can name it),
 * allows the site's origin for `organizations` (by default the demo school and demo-by), and launches
 * Chromium.
 */
export async function startHarness(options: {
  pages: (portalUrl: string) => Record<string, string>;
  headers?: (portalUrl: string) => Record<string, string>;
  organizations?: string[];
}): Promise<Harness> {
  if (!existsSync(resolve(widgetsDir, 'otklik.js'))) {
    throw new Error('dist/widgets is missing: run `pnpm build` first (`pnpm test` does).');
  }
  const portal = await startPortal({ database: { kind: 'pglite' }, port: 0, seed: 'demo', widgetsDir });
  const portalOrigin = new URL(portal.url).origin;
  const site = await startSiteServer({
    root: siteRoot,
    portalUrl: portal.url,
    pages: options.pages(portalOrigin),
    headers: options.headers?.(portalOrigin) ?? {},
  });
  for (const organizationId of options.organizations ?? ['demo-school', 'demo-by']) {
    await portal.db.query('INSERT INTO organization_origins (organization_id, origin) VALUES ($1, $2)', [
      organizationId,
      site.origin,
    ]);
  }
  const browser = await launchChromium();
  return {
    portal,
    site,
    browser,
    async close() {
      await browser.close();
      await site.close();
      await portal.close();
    },
  };
}

/** A page with the loader in its head (no inline script or style, so a strict CSP does not object). */
export function pageWith(portalOrigin: string, body: string, options: { lang?: string; head?: string } = {}) {
  return `<!doctype html><html lang="${options.lang ?? 'ru'}"><head><meta charset="utf-8"><title>Test</title>
<script src="${portalOrigin}/otklik.js" defer></script>${options.head ?? ''}</head><body>${body}</body></html>`;
}

/** Waits for the loader's `ready` promise. */
export async function otklikReady(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { Otklik: { ready: Promise<unknown> } }).Otklik.ready);
}

/**
 * A strict Content-Security-Policy for a foreign page: no `unsafe-inline`, no `unsafe-eval`, Trusted
 * Types required and no policy allowed; scripts and requests only to the portal.
 */
export const strictCsp = (portalOrigin: string): string =>
  [
    "default-src 'none'",
    `script-src ${portalOrigin}`,
    `connect-src ${portalOrigin}`,
    "style-src 'self'",
    "img-src 'self'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');

export interface Opened {
  page: Page;
  /** `pageerror` events and console errors, prefixed `pageerror: ` and `console: `. */
  errors: string[];
  /** The console errors themselves. */
  consoleErrors: ConsoleMessage[];
  /** The URL of every request the page made. */
  requests: string[];
}

/**
 * Opens `url` in `page` (a new page of `browser` if not given), collecting errors and requests, and
 * waits for `Otklik.ready`. `init` runs before the navigation (listeners, init scripts).
 */
export async function openPage(
  browser: Browser,
  url: string,
  options: { page?: Page; init?: (page: Page) => unknown } = {},
): Promise<Opened> {
  const page = options.page ?? (await browser.newPage());
  const errors: string[] = [];
  const consoleErrors: ConsoleMessage[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    consoleErrors.push(message);
    errors.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  await options.init?.(page);
  await page.goto(url);
  await otklikReady(page);
  return { page, errors, consoleErrors, requests };
}

export interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/**
 * Records the page's `securitypolicyviolation` events, from before any page script; read them with
 * `violations`. The listener is registered from an init script, which CSP does not govern (it is
 * injected by the DevTools protocol, not by the page).
 */
export async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __violations: unknown[] }).__violations = seen;
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        seen.push({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
          sample: e.sample,
        }),
      true,
    );
  });
}

/** The violations recorded by `watchViolations` so far. */
export const violations = (page: Page): Promise<Violation[]> =>
  page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

/** Fills the demo-by (300-З, Belarusian) form with valid values, consents and submits it. */
export async function fillAndSubmitByForm(page: Page, email: string): Promise<void> {
  await expect.poll(() => page.getByRole('textbox', { name: /Прозвішча/ }).count()).toBe(1);
  await page.getByRole('textbox', { name: /Прозвішча/ }).fill('Коваль');
  await page.getByRole('textbox', { name: 'Імя', exact: true }).fill('Алеся');
  await page.getByRole('textbox', { name: /Імя па бацьку/ }).fill('Міхайлаўна');
  await page.getByRole('textbox', { name: /Адрас электроннай пошты/ }).fill(email);
  await page.getByRole('textbox', { name: /Паштовы адрас/ }).fill('г. Дэма, вул. Незалежнасці, 7, кв. 12');
  await page.getByRole('radio', { name: 'Прапанова' }).check();
  await page
    .getByRole('textbox', { name: /Тэкст звароту/ })
    .fill('Прапаную падоўжыць час работы аддзялення дзённага знаходжання да 18:00.');
  await page.getByRole('checkbox', { name: /згоду/ }).check();
  await page.getByRole('button', { name: 'Адправіць зварот' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Зварот зарэгістраваны' }).count(), { timeout: 20_000 })
    .toBe(1);
}
