import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { pixelDiff, shadowStyles, styleDiff } from './compare.ts';
import { type Harness, otklikReady, pageWith, shots, startHarness } from './hostile-harness.ts';
import { focused, rateWithKeyboard } from './keyboard.ts';
import {
  casesOf,
  expectEveryWidgetCovered,
  mount,
  thanksHeading,
  type WidgetCase,
  widgetCases,
  widgetOf,
} from './widget-cases.ts';

/**
 * Every widget (the table in widget-cases.ts), in each of its states, on a page whose stylesheet
 * attacks everything it can reach: universal and element rules with `!important`, inherited font,
 * colour and letter-spacing, a `z-index: 10000` fixed overlay. The widgets must look exactly as they do on a plain page (the same content width), and stay
 * usable. Host CSS may style the mount `<div>` itself (its padding and border are the host's business);
 * nothing inside the shadow root may change.
 */
const hostileCss = `
* { box-sizing: content-box; font: 30px/3 serif !important; color: red !important; letter-spacing: 3px }
div { padding: 40px; border: 5px solid lime }
table { display: block }
.box { display: none }
main { display: block; width: 690px; margin: 0 0 0 220px }
.overlay { position: fixed; z-index: 10000; left: 0; top: 0; width: 180px; height: 100vh; background: rgba(0, 0, 0, 0.8) }
`;
// Same content width for the widgets as on the hostile page (690px minus 2 × (40px + 5px)).
const plainCss = 'body { margin: 8px } main { display: block; width: 600px; margin: 0 0 0 265px }';

const widgets = `<main>
${widgetCases.map((c) => mount(c)).join('\n')}
</main>`;

const [rate] = casesOf('rate') as [WidgetCase];

describe.skipIf(!chromiumAvailable())('widgets on a page with hostile CSS', () => {
  let h: Harness;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    h = await startHarness({
      pages: (portal) => ({
        '/hostile.css': hostileCss,
        '/plain.css': plainCss,
        '/plain.html': pageWith(portal, widgets, { head: '<link rel="stylesheet" href="/plain.css">' }),
        '/hostile.html': pageWith(portal, `${widgets}<div class="overlay" aria-hidden="true"></div>`, {
          head: '<link rel="stylesheet" href="/hostile.css">',
        }),
        '/hostile-rate.html': pageWith(
          portal,
          `<main>${mount(rate)}</main><div class="overlay" aria-hidden="true"></div>`,
          { head: '<link rel="stylesheet" href="/hostile.css">' },
        ),
      }),
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await h.browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && errors.push(`console: ${message.text()}`));
    await page.goto(`${h.site.origin}${path}`);
    await otklikReady(page);
    // (Runs in beforeAll, where expect.poll is not available: `shown` waits with locators.)
    for (const c of widgetCases) await c.shown(widgetOf(page, c));
    // Fonts settle before screenshots and measurements.
    await page.evaluate(() => document.fonts.ready);
    return { page, errors };
  }

  /** The first element of the widget's shadow root (its own box). */
  const root = (page: Page, c: WidgetCase) => widgetOf(page, c).locator('> *').first();

  let plain: { page: Page; errors: string[] };
  let hostile: { page: Page; errors: string[] };

  beforeAll(async () => {
    plain = await open('/plain.html');
    hostile = await open('/hostile.html');
  });

  afterAll(async () => {
    await plain?.page.close();
    await hostile?.page.close();
  });

  it('the hostile stylesheet is really applied to the host page', async () => {
    expectEveryWidgetCovered();
    const host = await hostile.page.locator('#appeal').evaluate((el) => {
      const s = getComputedStyle(el);
      return { font: s.fontFamily, color: s.color, padding: s.paddingTop, letterSpacing: s.letterSpacing };
    });
    expect(host).toEqual({ font: 'serif', color: 'rgb(255, 0, 0)', padding: '40px', letterSpacing: '3px' });
    // The widgets are not covered by the overlay.
    const overlay = await hostile.page.locator('.overlay').boundingBox();
    for (const c of widgetCases) {
      const box = await root(hostile.page, c).boundingBox();
      expect(box && overlay && box.x >= overlay.x + overlay.width, c.name).toBe(true);
    }
  });

  /** The same computed styles inside the shadow root on both pages, and (`pixels`) the same look. */
  async function expectSame(c: WidgetCase, label: string, pixels: boolean) {
    const a = await shadowStyles(plain.page, `#${c.name}`);
    const b = await shadowStyles(hostile.page, `#${c.name}`);
    expect(a.length).toBeGreaterThan(0);
    const diffs = styleDiff(a, b);
    expect(diffs, diffs.slice(0, 40).join('\n')).toEqual([]);
    if (!pixels) return;
    const shotA = await root(plain.page, c).screenshot({ animations: 'disabled', caret: 'hide' });
    const shotB = await root(hostile.page, c).screenshot({ animations: 'disabled', caret: 'hide' });
    await writeFile(resolve(shots, `hostile-css-${label}-plain.png`), shotA);
    await writeFile(resolve(shots, `hostile-css-${label}-hostile.png`), shotB);
    const diff = pixelDiff(shotA, shotB);
    if (diff.image)
      await writeFile(resolve(shots, `hostile-css-${label}-diff.png`), PNG.sync.write(diff.image));
    // A little tolerance for anti-aliasing; a change of font, colour or spacing differs by far more.
    expect(diff.ratio, `${label}: ${diff.size}, ${diff.differing} pixels differ`).toBeLessThan(0.005);
  }

  for (const c of widgetCases) {
    it(`${c.name}: the same computed styles inside the shadow root and pixels as on a plain page`, () =>
      expectSame(c, c.name, true));
  }

  // The states after every first view (a submitted form changes the figures the badges show).
  for (const c of widgetCases) {
    for (const state of c.states) {
      it(`${c.name}, ${state.name}: the same computed styles${state.stable ? ' and pixels' : ''}`, async () => {
        await state.enter(widgetOf(plain.page, c), plain.page);
        await state.enter(widgetOf(hostile.page, c), hostile.page);
        await expectSame(c, `${c.name}-${state.name}`, state.stable === true);
      });
    }
  }

  it('the appeal form stays usable: fields take clicks and typing, the submit button reacts', async () => {
    const { page, errors } = hostile;
    const surname = widgetOf(page, 'appeal').getByRole('textbox', { name: /Фамилия/ });
    await surname.click();
    await page.keyboard.type('Петров');
    expect(await surname.inputValue()).toBe('Петров');
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await expect.poll(() => widgetOf(page, 'appeal').getByRole('alert').count()).toBeGreaterThan(0);
    expect(errors, errors.join('\n')).toEqual([]);
    expect(plain.errors, plain.errors.join('\n')).toEqual([]);
  });

  it('the rating form is sent with the keyboard alone', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && errors.push(`console: ${message.text()}`));
    try {
      await page.goto(`${h.site.origin}/hostile-rate.html`);
      await otklikReady(page);
      const widget = widgetOf(page, rate);
      await rate.shown(widget);
      await rateWithKeyboard(page, widget);
      await widget.getByRole('heading', { name: thanksHeading }).waitFor({ timeout: 20_000 });
      // The thanks take the focus.
      expect((await focused(page))?.id).toBe('thanks-title');
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
