import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { type Harness, otklikReady, pageWith, startHarness } from './hostile-harness.ts';
import { mount, widgetCases, widgetOf } from './widget-cases.ts';

/**
 * Size of text: by default the widgets' body text and every input are at least 16 px (readable next to
 * a host's 18–20 px text; mobile Safari zooms into a smaller field on focus); secondary text (hints,
 * counters) is not below 14 px. A host's `--otklik-font-size` still decides.
 */
const all = `<main>${widgetCases.map((c) => mount(c)).join('\n')}</main>`;

/** Font sizes of the visible texts and form controls in the widgets, by kind. */
const sizes = (page: Page) =>
  page.evaluate(() => {
    const controls: number[] = [];
    const texts: number[] = [];
    for (const host of Array.from(document.querySelectorAll('[data-otklik]'))) {
      for (const el of Array.from(host.shadowRoot?.querySelectorAll('*') ?? [])) {
        if (el.getClientRects().length === 0 || el.closest('.sr,.hp,[aria-hidden="true"]')) continue;
        const size = Number.parseFloat(getComputedStyle(el).fontSize);
        if (/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) controls.push(size);
        else if (Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent?.trim()))
          texts.push(size);
      }
    }
    texts.sort((a, b) => a - b);
    return { controls, smallestText: texts[0] ?? 0, medianText: texts[Math.floor(texts.length / 2)] ?? 0 };
  });

describe.skipIf(!chromiumAvailable())('size of text', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      pages: (portal) => ({
        '/plain.html': pageWith(portal, all),
        '/small.css': '[data-otklik] { --otklik-font-size: 13px }',
        '/small.html': pageWith(portal, all, { head: '<link rel="stylesheet" href="/small.css">' }),
      }),
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function open(path: string) {
    const page = await h.browser.newPage();
    await page.goto(`${h.site.origin}${path}`);
    await otklikReady(page);
    for (const c of widgetCases) await c.shown(widgetOf(page, c));
    return page;
  }

  it('inputs and body text are at least 16 px by default, hints at least 14 px', async () => {
    const page = await open('/plain.html');
    const found = await sizes(page);
    expect(found.controls.length).toBeGreaterThan(5);
    expect(found.controls.filter((size) => size < 16)).toEqual([]);
    expect(found.medianText).toBeGreaterThanOrEqual(16);
    expect(found.smallestText).toBeGreaterThanOrEqual(14);
    await page.close();
  });

  it('follows the host’s --otklik-font-size', async () => {
    const page = await open('/small.html');
    const found = await sizes(page);
    expect(found.medianText).toBe(13);
    await page.close();
  });
});
