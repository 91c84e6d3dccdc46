import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { type Harness, otklikReady, pageWith, startHarness } from './hostile-harness.ts';
import { expectEveryWidgetCovered, mount, widgetCases, widgetOf } from './widget-cases.ts';

/**
 * The modes a "version for the visually impaired" needs, in Chromium: no motion under
 * `prefers-reduced-motion: reduce`; a high-contrast, large-text mode a host switches on per widget
 * (`data-contrast="high"`) or for the whole site (a class on <html> and the `--otklik-*` tokens, see the
 * guides); the user's `prefers-contrast: more` and `forced-colors: active`. Every text in the widgets
 * must then reach 7:1 (WCAG AAA), and axe must find nothing, AAA contrast included. Every widget of the
 * table in widget-cases.ts is on the page, and the checks are made in every state the table brings
 * them into (step by step: all widgets first shown, then in their first state, and so on).
 */
const widgets = (extra = '') => `<main>
${widgetCases.map((c) => mount(c, { extra })).join('\n')}
</main>`;

/** The longest list of states in the table: the number of steps after "shown". */
const steps = Math.max(...widgetCases.map((c) => c.states.length));

/** What the guides tell a host to add for its own high-contrast switch. */
const siteSwitchCss = `html.otklik-high-contrast [data-otklik] {
  --otklik-color-text: #000; --otklik-color-background: #fff; --otklik-color-muted: #000;
  --otklik-color-accent: #000; --otklik-color-border: #000; --otklik-color-danger: #000;
  --otklik-font-size: 20px;
}`;

interface TextSample {
  where: string;
  text: string;
  color: string;
  background: string;
  ratio: number;
  fontSize: number;
}

describe.skipIf(!chromiumAvailable())('reduced motion, high contrast and large text', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      pages: (portal) => ({
        '/plain.html': pageWith(portal, widgets()),
        '/high.html': pageWith(portal, widgets(' data-contrast="high"')),
        '/switch.css': siteSwitchCss,
        '/switch.html': pageWith(portal, widgets(), { head: '<link rel="stylesheet" href="/switch.css">' }),
      }),
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function open(path: string, before?: (page: Page) => Promise<void>): Promise<Page> {
    const page = await h.browser.newPage({ viewport: { width: 1000, height: 900 } });
    await before?.(page);
    await page.goto(`${h.site.origin}${path}`);
    await otklikReady(page);
    for (const c of widgetCases) await c.shown(widgetOf(page, c));
    return page;
  }

  /**
   * Calls `check` with every widget shown, then brings every widget into its next state (on each of
   * `pages` alike) and calls it again, until every state of the table has been seen.
   */
  async function throughStates(pages: Page[], check: (step: string) => Promise<void>) {
    await check('shown');
    for (let i = 0; i < steps; i++) {
      const entered: string[] = [];
      for (const c of widgetCases) {
        const state = c.states[i];
        if (!state) continue;
        for (const page of pages) await state.enter(widgetOf(page, c), page);
        entered.push(`${c.name} ${state.name}`);
      }
      await check(entered.join(', '));
    }
  }

  /** Every visible text in the widgets' shadow roots, with its colour, background and contrast ratio. */
  const texts = (page: Page): Promise<TextSample[]> =>
    page.evaluate(() => {
      const rgba = (value: string) => {
        const [r = 0, g = 0, b = 0, a = 1] = (value.match(/[\d.]+/g) ?? []).map(Number);
        return { r, g, b, a: value.startsWith('rgba') ? a : 1 };
      };
      const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
        const channel = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      };
      /** The first opaque background up the tree (through shadow roots), white at the end. */
      const background = (el: Element) => {
        for (let node: Element | null = el; node; ) {
          const bg = rgba(getComputedStyle(node).backgroundColor);
          if (bg.a > 0.5) return bg;
          node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null;
        }
        return { r: 255, g: 255, b: 255, a: 1 };
      };
      const samples: TextSample[] = [];
      for (const host of Array.from(document.querySelectorAll('[data-otklik]'))) {
        const root = host.shadowRoot;
        if (!root) continue;
        for (const el of Array.from(root.querySelectorAll('*'))) {
          const own = Array.from(el.childNodes)
            .filter((n) => n.nodeType === 3)
            .map((n) => n.textContent?.trim())
            .join(' ')
            .trim();
          const field = /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName);
          if (!own && !field) continue;
          // Decoration beside its text (the rating's stars): graphics, checked on their own below.
          if (el.closest('[aria-hidden="true"]')) continue;
          const style = getComputedStyle(el);
          if (style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
          const fg = rgba(style.color);
          const bg = background(el);
          const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
          samples.push({
            where: `${host.id} ${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''}`,
            text: (own || (el as HTMLInputElement).value || el.tagName).slice(0, 40),
            color: style.color,
            background: `rgb(${bg.r}, ${bg.g}, ${bg.b})`,
            ratio: Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100,
            fontSize: Number.parseFloat(style.fontSize),
          });
        }
      }
      return samples;
    });

  const below = (samples: TextSample[], ratio: number) =>
    samples
      .filter((s) => s.ratio < ratio)
      .map((s) => `${s.where} "${s.text}": ${s.color} on ${s.background} = ${s.ratio}`);

  /**
   * Large text: body text at least 20px (the median), secondary text (hints, counters, set in `em`)
   * at least 16px. Returns what falls short.
   */
  const largeText = (samples: TextSample[]) => {
    const sizes = samples.map((s) => s.fontSize).sort((a, b) => a - b);
    const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
    return [
      ...(median < 20 ? [`median ${median}px`] : []),
      ...samples.filter((s) => s.fontSize < 16).map((s) => `${s.where} "${s.text}": ${s.fontSize}px`),
    ];
  };

  async function axeViolations(page: Page, extraTags: string[] = []): Promise<string[]> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
    return page.evaluate(
      async (tags) => {
        const result = await (window as unknown as { axe: typeof axe }).axe.run(
          { include: [['[data-otklik]']] } as axe.ElementContext,
          { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
        );
        return result.violations.flatMap((v) =>
          v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
        );
      },
      ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', ...extraTags],
    );
  }

  /** Transitions and animations that would run in the widgets; `control` adds one to the appeal form. */
  const motion = (page: Page, control: boolean) =>
    page.evaluate((control) => {
      if (control) {
        // A control: a transition and an animation of the widget's own, as a widget might add them.
        const host = document.getElementById('appeal') as HTMLElement;
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(
          '@keyframes otklik-test{to{opacity:.5}} button{transition:color 2s;animation:otklik-test 1s infinite}',
        );
        host.shadowRoot?.adoptedStyleSheets.push(sheet);
      }
      const moving: string[] = [];
      for (const el of Array.from(document.querySelectorAll('[data-otklik]')))
        for (const node of Array.from(el.shadowRoot?.querySelectorAll('*') ?? [])) {
          const style = getComputedStyle(node);
          const runs = (durations: string) => durations.split(',').some((d) => Number.parseFloat(d) > 0);
          const transition = runs(style.transitionDuration);
          const animation = style.animationName !== 'none' && runs(style.animationDuration);
          if (transition || animation)
            moving.push(`${el.id} ${node.tagName}: ${style.transitionDuration} ${style.animationName}`);
        }
      const running = Array.from(document.querySelectorAll('[data-otklik]')).flatMap((el) =>
        (el.shadowRoot?.getAnimations?.() ?? []).map((a) => `${el.id} ${a.id || 'animation'}`),
      );
      return { moving, running };
    }, control);

  it('the table of widgets has a row for every widget of the build', () => {
    expectEveryWidgetCovered();
  });

  it('prefers-reduced-motion: no transition or animation runs in any widget, in any state', async () => {
    const normal = await open('/plain.html');
    const control = await motion(normal, true);
    expect(control.moving.length).toBeGreaterThan(0);
    await normal.close();

    const reduced = await open('/plain.html', (page) => page.emulateMedia({ reducedMotion: 'reduce' }));
    try {
      await throughStates([reduced], async (step) => {
        const { moving, running } = await motion(reduced, step === 'shown');
        expect(moving, step).toEqual([]);
        expect(running, step).toEqual([]);
      });
    } finally {
      await reduced.close();
    }
  });

  it('normal mode: texts reach AA (4.5:1), which is what the base theme promises', async () => {
    const page = await open('/plain.html');
    try {
      await throughStates([page], async (step) => {
        const samples = await texts(page);
        expect(samples.length).toBeGreaterThan(30);
        expect(below(samples, 4.5), step).toEqual([]);
      });
    } finally {
      await page.close();
    }
  });

  it('data-contrast="high": every text reaches 7:1, text is larger (20px body), axe (AAA contrast too) finds nothing', async () => {
    const normal = await open('/plain.html');
    const page = await open('/high.html');
    try {
      await throughStates([normal, page], async (step) => {
        const before = await texts(normal);
        const samples = await texts(page);
        expect(samples.length, step).toBe(before.length);
        expect(below(samples, 7), step).toEqual([]);
        expect(largeText(samples), step).toEqual([]);
        // Larger than in the normal mode, element by element.
        const smaller = samples.filter((s, i) => !(s.fontSize > (before[i]?.fontSize ?? 0)));
        expect(
          smaller.map((s) => `${s.where} "${s.text}": ${s.fontSize}px`),
          step,
        ).toEqual([]);
        expect(await axeViolations(page, ['wcag2aaa']), step).toEqual([]);
      });
    } finally {
      await normal.close();
      await page.close();
    }
  });

  it('a site-wide switch (class on <html> + tokens) turns it on at once, without remounting', async () => {
    const page = await open('/switch.html');
    try {
      const surname = widgetOf(page, 'appeal').getByRole('textbox', { name: /Фамилия/ });
      await surname.fill('Петров');
      expect(below(await texts(page), 7).length).toBeGreaterThan(0);
      await page.evaluate(() => document.documentElement.classList.add('otklik-high-contrast'));
      // Still the same form with what was typed.
      await page.waitForTimeout(200);
      expect(await surname.inputValue()).toBe('Петров');
      await throughStates([page], async (step) => {
        const samples = await texts(page);
        expect(below(samples, 7), step).toEqual([]);
        expect(largeText(samples), step).toEqual([]);
      });
      expect(await axeViolations(page, ['wcag2aaa'])).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('high contrast: the rating graphics keep empty parts empty (an empty bar does not look full)', async () => {
    /** Mean brightness (0–255) inside the bar of the score nobody gave, its border left out. */
    const emptyBar = async (page: Page) => {
      const bar = widgetOf(page, 'rating-full').locator('progress[value="0"]').first();
      const png = PNG.sync.read(await bar.screenshot());
      let sum = 0;
      let n = 0;
      for (let y = 2; y < png.height - 2; y++)
        for (let x = 2; x < png.width - 2; x++) {
          const i = (y * png.width + x) * 4;
          sum += ((png.data[i] ?? 0) + (png.data[i + 1] ?? 0) + (png.data[i + 2] ?? 0)) / 3;
          n++;
        }
      return sum / n;
    };
    const high = await open('/high.html');
    const site = await open('/switch.html');
    try {
      await site.evaluate(() => document.documentElement.classList.add('otklik-high-contrast'));
      // (The demo's distribution has scores nobody gave.)
      expect(await emptyBar(high)).toBeGreaterThan(200);
      expect(await emptyBar(site)).toBeGreaterThan(200);
    } finally {
      await high.close();
      await site.close();
    }
  });

  it('prefers-contrast: more gives the high-contrast colours', async () => {
    const page = await open('/plain.html', (p) => p.emulateMedia({ contrast: 'more' }));
    try {
      await throughStates([page], async (step) => {
        expect(below(await texts(page), 7), step).toEqual([]);
      });
      expect(await axeViolations(page, ['wcag2aaa'])).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('forced-colors: active keeps boxes visible with system colours and passes axe', async () => {
    const page = await open('/plain.html', (p) => p.emulateMedia({ forcedColors: 'active' }));
    try {
      const border = await page
        .locator('#counter-full .box')
        .first()
        .evaluate((el) => {
          const s = getComputedStyle(el);
          return { width: s.borderTopWidth, style: s.borderTopStyle, color: s.borderTopColor };
        });
      expect(border.style).toBe('solid');
      expect(border.width).not.toBe('0px');
      expect(border.color).not.toMatch(/rgba\(0, 0, 0, 0\)/);
      await throughStates([page], async (step) => {
        expect(await axeViolations(page), step).toEqual([]);
      });
    } finally {
      await page.close();
    }
  });
});
