import axe from 'axe-core';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { fillAndSubmitByForm, type Harness, otklikReady, pageWith, startHarness } from './hostile-harness.ts';

/**
 * axe-core in Chromium on every widget state, at WCAG 2.2 AA. axe analyses open shadow roots itself;
 * each run is scoped to the widget's mount element, so what it reports belongs to the widget.
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
    await page.addScriptTag({ content: axe.source });
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

  it('counter, full table', async () => {
    const page = await open('/counter-full.html');
    try {
      await expect.poll(() => page.getByRole('table').count()).toBe(1);
      await expectClean(page, counter);
    } finally {
      await page.close();
    }
  });

  it('counter, compact badge', async () => {
    const page = await open('/counter-compact.html');
    try {
      await expect.poll(() => page.locator(`${counter} section`).innerText()).toMatch(/\d/);
      await expectClean(page, counter);
    } finally {
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

  it('form, empty (with the e-mail code step)', async () => {
    const page = await open('/form-school.html');
    try {
      await expect.poll(() => page.getByRole('textbox', { name: /Фамилия/ }).count()).toBe(1);
      await expectClean(page, form);
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

  it('form, with errors after submitting it empty', async () => {
    const page = await open('/form-school.html');
    try {
      await expect.poll(() => page.getByRole('textbox', { name: /Фамилия/ }).count()).toBe(1);
      await page.getByRole('button', { name: 'Отправить обращение' }).click();
      await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator(`${form} [aria-invalid="true"]`).count()).toBeGreaterThan(0);
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

  it('tracker without a private link (the lost-link form)', async () => {
    const page = await open('/tracker.html');
    try {
      await expect.poll(() => page.getByRole('heading', { name: 'Узнать статус обращения' }).count()).toBe(1);
      await expectClean(page, '[data-otklik="appeal-status"]');
    } finally {
      await page.close();
    }
  });
});
