import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import {
  fillAndSubmitByForm,
  type Harness,
  openPage,
  pageWith,
  startHarness,
  strictCsp,
  violations,
  watchViolations,
} from './hostile-harness.ts';
import { expectEveryWidgetCovered, mount, widgetCases, widgetOf } from './widget-cases.ts';

/**
 * A foreign page with a strict Content-Security-Policy: no `unsafe-inline`, no `unsafe-eval`, Trusted
 * Types required and no policy allowed. Every widget must render, and go through its states (the forms
 * submit, the QR code is drawn and its poster opened, the organisation map opens), without a single
 * `securitypolicyviolation` event. The widgets come from the table in widget-cases.ts: each alone on a
 * page, and all together on one.
 */
describe.skipIf(!chromiumAvailable())('widgets under a strict CSP with Trusted Types', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      pages: (portal) => ({
        '/csp.html': pageWith(
          portal,
          `<h1>Strict CSP</h1>
<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div>
<div data-otklik="appeal-counter" data-org="demo-school" data-variant="compact"></div>
<div data-otklik="appeal" data-org="demo-by" data-lang="be"></div>
<div data-otklik="appeal-status" data-org="demo-school"></div>`,
        ),
        '/all.html': pageWith(portal, `<h1>Strict CSP</h1>${widgetCases.map((c) => mount(c)).join('\n')}`),
        ...Object.fromEntries(
          widgetCases.map((c) => [`/case/${c.name}.html`, pageWith(portal, `<h1>${c.name}</h1>${mount(c)}`)]),
        ),
      }),
      headers: (portal) => ({ 'content-security-policy': strictCsp(portal) }),
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  const open = (url: string) => openPage(h.browser, url, { init: watchViolations });

  it('serves the page with the strict policy', async () => {
    const response = await fetch(`${h.site.origin}/csp.html`);
    expect(response.headers.get('content-security-policy')).toBe(strictCsp(new URL(h.portal.url).origin));
  });

  it('renders the counter (full and compact), the form and the tracker, and the form submits', async () => {
    const { page, errors } = await open(`${h.site.origin}/csp.html`);
    try {
      // Counter, full: the table with figures.
      await expect.poll(() => page.getByRole('table').count()).toBe(1);
      expect(await page.getByRole('row', { name: /Поступило/ }).count()).toBe(1);
      // Counter, compact: a badge with its figure.
      const compact = page.locator('[data-otklik="appeal-counter"][data-variant="compact"] section');
      await expect.poll(() => compact.innerText()).toMatch(/\d/);
      // Tracker without a private link: the lost-link form.
      await expect.poll(() => page.getByRole('heading', { name: 'Узнать статус обращения' }).count()).toBe(1);
      // Form: fill, consent, submit, receipt.
      await fillAndSubmitByForm(page, 'csp.strict@example.by');
      const [row] = await h.portal.db.query<{ registration_number: string }>(
        'SELECT registration_number FROM appeals WHERE applicant_email = $1',
        ['csp.strict@example.by'],
      );
      expect(row?.registration_number).toBeTruthy();
      expect(await page.locator('[data-otklik="appeal"] .appeal').innerText()).toContain(
        row?.registration_number,
      );

      const seen = await violations(page);
      expect(seen, JSON.stringify(seen, null, 2)).toEqual([]);
      expect(errors, errors.join('\n')).toEqual([]);

      // The private link from the receipt opens the tracker with the appeal, still under the policy.
      const link = await page.getByRole('textbox', { name: 'Асабістая спасылка на зварот' }).inputValue();
      expect(link).toContain('#otklik-appeal=');
      const tracker = await open(link);
      try {
        await expect
          .poll(() =>
            tracker.page.getByRole('heading', { name: new RegExp(row?.registration_number ?? '-') }).count(),
          )
          .toBeGreaterThan(0);
        const trackerSeen = await violations(tracker.page);
        expect(trackerSeen, JSON.stringify(trackerSeen, null, 2)).toEqual([]);
        expect(tracker.errors, tracker.errors.join('\n')).toEqual([]);
      } finally {
        await tracker.page.close();
      }
    } finally {
      await page.close();
    }
  });

  it('the table of widgets has a row for every widget of the build', () => {
    expectEveryWidgetCovered();
  });

  it('renders every widget together on one page', async () => {
    const { page, errors } = await open(`${h.site.origin}/all.html`);
    try {
      for (const c of widgetCases) await c.shown(widgetOf(page, c));
      const seen = await violations(page);
      expect(seen, JSON.stringify(seen, null, 2)).toEqual([]);
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  for (const c of widgetCases) {
    const states = c.states.map((s) => s.name);
    it(`${c.name}: renders${states.length ? `, then ${states.join(', ')}` : ''}, with zero violations`, async () => {
      const { page, errors } = await open(`${h.site.origin}/case/${c.name}.html`);
      try {
        const widget = widgetOf(page, c);
        await c.shown(widget);
        for (const state of c.states) {
          await state.enter(widget, page);
          const seen = await violations(page);
          expect(seen, `${state.name}: ${JSON.stringify(seen, null, 2)}`).toEqual([]);
        }
        const seen = await violations(page);
        expect(seen, JSON.stringify(seen, null, 2)).toEqual([]);
        expect(errors, errors.join('\n')).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('reports violations when there are some (a control for the listener)', async () => {
    const { page } = await open(`${h.site.origin}/csp.html`);
    try {
      // An inline <style> element is what `style-src 'self'` (no 'unsafe-inline') blocks.
      await page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = 'body { color: red }';
        document.head.append(style);
      });
      await expect
        .poll(async () => (await violations(page)).map((v) => v.directive))
        .toContain('style-src-elem');
      // Trusted Types are enforced: a plain string into innerHTML throws and is reported.
      const threw = await page.evaluate(() => {
        try {
          document.body.innerHTML = '<b>x</b>';
          return false;
        } catch {
          return true;
        }
      });
      expect(threw).toBe(true);
      await expect
        .poll(async () => (await violations(page)).map((v) => v.directive))
        .toContain('require-trusted-types-for');
    } finally {
      await page.close();
    }
  });
});
