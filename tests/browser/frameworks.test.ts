import { mkdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { pixelDiff, shadowStyles, styleDiff } from './compare.ts';
import { type Harness, otklikReady, pageWith, repoRoot, shots, startHarness } from './hostile-harness.ts';
import { expectEveryWidgetCovered, mount, type WidgetCase, widgetCases, widgetOf } from './widget-cases.ts';

/**
 * Every widget (the table in widget-cases.ts), in each of its states, on host pages built with the CSS
 * frameworks school and agency sites use: Bootstrap 5 (the whole bootstrap.min.css, as Joomla 4/5
 * templates load it) and Tailwind's preflight (its reset of every element). They must look exactly as on a plain page: the same computed styles inside the
 * shadow root and the same pixels.
 */
const bootstrapCss = readFileSync(
  resolve(repoRoot, 'node_modules/bootstrap/dist/css/bootstrap.min.css'),
  'utf8',
);
// Tailwind's build turns `--theme(--x, fallback)` into `var(--x, fallback)`; do the same.
const preflightCss = readFileSync(
  resolve(repoRoot, 'node_modules/tailwindcss/preflight.css'),
  'utf8',
).replace(/--theme\(/g, 'var(');

/**
 * The same width and the same whole-pixel position for the widgets on every page: a frame at a
 * fractional offset (Bootstrap's `display-6` heading is sized in `vw`) anti-aliases its text a little
 * differently, which says nothing about styles.
 */
const layoutCss = '.widgets { position: fixed; top: 40px; left: 40px; width: 600px }';

const widgets = `<div class="widgets">
${widgetCases.map((c) => mount(c)).join('\n')}
</div>`;

const frameworks = {
  bootstrap: {
    head: '<link rel="stylesheet" href="/bootstrap.css"><link rel="stylesheet" href="/layout.css">',
    body: `<nav class="navbar navbar-expand bg-body-tertiary"><div class="container-fluid"><a class="navbar-brand" href="#">Школа № 1</a></div></nav>
<main class="container-fluid"><h1 class="display-6">Обращения граждан</h1><p class="lead">Текст страницы.</p>
<div class="card"><div class="card-body">${widgets}</div></div>
<table class="table table-striped"><tbody><tr><td>Ячейка страницы</td></tr></tbody></table>
<button class="btn btn-primary">Кнопка страницы</button></main>`,
  },
  tailwind: {
    head: '<link rel="stylesheet" href="/preflight.css"><link rel="stylesheet" href="/layout.css">',
    body: `<main><h1>Обращения граждан</h1><p>Текст страницы.</p>${widgets}</main>`,
  },
} as const;
type Framework = keyof typeof frameworks;

describe.skipIf(!chromiumAvailable())('widgets on Bootstrap 5 and Tailwind pages', () => {
  let h: Harness;
  const pages: Partial<Record<Framework | 'plain', Page>> = {};

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    h = await startHarness({
      pages: (portal) => ({
        '/bootstrap.css': bootstrapCss,
        '/preflight.css': preflightCss,
        '/layout.css': layoutCss,
        '/plain.html': pageWith(portal, `<main><h1>Обращения граждан</h1>${widgets}</main>`, {
          head: '<link rel="stylesheet" href="/layout.css">',
        }),
        '/bootstrap.html': pageWith(portal, frameworks.bootstrap.body, { head: frameworks.bootstrap.head }),
        '/tailwind.html': pageWith(portal, frameworks.tailwind.body, { head: frameworks.tailwind.head }),
      }),
    });
    for (const name of ['plain', 'bootstrap', 'tailwind'] as const) {
      // Tall enough for every widget in the fixed frame, whatever state it is in.
      const page = await h.browser.newPage({ viewport: { width: 1000, height: 8000 }, deviceScaleFactor: 1 });
      await page.goto(`${h.site.origin}/${name}.html`);
      await otklikReady(page);
      for (const c of widgetCases) await c.shown(widgetOf(page, c));
      await page.evaluate(() => document.fonts.ready);
      pages[name] = page;
    }
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the frameworks really style the host pages', async () => {
    expectEveryWidgetCovered();
    const style = (page: Page | undefined, selector: string, property: string) =>
      page
        ?.locator(selector)
        .first()
        .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
    // Bootstrap's body font and line-height; Tailwind's preflight drops heading sizes and margins.
    expect(await style(pages.bootstrap, 'body', 'line-height')).toBe('24px');
    expect(await style(pages.plain, 'h1', 'font-size')).toBe('32px');
    expect(await style(pages.tailwind, 'h1', 'font-size')).toBe('16px');
    expect(await style(pages.tailwind, 'h1', 'margin-top')).toBe('0px');
  });

  /** The same computed styles inside the shadow root as on the plain page, and (`pixels`) the same look. */
  async function expectSame(framework: Framework, c: WidgetCase, label: string, pixels: boolean) {
    const plain = pages.plain as Page;
    const other = pages[framework] as Page;
    const a = await shadowStyles(plain, `#${c.name}`);
    const b = await shadowStyles(other, `#${c.name}`);
    expect(a.length).toBeGreaterThan(0);
    const diffs = styleDiff(a, b);
    expect(diffs, diffs.slice(0, 40).join('\n')).toEqual([]);
    if (!pixels) return;
    const root = (page: Page) => widgetOf(page, c).locator('> *').first();
    const shotA = await root(plain).screenshot({ animations: 'disabled', caret: 'hide' });
    const shotB = await root(other).screenshot({ animations: 'disabled', caret: 'hide' });
    await writeFile(resolve(shots, `${framework}-${label}.png`), shotB);
    const diff = pixelDiff(shotA, shotB);
    if (diff.image)
      await writeFile(resolve(shots, `${framework}-${label}-diff.png`), PNG.sync.write(diff.image));
    expect(diff.ratio, `${diff.size}, ${diff.differing} pixels differ`).toBeLessThan(0.005);
  }

  for (const c of widgetCases) {
    it(`${c.name}: the same computed styles and pixels as on a plain page`, async () => {
      for (const framework of Object.keys(frameworks) as Framework[])
        await expectSame(framework, c, c.name, true);
    });
  }

  // The states after every first view (a submitted form changes the figures the badges show).
  for (const c of widgetCases) {
    for (const state of c.states) {
      it(`${c.name}, ${state.name}: the same computed styles${state.stable ? ' and pixels' : ''}`, async () => {
        for (const name of ['plain', ...Object.keys(frameworks)] as const) {
          const page = pages[name as Framework | 'plain'] as Page;
          await state.enter(widgetOf(page, c), page);
        }
        for (const framework of Object.keys(frameworks) as Framework[])
          await expectSame(framework, c, `${c.name}-${state.name}`, state.stable === true);
      });
    }
  }

  it('the form stays usable on both', async () => {
    for (const framework of Object.keys(frameworks) as Framework[]) {
      const page = pages[framework] as Page;
      const surname = widgetOf(page, 'appeal').getByRole('textbox', { name: /Фамилия/ });
      await surname.fill('Петров');
      expect(await surname.inputValue()).toBe('Петров');
      await page.getByRole('button', { name: 'Отправить обращение' }).click();
      await expect.poll(() => widgetOf(page, 'appeal').getByRole('alert').count()).toBeGreaterThan(0);
    }
  });
});
