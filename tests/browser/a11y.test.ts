import axe from 'axe-core';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { fillAndSubmitByForm, type Harness, otklikReady, pageWith, startHarness } from './hostile-harness.ts';
import { expectEveryWidgetCovered, mount, widgetCases, widgetOf } from './widget-cases.ts';

/**
 * axe-core in Chromium on every widget state, at WCAG 2.2 AA. axe analyses open shadow roots itself;
 * each run is scoped to the widget's mount element, so what it reports belongs to the widget. Every
 * widget and state of the table in widget-cases.ts is audited; the tests after it add the states a
 * table row does not reach (loading, errors of the portal, other organisations and languages).
 */
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; summary: string }[];
}

describe.skipIf(!chromiumAvailable())('widgets pass axe-core at WCAG 2.2 AA in every state', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      pages: (portal) => ({
        '/counter-full.html': pageWith(
          portal,
          '<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div>',
        ),
        '/counter-compact.html': pageWith(
          portal,
          '<div data-otklik="appeal-counter" data-org="demo-school" data-variant="compact"></div>',
        ),
        '/counter-unknown.html': pageWith(
          portal,
          '<div data-otklik="appeal-counter" data-org="no-such-organization" data-variant="full"></div>',
        ),
        '/form-school.html': pageWith(portal, '<div data-otklik="appeal" data-org="demo-school"></div>'),
        '/form-by.html': pageWith(portal, '<div data-otklik="appeal" data-org="demo-by"></div>', {
          lang: 'be',
        }),
        '/tracker.html': pageWith(portal, '<div data-otklik="appeal-status" data-org="demo-school"></div>'),
        '/rate-by.html': pageWith(portal, '<div data-otklik="rate" data-org="demo-by"></div>', {
          lang: 'be',
        }),
        '/rate.html': pageWith(portal, '<div data-otklik="rate" data-org="demo-school"></div>'),
        '/rating-compact.html': pageWith(portal, '<div data-otklik="rating" data-org="demo-by"></div>', {
          lang: 'be',
        }),
        ...Object.fromEntries(widgetCases.map((c) => [`/case/${c.name}.html`, pageWith(portal, mount(c))])),
      }),
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function open(path: string, before?: (page: Page) => Promise<void>): Promise<Page> {
    const page = await h.browser.newPage();
    await before?.(page);
    await page.goto(`${h.site.origin}${path}`);
    await otklikReady(page);
    return page;
  }

  /** Runs axe on the mount element `selector` (shadow root included); returns the violations. */
  async function audit(page: Page, selector: string): Promise<Finding[]> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
    return page.evaluate(
      async ({ selector, tags }) => {
        const result = await (window as unknown as { axe: typeof axe }).axe.run(
          { include: [[selector]] } as axe.ElementContext,
          { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
        );
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact ?? null,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary ?? '' })),
        }));
      },
      { selector, tags },
    );
  }

  const report = (violations: Finding[]) =>
    violations
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  at ${JSON.stringify(n.target)}: ${n.summary}`).join('\n')}`,
      )
      .join('\n');

  async function expectClean(page: Page, selector: string) {
    const violations = await audit(page, selector);
    expect(violations, report(violations)).toEqual([]);
  }

  const counter = '[data-otklik="appeal-counter"]';
  const form = '[data-otklik="appeal"]';

  it('counter while loading', async () => {
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pending: Route[] = [];
    const page = await open('/counter-full.html', async (p) => {
      await p.route(/\/appeal-counter(\?|$)/, async (route) => {
        pending.push(route);
        await held;
        await route.continue();
      });
    });
    try {
      await expect.poll(() => pending.length).toBeGreaterThan(0);
      // Something is shown while the figures load, and it is not the table yet.
      await expect
        .poll(() => page.locator(counter).evaluate((el) => el.shadowRoot?.childElementCount ?? 0))
        .toBeGreaterThan(0);
      expect(await page.getByRole('table').count()).toBe(0);
      await expectClean(page, counter);
    } finally {
      release?.();
      await page.close();
    }
  });

  it('counter error (unknown organisation)', async () => {
    const page = await open('/counter-unknown.html');
    try {
      await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/недоступн/i);
      await expectClean(page, counter);
    } finally {
      await page.close();
    }
  });

  it('form, empty (300-З, Belarusian)', async () => {
    const page = await open('/form-by.html');
    try {
      await expect.poll(() => page.getByRole('textbox', { name: /Прозвішча/ }).count()).toBe(1);
      await expectClean(page, form);
    } finally {
      await page.close();
    }
  });

  it('form, receipt after filing (300-З flow), and the tracker opened by its private link', async () => {
    const page = await open('/form-by.html');
    try {
      await fillAndSubmitByForm(page, 'a11y.receipt@example.by');
      await expectClean(page, form);
      const link = await page.getByRole('textbox', { name: 'Асабістая спасылка на зварот' }).inputValue();
      const [row] = await h.portal.db.query<{ registration_number: string }>(
        'SELECT registration_number FROM appeals WHERE applicant_email = $1',
        ['a11y.receipt@example.by'],
      );
      const tracker = await h.browser.newPage();
      try {
        await tracker.goto(link);
        await otklikReady(tracker);
        await expect
          .poll(() =>
            tracker.getByRole('heading', { name: new RegExp(row?.registration_number ?? '-') }).count(),
          )
          .toBe(1);
        await expectClean(tracker, form);
      } finally {
        await tracker.close();
      }
    } finally {
      await page.close();
    }
  });

  // A control: axe does look inside the widget's shadow root (an unlabelled field put there is found).
  it('finds a defect planted inside the shadow root (control)', async () => {
    const page = await open('/counter-full.html');
    try {
      await expect.poll(() => page.getByRole('table').count()).toBe(1);
      await page.locator(counter).evaluate((host) => {
        const input = document.createElement('input');
        input.type = 'text';
        host.shadowRoot?.append(input);
      });
      const violations = await audit(page, counter);
      expect(violations.map((v) => v.id)).toContain('label');
      const target = violations.find((v) => v.id === 'label')?.nodes[0]?.target;
      // A shadow-piercing target: [host selector, selector inside the shadow root].
      expect(Array.isArray(target) && Array.isArray(target[0])).toBe(true);
    } finally {
      await page.close();
    }
  });

  // Every widget of the table, in each of its states: axe after each step.
  it('the table of widgets has a row for every widget of the build', () => {
    expectEveryWidgetCovered();
  });

  for (const c of widgetCases) {
    const states = ['shown', ...c.states.map((s) => s.name)];
    it(`${c.name}: ${states.join(', ')}`, async () => {
      const page = await open(`/case/${c.name}.html`);
      try {
        const widget = widgetOf(page, c);
        await c.shown(widget);
        const found: string[] = [];
        const check = async (state: string) => {
          const violations = await audit(page, `#${c.name}`);
          if (violations.length) found.push(`${state}:\n${report(violations)}`);
        };
        await check('shown');
        for (const state of c.states) {
          await state.enter(widget, page);
          await check(state.name);
        }
        expect(found.join('\n')).toBe('');
      } finally {
        await page.close();
      }
    });
  }

  const rate = '[data-otklik="rate"]';
  const formShown = (page: Page) =>
    expect.poll(() => page.getByRole('combobox', { name: /Услуга|Паслуга/ }).count()).toBe(1);

  it('rating form, empty (Belarusian)', async () => {
    const page = await open('/rate-by.html');
    try {
      await formShown(page);
      await expectClean(page, rate);
    } finally {
      await page.close();
    }
  });

  it('rating form, e-mail code sent', async () => {
    const page = await open('/rate.html');
    try {
      await formShown(page);
      await page.getByRole('textbox', { name: /Адрес электронной почты/ }).fill('a11y.rating@example.ru');
      await page.getByRole('button', { name: 'Получить код' }).click();
      await expect.poll(() => page.getByRole('textbox', { name: /Код из письма/ }).count()).toBe(1);
      await expectClean(page, rate);
    } finally {
      await page.close();
    }
  });

  it('rating badge, compact (Belarusian)', async () => {
    const page = await open('/rating-compact.html');
    try {
      const badge = '[data-otklik="rating"]';
      await expect.poll(() => page.locator(`${badge} section`).innerText()).toMatch(/адзнак/);
      await expectClean(page, badge);
    } finally {
      await page.close();
    }
  });
});
