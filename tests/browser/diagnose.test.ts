import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { type Harness, otklikReady, pageWith, startHarness } from './hostile-harness.ts';

/**
 * `Otklik.diagnose()` on real pages with the built bundles and the real portal: a page with a mount
 * point whose quotes an editor replaced, an organisation the portal does not know, and one that does not
 * allow the site (demo-school-2; the harness allows the site only for demo-school and demo-by); a page
 * whose Content-Security-Policy leaves the portal out of connect-src; the on-page report.
 */
interface Finding {
  code: string;
  severity: string;
  message: string;
  widget?: string;
  org?: string;
  element?: string;
}

const broken = `<h1>Обращения</h1>
<div id="quotes" data-otklik=“appeal-counter” data-org=“demo-school”></div>
<div id="unknown" data-otklik="appeal-counter" data-org="no-such-organization"></div>
<div id="foreign" data-otklik="appeal-counter" data-org="demo-school-2" data-variant="full"></div>
<div id="fine" data-otklik="appeal-counter" data-org="demo-school"></div>`;

/** The page's CSP as a meta element: connect-src leaves the portal out. */
const cspPage = (
  portal: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSP</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${portal}; connect-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'">
<script src="${portal}/otklik.js" defer></script></head><body>
<div id="counter" data-otklik="appeal-counter" data-org="demo-school"></div>
<div id="report" data-otklik="diagnose"></div></body></html>`;

describe.skipIf(!chromiumAvailable())('Otklik.diagnose() in Chromium', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      pages: (portal) => ({
        '/broken.html': pageWith(portal, broken),
        '/fine.html': pageWith(
          portal,
          '<div data-otklik="appeal-counter" data-org="demo-school"></div><div data-otklik="appeal" data-org="demo-by" data-lang="be"></div>',
          { lang: 'be' },
        ),
        '/csp.html': cspPage(portal),
      }),
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function open(path: string): Promise<{ page: Page; console: ConsoleMessage[] }> {
    const page = await h.browser.newPage();
    const messages: ConsoleMessage[] = [];
    page.on('console', (message) => messages.push(message));
    await page.goto(`${h.site.origin}${path}`);
    await otklikReady(page);
    return { page, console: messages };
  }

  /** Runs `Otklik.diagnose(lang)` in the page; elements come back as their ids. */
  const diagnose = (page: Page, lang?: string) =>
    page.evaluate(async (lang) => {
      const api = (
        window as unknown as { Otklik: { diagnose(lang?: string): Promise<Record<string, unknown>[]> } }
      ).Otklik;
      const findings = await api.diagnose(lang);
      return findings.map((f) => ({ ...f, element: (f.element as Element | undefined)?.id })) as Finding[];
    }, lang);

  it('finds the mangled mount point, the unknown organisation and the origin not allowed', async () => {
    const { page, console } = await open('/broken.html');
    try {
      // The working counter renders; the others show their error state.
      await page.locator('#fine section').waitFor();
      const findings = await diagnose(page, 'en');
      expect(findings.map((f) => [f.code, f.element, f.org])).toEqual([
        ['mount-quotes-mangled', 'quotes', undefined],
        ['org-unknown', 'unknown', 'no-such-organization'],
        ['origin-not-allowed', 'foreign', 'demo-school-2'],
      ]);
      expect(findings.every((f) => f.severity === 'error')).toBe(true);
      expect(findings[0]?.message).toContain('data-otklik=“appeal-counter” data-org=“demo-school”');
      expect(findings[2]?.message).toContain(`add ${h.site.origin} to the organisation’s allowed origins`);
      // The console: a group titled with the summary, a table, each finding with its element.
      await expect
        .poll(() => console.map((m) => `${m.type()}: ${m.text()}`))
        .toContain('startGroup: Otklik: diagnosis — problems: 3, warnings: 0');
      expect(console.some((m) => m.type() === 'table')).toBe(true);
      expect(console.filter((m) => m.type() === 'error' && m.text().startsWith('[otklik] '))).toHaveLength(3);

      // In Russian for a Russian page, unless asked otherwise.
      const ru = await diagnose(page);
      expect(ru[1]?.message).toBe(
        'Портал не знает организацию «no-such-organization». Проверьте идентификатор в data-org — его выдаёт портал ' +
          `${h.portal.url.replace(/\/$/, '')}.`,
      );
    } finally {
      await page.close();
    }
  });

  it('says all is well on a page where everything works', async () => {
    const { page } = await open('/fine.html');
    try {
      await page.getByRole('textbox', { name: /Прозвішча/ }).waitFor();
      const findings = await diagnose(page);
      expect(findings.map((f) => [f.code, f.severity])).toEqual([['ok', 'info']]);
      expect(findings[0]?.message).toMatch(/^Всё в порядке: виджетов на странице — 2/);
    } finally {
      await page.close();
    }
  });

  it('explains a CSP without the portal in connect-src, also in a report shown on the page', async () => {
    const { page } = await open('/csp.html');
    try {
      // The counter could not fetch and shows its error state.
      await expect.poll(() => page.locator('#counter').getByRole('status').count()).toBe(1);
      const findings = await diagnose(page, 'en');
      expect(findings.map((f) => f.code)).toEqual(['csp-connect']);
      expect(findings[0]?.message).toContain(
        `Add ${h.portal.url.replace(/\/$/, '')} to the connect-src directive.`,
      );
      // `<div data-otklik="diagnose">` shows the same report, under the strict policy (no inline styles,
      // no innerHTML: Trusted Types are enforced).
      const report = page.locator('#report');
      await expect.poll(() => report.locator('li').count()).toBe(1);
      expect(await report.locator('h2').innerText()).toBe('Otklik: diagnosis — problems: 1, warnings: 0');
      expect(await report.locator('li').innerText()).toContain('connect-src');
    } finally {
      await page.close();
    }
  });
});
