import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { type Harness, otklikReady, pageWith, shots, startHarness } from './hostile-harness.ts';

/**
 * The counter and the form on a page whose stylesheet attacks everything it can reach: universal and
 * element rules with `!important`, inherited font, colour and letter-spacing, a `z-index: 10000` fixed
 * overlay. The widgets must look exactly as they do on a plain page (the same content width), and stay
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
<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div>
<div data-otklik="appeal-counter" data-org="demo-school" data-variant="compact"></div>
<div data-otklik="appeal" data-org="demo-school"></div>
</main>`;

/** The widget's own root element inside the shadow root of each mount. */
const targets = {
  'counter-full': '[data-otklik="appeal-counter"][data-variant="full"]',
  'counter-compact': '[data-otklik="appeal-counter"][data-variant="compact"]',
  form: '[data-otklik="appeal"]',
} as const;
type Target = keyof typeof targets;

/** Computed styles that host CSS would change through inheritance or matching. */
const properties = [
  'font-family',
  'font-size',
  'font-weight',
  'line-height',
  'letter-spacing',
  'color',
  'box-sizing',
  'display',
  'padding-top',
  'padding-left',
  'border-top-width',
  'border-top-color',
  'visibility',
];

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
    // (Runs in beforeAll, where expect.poll is not available: wait with locators.)
    await page.getByRole('table').waitFor();
    await page.getByRole('textbox', { name: /Фамилия/ }).waitFor();
    await page.locator(`${targets['counter-compact']} section`).filter({ hasText: /\d/ }).first().waitFor();
    // Fonts settle before screenshots and measurements.
    await page.evaluate(() => document.fonts.ready);
    return { page, errors };
  }

  /** The first element of the widget's shadow root (its own box). */
  const root = (page: Page, target: Target) => page.locator(`${targets[target]} > *`).first();

  /** Computed styles of every element in the shadow root, in document order. */
  const shadowStyles = (page: Page, target: Target) =>
    page.locator(targets[target]).evaluate((host, properties) => {
      const out: string[] = [];
      const walk = (node: Element | ShadowRoot, path: string) => {
        for (const [i, child] of Array.from(node.children).entries()) {
          if (child.tagName === 'STYLE' || child.tagName === 'LINK') continue;
          const here = `${path}>${child.tagName.toLowerCase()}${child.id ? `#${child.id}` : ''}[${i}]`;
          const style = getComputedStyle(child);
          out.push(`${here} ${properties.map((p) => `${p}:${style.getPropertyValue(p)}`).join('; ')}`);
          walk(child, here);
        }
      };
      if (host.shadowRoot) walk(host.shadowRoot, '');
      return out;
    }, properties);

  /** Per-property differences between two style dumps, readable in an assertion message. */
  function styleDiff(plain: string[], hostile: string[]): string[] {
    const diffs: string[] = [];
    if (plain.length !== hostile.length) diffs.push(`element count ${plain.length} ≠ ${hostile.length}`);
    for (let i = 0; i < Math.min(plain.length, hostile.length); i++) {
      const [path, ...a] = (plain[i] as string).split(' ');
      const b = (hostile[i] as string).split(' ').slice(1);
      const pa = a.join(' ').split('; ');
      const pb = b.join(' ').split('; ');
      for (let j = 0; j < pa.length; j++) if (pa[j] !== pb[j]) diffs.push(`${path}: ${pa[j]} → ${pb[j]}`);
    }
    return diffs;
  }

  function pixelDiff(a: Buffer, b: Buffer): { size: string; differing: number; ratio: number; image?: PNG } {
    const pa = PNG.sync.read(a);
    const pb = PNG.sync.read(b);
    if (pa.width !== pb.width || pa.height !== pb.height) {
      return { size: `${pa.width}×${pa.height} ≠ ${pb.width}×${pb.height}`, differing: -1, ratio: 1 };
    }
    const out = new PNG({ width: pa.width, height: pa.height });
    let differing = 0;
    const { width, height } = pa;
    for (let i = 0; i < pa.data.length; i += 4) {
      const x = (i / 4) % width;
      const y = Math.floor(i / 4 / width);
      // The outermost pixel row and column are left out: the element sits at a fractional position on
      // one page (the host's 30px/3 lines above it), so its edge pixels blend with what is around it.
      const edge = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      const delta = Math.max(
        Math.abs((pa.data[i] as number) - (pb.data[i] as number)),
        Math.abs((pa.data[i + 1] as number) - (pb.data[i + 1] as number)),
        Math.abs((pa.data[i + 2] as number) - (pb.data[i + 2] as number)),
      );
      const bad = !edge && delta > 16;
      if (bad) differing++;
      out.data[i] = bad ? 255 : (pa.data[i] as number) / 3;
      out.data[i + 1] = bad ? 0 : (pa.data[i + 1] as number) / 3;
      out.data[i + 2] = bad ? 0 : (pa.data[i + 2] as number) / 3;
      out.data[i + 3] = 255;
    }
    return {
      size: `${pa.width}×${pa.height}`,
      differing,
      ratio: differing / (pa.width * pa.height),
      image: out,
    };
  }

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
    const host = await hostile.page.locator(targets.form).evaluate((el) => {
      const s = getComputedStyle(el);
      return { font: s.fontFamily, color: s.color, padding: s.paddingTop, letterSpacing: s.letterSpacing };
    });
    expect(host).toEqual({ font: 'serif', color: 'rgb(255, 0, 0)', padding: '40px', letterSpacing: '3px' });
    // The widgets are not covered by the overlay.
    const overlay = await hostile.page.locator('.overlay').boundingBox();
    for (const target of Object.keys(targets) as Target[]) {
      const box = await root(hostile.page, target).boundingBox();
      expect(box && overlay && box.x >= overlay.x + overlay.width, target).toBe(true);
    }
  });

  for (const target of Object.keys(targets) as Target[]) {
    it(`${target}: computed styles inside the shadow root are the widget's own`, async () => {
      const a = await shadowStyles(plain.page, target);
      const b = await shadowStyles(hostile.page, target);
      expect(a.length).toBeGreaterThan(0);
      const diffs = styleDiff(a, b);
      expect(diffs, diffs.slice(0, 40).join('\n')).toEqual([]);
    });

    it(`${target}: looks the same as on a plain page (pixel comparison)`, async () => {
      const a = await root(plain.page, target).screenshot({ animations: 'disabled', caret: 'hide' });
      const b = await root(hostile.page, target).screenshot({ animations: 'disabled', caret: 'hide' });
      await writeFile(resolve(shots, `hostile-css-${target}-plain.png`), a);
      await writeFile(resolve(shots, `hostile-css-${target}-hostile.png`), b);
      const diff = pixelDiff(a, b);
      if (diff.image)
        await writeFile(resolve(shots, `hostile-css-${target}-diff.png`), PNG.sync.write(diff.image));
      // A little tolerance for anti-aliasing; a change of font, colour or spacing differs by far more.
      expect(diff.ratio, `${target}: ${diff.size}, ${diff.differing} pixels differ`).toBeLessThan(0.005);
    });
  }

  it('the form stays usable: fields take clicks and typing, the submit button reacts', async () => {
    const { page, errors } = hostile;
    const surname = page.getByRole('textbox', { name: /Фамилия/ });
    await surname.click();
    await page.keyboard.type('Петров');
    expect(await surname.inputValue()).toBe('Петров');
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    expect(errors, errors.join('\n')).toEqual([]);
    expect(plain.errors, plain.errors.join('\n')).toEqual([]);
  });
});
