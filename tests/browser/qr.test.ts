import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeQr, QUIET_ZONE } from '../../packages/widget-rate/src/qr/draw.ts';
import { chromiumAvailable } from './chromium.ts';
import {
  type Harness,
  openPage,
  pageWith,
  shots,
  startHarness,
  strictCsp,
  violations,
  watchViolations,
  widgetsDir,
} from './hostile-harness.ts';
import { focused, tabTo } from './keyboard.ts';

/**
 * The QR widget as a webmaster ships it (built bundles, real portal, a foreign page under a strict CSP
 * with Trusted Types): nothing of the encoder loads before the code is asked for; the code shown and the
 * SVG and PNG downloaded encode the portal's rating page; that page works and may write to the API
 * from its own origin.
 */
/** The built file of a source module (from the widgets' build manifest). */
const chunkOf = (source: string) => {
  const manifest = JSON.parse(readFileSync(resolve(widgetsDir, 'widgets/.vite/manifest.json'), 'utf8'));
  return (manifest as Record<string, { file: string }>)[source]?.file ?? `missing ${source}`;
};

/** Paints `M x y h n v 1 h -n z` runs back into a grid of `size` × `size` modules. */
function decodePath(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const match of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, run] = match.slice(1).map(Number) as [number, number, number];
    for (let i = 0; i < run; i++) (grid[y] as boolean[])[x + i] = true;
  }
  return grid;
}

/** The expected grid of `text`, quiet zone included. */
function expectedGrid(text: string): boolean[][] {
  const image = makeQr(text);
  return Array.from({ length: image.size }, (_, row) =>
    Array.from({ length: image.size }, (_, column) =>
      Boolean(image.dark[row - QUIET_ZONE]?.[column - QUIET_ZONE]),
    ),
  );
}

describe.skipIf(!chromiumAvailable())('QR code in Chromium on a foreign page with a strict CSP', () => {
  let h: Harness;
  let portalPage: string;

  beforeAll(async () => {
    h = await startHarness({
      pages: (portal) => ({
        '/qr.html': pageWith(portal, '<h1>QR</h1><div data-otklik="qr" data-org="demo-school"></div>'),
      }),
      headers: (portal) => ({ 'content-security-policy': strictCsp(portal) }),
    });
    portalPage = `${h.portal.url}/r/demo-school`;
  });

  afterAll(async () => {
    await h?.close();
  });

  const open = (url: string) => openPage(h.browser, url, { init: watchViolations });

  it('draws the code only when asked, and downloads an SVG and a PNG of the same modules', async () => {
    const { page, errors, requests } = await open(`${h.site.origin}/qr.html`);
    try {
      const show = page.getByRole('button', { name: 'Показать QR-код' });
      await expect.poll(() => show.count()).toBe(1);
      const encoder = chunkOf('packages/widget-rate/src/qr/draw.ts');
      const view = chunkOf('packages/widget-rate/src/qr/view.tsx');
      const before = requests.filter((url) => url.includes('/widgets/'));
      expect(before.some((url) => url.endsWith(encoder) || url.endsWith(view))).toBe(false);
      expect(before.some((url) => url.includes(chunkOf('packages/widget-rate/src/qr.tsx')))).toBe(true);

      await show.click();
      const code = page.getByRole('img', { name: `QR-код со ссылкой ${portalPage}` });
      await expect.poll(() => code.count()).toBe(1);
      expect(requests.some((url) => url.endsWith(encoder))).toBe(true);
      const image = makeQr(portalPage);
      expect(await code.getAttribute('viewBox')).toBe(`0 0 ${image.size} ${image.size}`);
      expect(await code.locator('path').getAttribute('d')).toBe(image.path);
      expect(await page.getByRole('link', { name: portalPage.replace('http://', '') }).count()).toBe(1);

      // SVG file: its dimensions and its modules.
      const [svgDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Скачать SVG' }).click(),
      ]);
      expect(svgDownload.suggestedFilename()).toBe('otklik-qr-demo-school.svg');
      const svgText = readFileSync(await svgDownload.path(), 'utf8');
      const svg = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svgText).svg as {
        width: string;
        height: string;
        viewBox: string;
        title: string;
        path: { d: string };
      };
      expect(svg.width).toBe(String(image.size * 10));
      expect(svg.height).toBe(String(image.size * 10));
      expect(svg.viewBox).toBe(`0 0 ${image.size} ${image.size}`);
      expect(svg.title).toBe(portalPage);
      expect(decodePath(svg.path.d, image.size)).toEqual(expectedGrid(portalPage));

      // PNG file: sample the centre of every module.
      const [pngDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Скачать PNG' }).click(),
      ]);
      expect(pngDownload.suggestedFilename()).toBe('otklik-qr-demo-school.png');
      const png = PNG.sync.read(readFileSync(await pngDownload.path()));
      expect(png.width).toBe(png.height);
      const scale = png.width / image.size;
      expect(Number.isInteger(scale)).toBe(true);
      const grid = expectedGrid(portalPage);
      for (let row = 0; row < image.size; row++)
        for (let column = 0; column < image.size; column++) {
          const x = Math.floor((column + 0.5) * scale);
          const y = Math.floor((row + 0.5) * scale);
          const dark = (png.data[(y * png.width + x) * 4] ?? 255) < 128;
          expect(dark, `module ${column},${row}`).toBe(grid[row]?.[column]);
        }

      const seen = await violations(page);
      expect(seen, JSON.stringify(seen, null, 2)).toEqual([]);
      expect(errors, errors.join('\n')).toEqual([]);
      await page.screenshot({ path: resolve(shots, 'qr-card.png') });
    } finally {
      await page.close();
    }
  });

  it('is operated with the keyboard alone: show, download, poster, its format, print, hide', async () => {
    const { page, errors } = await open(`${h.site.origin}/qr.html`);
    try {
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => {
          (window as unknown as { printed: number }).printed++;
        };
      });
      const printed = () => page.evaluate(() => (window as unknown as { printed: number }).printed);
      const text = (label: string) => (f: { text: string }) => f.text === label;
      await page.getByRole('button', { name: 'Показать QR-код' }).waitFor();
      // From the top of the page: Tab to "Show", Enter draws the code and moves the focus onto it.
      await tabTo(page, text('Показать QR-код'));
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page))?.tag).toBe('figure');
      expect(await page.getByRole('img', { name: `QR-код со ссылкой ${portalPage}` }).count()).toBe(1);
      // Downloads: Enter on one button, Space on the other.
      await tabTo(page, text('Скачать SVG'));
      const [svg] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(svg.suggestedFilename()).toBe('otklik-qr-demo-school.svg');
      await tabTo(page, text('Скачать PNG'));
      const [png] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Space')]);
      expect(png.suggestedFilename()).toBe('otklik-qr-demo-school.png');
      // The poster: opened with Enter, it takes the focus.
      await tabTo(page, text('Плакат для печати'));
      await page.keyboard.press('Enter');
      const poster = page.getByRole('article', { name: 'Оцените качество услуг' });
      await expect.poll(async () => (await focused(page))?.tag).toBe('article');
      expect(await poster.getAttribute('class')).toBe('poster a4');
      // Its format is a native select: arrow keys change it.
      await tabTo(page, (f) => f.tag === 'select', { back: true });
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => poster.getAttribute('class')).toBe('poster a5');
      await tabTo(page, text('Распечатать'));
      await page.keyboard.press('Enter');
      await expect.poll(printed).toBe(1);
      // Hiding the poster gives the focus back to the button that opened it.
      await tabTo(page, text('Скрыть плакат'));
      await page.keyboard.press('Enter');
      await expect.poll(() => poster.count()).toBe(0);
      expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Плакат для печати' });
      const seen = await violations(page);
      expect(seen, JSON.stringify(seen, null, 2)).toEqual([]);
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('renders the example poster page and prints it with the code', async () => {
    // examples/site/poster.html, as shipped.
    const { page, errors, requests } = await open(`${h.site.origin}/poster.html`);
    try {
      const poster = page.getByRole('article', { name: 'Оцените качество услуг' });
      await expect.poll(() => poster.count()).toBe(1);
      expect(await poster.innerText()).toContain('127.0.0.1');
      expect(requests.some((url) => url.endsWith(chunkOf('packages/widget-rate/src/qr/draw.ts')))).toBe(
        false,
      );
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => {
          (window as unknown as { printed: number }).printed++;
        };
      });
      await page.getByRole('button', { name: 'Распечатать' }).click();
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed))
        .toBe(1);
      expect(await poster.getByRole('img').count()).toBe(1);
      // Printed, the page's chrome and the widget's controls are hidden: only the poster remains.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: 'Распечатать' }).isVisible()).toBe(false);
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(false);
      expect(await poster.getByRole('img').isVisible()).toBe(true);
      await page.screenshot({ path: resolve(shots, 'qr-poster-print.png'), fullPage: true });
      const seen = await violations(page);
      expect(seen, JSON.stringify(seen, null, 2)).toEqual([]);
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('leads to the portal’s own rating page, which runs under its strict CSP and may write to the API', async () => {
    const { page, errors } = await open(portalPage);
    try {
      expect(await page.title()).toContain('Средняя общеобразовательная школа № 1');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Оцените качество услуг');
      // Both widgets mounted (their content depends on the rating endpoints).
      await expect
        .poll(() =>
          page.evaluate(() =>
            Array.from(document.querySelectorAll('[data-otklik]'), (el) => Boolean(el.shadowRoot)),
          ),
        )
        .toEqual([true, true]);
      // A same-origin POST carries Origin: the portal accepts its own.
      const status = await page.evaluate(
        async () => (await fetch('/v1/organizations/demo-school/challenges', { method: 'POST' })).status,
      );
      expect(status).toBe(201);
      const seen = await violations(page);
      expect(seen, JSON.stringify(seen, null, 2)).toEqual([]);
      expect(
        errors.filter((e) => !/503|Service Unavailable/.test(e)),
        errors.join('\n'),
      ).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
