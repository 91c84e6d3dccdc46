import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { type Portal, type PortalOptions, startPortal } from '@otklik/portal';
import { type Mailbox, startMailbox } from '@otklik/portal/testing';
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../chromium.ts';
import { repoRoot, type Violation, violations, watchViolations, widgetsDir } from '../hostile-harness.ts';

/**
 * The console as a browser meets it: the real portal (PGlite, demo seed) serving the built console
 * (`dist/console`, with its strict CSP) and real Chromium. Open pages with `openConsole`, check each
 * screen state with one `checkScreen` call.
 */
export const consoleDir = resolve(repoRoot, 'dist/console');

export type ConsoleLanguage = 'ru' | 'be' | 'en';

export interface ConsoleHarness {
  portal: Portal;
  browser: Browser;
  /** `/console/…` on the portal. */
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * Starts the portal (PGlite, demo seed, any free port, the built widgets and console; `options` over
 * these) and Chromium.
 */
export async function startConsoleHarness(options: Partial<PortalOptions> = {}): Promise<ConsoleHarness> {
  if (!existsSync(resolve(consoleDir, 'index.html')) || !existsSync(resolve(widgetsDir, 'otklik.js')))
    throw new Error('dist is missing: run `pnpm build` first (`pnpm test` does).');
  const portal = await startPortal({
    database: { kind: 'pglite' },
    port: 0,
    seed: 'demo',
    widgetsDir,
    consoleDir,
    ...options,
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await portal.close();
    throw error;
  });
  return {
    portal,
    browser,
    url: (path) => `${portal.url}${path}`,
    async close() {
      await browser.close();
      await portal.close();
    },
  };
}

/** A harness whose portal sends its mail over SMTP to a test mailbox. */
export interface MailHarness extends ConsoleHarness {
  mailbox: Mailbox;
}

/**
 * `startConsoleHarness` with the portal's mail sent from `from` over SMTP (the outbox every 100 ms) to
 * a test mailbox, which closes after the portal.
 */
export async function startMailHarness(
  from: string,
  options: Partial<PortalOptions> = {},
): Promise<MailHarness> {
  const mailbox = await startMailbox();
  const h = await startConsoleHarness({
    ...options,
    smtp: { url: `smtp://127.0.0.1:${mailbox.port}`, from, intervalMs: 100 },
  }).catch(async (error: unknown) => {
    await mailbox.close();
    throw error;
  });
  return {
    ...h,
    mailbox,
    async close() {
      await h.close();
      await mailbox.close();
    },
  };
}

/**
 * The harness started before this file's tests and closed after them (by default the plain one):
 * `const h = useConsoleHarness();`. What it returns stands for the started harness, which is there
 * once the tests run.
 */
export function useConsoleHarness(): ConsoleHarness;
export function useConsoleHarness<H extends ConsoleHarness>(start: () => Promise<H>): H;
export function useConsoleHarness(
  start: () => Promise<ConsoleHarness> = () => startConsoleHarness(),
): ConsoleHarness {
  let started: ConsoleHarness | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as ConsoleHarness, {
    get(_, key) {
      if (!started) throw new Error('the console harness is started before the tests (beforeAll)');
      return Reflect.get(started, key);
    },
  });
}

/**
 * A free port on loopback and the portal's public URL on it, so that the URL (an identity provider's
 * redirect URI) is known before the portal starts: portal options.
 */
export async function freeAddress(): Promise<{ port: number; publicUrl: string }> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return { port, publicUrl: `http://127.0.0.1:${port}` };
}

/** What went wrong on a page since it was opened: page errors and console errors. */
const pageErrors = new WeakMap<Page, string[]>();

export interface OpenOptions {
  /** The browser's language (`navigator.languages`); the console starts in it. Default `ru`. */
  language?: ConsoleLanguage;
  width?: number;
  height?: number;
  /** A session cookie (`name=value`) set before the page opens: the console starts signed in. */
  cookie?: string;
}

/**
 * Opens `path` in a fresh browser context (nothing remembered from other tests), recording CSP
 * violations from before the first script and every page or console error, and waits for the screen's
 * `<h1>`. Close it with `page.context().close()`.
 */
export async function openConsole(h: ConsoleHarness, path: string, options: OpenOptions = {}): Promise<Page> {
  const language = options.language ?? 'ru';
  const context: BrowserContext = await h.browser.newContext({
    locale: { ru: 'ru-RU', be: 'be-BY', en: 'en-GB' }[language],
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  if (options.cookie) {
    const [name = '', ...value] = options.cookie.split('=');
    await context.addCookies([{ name, value: value.join('='), url: h.url('/') }]);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await watchViolations(page);
  await page.goto(h.url(path));
  await page.locator('main h1').waitFor();
  return page;
}

/**
 * Forgets the errors recorded so far on `page`, for an expected one: the signed-out check (401) of a
 * page opened before signing in on it.
 */
export function forgetErrors(page: Page): void {
  pageErrors.get(page)?.splice(0);
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface ScreenCheck {
  /** Named in failure messages: "queue, empty". */
  label: string;
  /** The language the screen must be in (`<html lang>`). Default `ru`. */
  language?: ConsoleLanguage;
  /** Widths at which nothing may scroll sideways. Default 320 and 375 px (and the page's own). */
  narrowWidths?: readonly number[];
}

/** axe-core's WCAG 2.2 AA violations on the whole page, one readable line per element. */
async function axeViolations(page: Page): Promise<string[]> {
  // Injected through the DevTools protocol (CSP does not govern it), so the page's policy stays as served.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const found = await page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(n.target)}: ${n.failureSummary}`,
      ),
    );
  }, AXE_TAGS);
  return found;
}

/** Elements wider than the viewport (the document scrolls sideways), described. */
function horizontalOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return `scrollWidth ${root.scrollWidth} > ${root.clientWidth}: ${wide.join(', ')}`;
  });
}

/**
 * Everything every console screen must meet, in its current state, in one call: no CSP violation and
 * no page or console error since it opened; one `<h1>`, named in `document.title`; `<html lang>` in
 * the expected language; axe-core finds no WCAG 2.2 AA violation; nothing scrolls sideways at 320 and
 * 375 px (the viewport is put back afterwards). Fails with every problem listed.
 */
export async function checkScreen(page: Page, check: ScreenCheck): Promise<void> {
  const problems: string[] = [];
  const errors = pageErrors.get(page);
  if (!errors) throw new Error('checkScreen needs a page opened by openConsole');
  const csp: Violation[] = await violations(page);
  for (const v of csp) problems.push(`CSP ${v.directive} blocked ${v.blocked} (${v.source}) ${v.sample}`);
  problems.push(...errors);

  const { h1s, title, lang } = await page.evaluate(() => ({
    h1s: [...document.querySelectorAll('h1')].map((h) => h.textContent?.trim() ?? ''),
    title: document.title,
    lang: document.documentElement.lang,
  }));
  if (h1s.length !== 1) problems.push(`expected one <h1>, found ${h1s.length}: ${h1s.join(' | ')}`);
  else if (!title.startsWith(`${h1s[0]} — `))
    problems.push(`document.title "${title}" does not name the h1 "${h1s[0]}"`);
  const language = check.language ?? 'ru';
  if (lang !== language) problems.push(`<html lang="${lang}">, expected "${language}"`);

  problems.push(...(await axeViolations(page)).map((v) => `axe: ${v}`));

  const viewport = page.viewportSize();
  for (const width of check.narrowWidths ?? [320, 375]) {
    await page.setViewportSize({ width, height: viewport?.height ?? 800 });
    const overflow = await horizontalOverflow(page);
    if (overflow) problems.push(`at ${width} px: ${overflow}`);
  }
  if (viewport) await page.setViewportSize(viewport);

  // axe ran in the page: what it did must not have tripped the policy either.
  for (const v of (await violations(page)).slice(csp.length))
    problems.push(`CSP (during the checks) ${v.directive} blocked ${v.blocked} ${v.sample}`);
  if (problems.length) throw new Error(`${check.label}:\n  ${problems.join('\n  ')}`);
}
