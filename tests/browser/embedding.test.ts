import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { fillAndSubmitByForm, type Harness, otklikReady, pageWith, startHarness } from './hostile-harness.ts';
import {
  expectEveryWidgetCovered,
  fillRateForm,
  mount,
  thanksHeading,
  widgetCases,
  widgetOf,
} from './widget-cases.ts';

/**
 * How real sites embed the widgets, on a foreign origin with the built bundles: a single-page app that
 * swaps its content with history.pushState (with `Otklik.reload()`, and without it through the
 * loader's own observation of the document), two widgets of each kind on one page, the loader included
 * twice, a page in Belarusian (every widget of the table in widget-cases.ts).
 */

/** A tiny router, as SPA frameworks do it: content replaced on navigation, no page load. */
const spaScript = `
const routes = {
  '/spa/home.html': '<h1>Главная</h1><div id="c1" data-otklik="appeal-counter" data-org="demo-school"></div>' +
    '<div id="c2" data-otklik="appeal-counter" data-org="demo-by" data-variant="full"></div>',
  '/spa/appeal.html': '<h1>Обращение</h1><div id="f1" data-otklik="appeal" data-org="demo-school"></div>' +
    '<div id="c3" data-otklik="appeal-counter" data-org="demo-school"></div>',
  '/spa/empty.html': '<h1>Пусто</h1>',
};
function render() { document.getElementById('view').innerHTML = routes[location.pathname] || '<p>404</p>'; }
window.navigate = function (path) { history.pushState(null, '', path); render(); };
addEventListener('popstate', render);
render();
`;

const spaPage = (portal: string) =>
  pageWith(portal, '<nav>Школа № 1</nav><main id="view"></main><script src="/spa.js"></script>');

/** Records `otklik:ready` events (queued before the loader arrives) for the page to read. */
const readyRecorder = `(window.Otklik = window.Otklik || []).push(['on', 'ready', function (e) {
  (window.__ready = window.__ready || []).push([e.target.id, e.detail.widget, e.detail.data]);
}]);`;

type SpaWindow = Window & {
  navigate(path: string): void;
  Otklik: { reload(): Promise<void>; load(): Promise<void>; version: string };
  __kept: Record<string, Element>;
};

describe.skipIf(!chromiumAvailable())('embedding in real-world pages', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      pages: (portal) => ({
        '/spa.js': spaScript,
        '/spa/home.html': spaPage(portal),
        '/spa/appeal.html': spaPage(portal),
        '/spa/empty.html': spaPage(portal),
        '/ready.js': readyRecorder,
        '/two.html': pageWith(
          portal,
          `<div id="c-school" data-otklik="appeal-counter" data-org="demo-school"></div>
<div id="c-by" data-otklik="appeal-counter" data-org="demo-by" data-variant="full"></div>
<div id="f-school" data-otklik="appeal" data-org="demo-school"></div>
<div id="f-by" data-otklik="appeal" data-org="demo-by" data-lang="be"></div>`,
          { head: '<script src="/ready.js"></script>' },
        ),
        '/twice.html': pageWith(
          portal,
          `<div id="c" data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div>
<script src="${portal}/otklik.js" defer></script><script src="${portal}/otklik.js?v=2"></script>`,
          { head: `<script src="${portal}/otklik.js" defer></script>` },
        ),
        '/spa/all.html': pageWith(portal, '<main id="view"></main>'),
        '/two-rating.html': pageWith(
          portal,
          `<h1>Оценка качества</h1>
<div id="badge-school" data-otklik="rating" data-org="demo-school"></div>
<div id="badge-by" data-otklik="rating" data-org="demo-by" data-variant="full"></div>
<div id="rate-school" data-otklik="rate" data-org="demo-school"></div>
<div id="rate-by" data-otklik="rate" data-org="demo-by"></div>
<div id="qr-school" data-otklik="qr" data-org="demo-school"></div>
<div id="qr-by" data-otklik="qr" data-org="demo-by"></div>
<div id="search-ru" data-otklik="org-search" data-country="RU"></div>
<div id="search-by" data-otklik="org-search" data-country="BY"></div>`,
        ),
        '/be-all.html': pageWith(
          portal,
          `<h1>Ацэнка якасці паслуг</h1>${widgetCases.map((c) => mount(c, { attributes: c.belarusian })).join('\n')}`,
          { lang: 'be' },
        ),
        '/be.html': pageWith(
          portal,
          `<h1>Звароты грамадзян</h1>
<div id="full" data-otklik="appeal-counter" data-org="demo-by" data-variant="full"></div>
<div id="compact" data-otklik="appeal-counter" data-org="demo-by"></div>
<div id="form" data-otklik="appeal" data-org="demo-by"></div>`,
          { lang: 'be' },
        ),
      }),
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function open(path: string, before?: (page: Page) => Promise<void>) {
    const page = await h.browser.newPage();
    const errors: string[] = [];
    const requests: Request[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && errors.push(`console: ${message.text()}`));
    page.on('request', (request) => request.url().includes('/v1/') && requests.push(request));
    await before?.(page);
    await page.goto(`${h.site.origin}${path}`);
    await otklikReady(page);
    return { page, errors, requests };
  }

  /** For each id: whether it is in the document, and its shadow root's top-level element count. */
  const state = (page: Page, ids: string[]) =>
    page.evaluate((ids) => {
      const kept = (window as unknown as SpaWindow).__kept ?? {};
      return Object.fromEntries(
        ids.map((id) => {
          const el = document.getElementById(id) ?? kept[id];
          return [
            id,
            el
              ? `${el.isConnected ? 'in' : 'out'}:${el.shadowRoot ? el.shadowRoot.children.length : '-'}:${el.shadowRoot?.adoptedStyleSheets.length ?? '-'}`
              : 'none',
          ];
        }),
      );
    }, ids);

  /** Keeps references to elements, so their shadow roots can be checked after they leave the page. */
  const keep = (page: Page, ids: string[]) =>
    page.evaluate((ids) => {
      const w = window as unknown as SpaWindow;
      w.__kept = w.__kept ?? {};
      for (const id of ids) {
        const el = document.getElementById(id);
        if (el) w.__kept[id] = el;
      }
    }, ids);

  const mountedOnce = 'in:1:2';
  const unmounted = 'out:0:0';

  it('SPA: reload() after a pushState navigation mounts the new points once and unmounts the removed ones', async () => {
    const { page, errors } = await open('/spa/home.html');
    try {
      await expect.poll(() => state(page, ['c1', 'c2'])).toEqual({ c1: mountedOnce, c2: mountedOnce });
      await keep(page, ['c1', 'c2']);
      // Navigate and reload; checked as soon as reload() resolves, before the loader's own observer
      // (debounced) would have acted.
      const right = await page.evaluate(async () => {
        const w = window as unknown as SpaWindow;
        w.navigate('/spa/appeal.html');
        await w.Otklik.reload();
        const shadow = (id: string) => {
          const el = document.getElementById(id) ?? w.__kept[id];
          return `${el?.isConnected ? 'in' : 'out'}:${el?.shadowRoot?.children.length ?? '-'}`;
        };
        return {
          path: location.pathname,
          c1: shadow('c1'),
          c2: shadow('c2'),
          f1: shadow('f1'),
          c3: shadow('c3'),
        };
      });
      expect(right).toEqual({ path: '/spa/appeal.html', c1: 'out:0', c2: 'out:0', f1: 'in:1', c3: 'in:1' });
      await page.getByRole('textbox', { name: /Фамилия/ }).waitFor();
      // More scans change nothing: no second copy of any widget.
      await page.evaluate(async () => {
        const w = window as unknown as SpaWindow;
        await w.Otklik.load();
        await w.Otklik.reload();
      });
      await page.waitForTimeout(200);
      expect(await state(page, ['c1', 'c2', 'f1', 'c3'])).toEqual({
        c1: unmounted,
        c2: unmounted,
        f1: mountedOnce,
        c3: mountedOnce,
      });
      expect(await page.locator('#f1 form').count()).toBe(1);
      expect(await page.getByRole('textbox', { name: /Фамилия/ }).count()).toBe(1);

      // Back: popstate renders the first view again; the loader's observer mounts it by itself.
      await keep(page, ['f1', 'c3']);
      await page.goBack();
      await expect
        .poll(() => state(page, ['c1', 'c2', 'f1', 'c3']))
        .toEqual({ c1: mountedOnce, c2: mountedOnce, f1: unmounted, c3: unmounted });
      expect(await page.getByRole('table').count()).toBe(1);
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('SPA: without reload(), the loader mounts points added later and unmounts removed ones', async () => {
    const { page, errors } = await open('/spa/empty.html');
    try {
      await page.evaluate(() => (window as unknown as SpaWindow).navigate('/spa/home.html'));
      await expect.poll(() => state(page, ['c1', 'c2'])).toEqual({ c1: mountedOnce, c2: mountedOnce });
      await expect.poll(() => page.getByRole('table').count()).toBe(1);
      await keep(page, ['c1', 'c2']);
      await page.evaluate(() => (window as unknown as SpaWindow).navigate('/spa/empty.html'));
      await expect.poll(() => state(page, ['c1', 'c2'])).toEqual({ c1: unmounted, c2: unmounted });
      // A point added by script elsewhere on the page.
      await page.evaluate(() => {
        const div = document.createElement('div');
        div.id = 'late';
        div.setAttribute('data-otklik', 'appeal-counter');
        div.setAttribute('data-org', 'demo-school');
        document.body.append(div);
      });
      await expect.poll(() => state(page, ['late'])).toEqual({ late: mountedOnce });
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('SPA: a removed form stops its timers and makes no more requests', async () => {
    const { page, requests } = await open('/spa/appeal.html', (p) => p.clock.install());
    const challenges = () => requests.filter((r) => r.method() === 'POST' && r.url().endsWith('/challenges'));
    try {
      await page.getByRole('textbox', { name: /Фамилия/ }).waitFor();
      // The form fetches a proof-of-work challenge at once, and a fresh one a minute before it expires
      // (10 minutes): the control that its timer runs while it is mounted.
      await expect.poll(() => challenges().length).toBe(1);
      // (The refresh is scheduled once the challenge is solved, in the background — real hashing that
      // takes as long as the machine needs, not fake time: move on a minute at a time until it fires.)
      await expect
        .poll(
          async () => {
            await page.clock.fastForward('01:00');
            return challenges().length;
          },
          { timeout: 30_000, interval: 200 },
        )
        .toBeGreaterThanOrEqual(2);
      expect(challenges().length).toBe(2);

      await keep(page, ['f1', 'c3']);
      await page.evaluate(async () => {
        const w = window as unknown as SpaWindow;
        w.navigate('/spa/empty.html');
        await w.Otklik.reload();
      });
      expect(await state(page, ['f1', 'c3'])).toEqual({ f1: unmounted, c3: unmounted });
      // Let any request already under way settle, then count from there.
      await page.waitForTimeout(300);
      const before = requests.length;
      await page.clock.fastForward('30:00');
      await page.waitForTimeout(500);
      expect(requests.slice(before).map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('SPA: every widget of the table mounts once, and unmounts cleanly in whatever state it is in', async () => {
    const { page, errors, requests } = await open('/spa/all.html');
    const ids = widgetCases.map((c) => c.name);
    try {
      // Content rendered by script, as a router does, and mounted by `load()`.
      await page.evaluate(
        async (html) => {
          (document.getElementById('view') as HTMLElement).innerHTML = html;
          await (window as unknown as SpaWindow).Otklik.load();
        },
        widgetCases.map((c) => mount(c)).join(''),
      );
      for (const c of widgetCases) await c.shown(widgetOf(page, c));
      expect(await state(page, ids)).toEqual(
        Object.fromEntries(ids.map((id) => [id, expect.stringMatching(/^in:1:\d+$/)])),
      );
      for (const c of widgetCases) for (const s of c.states) await s.enter(widgetOf(page, c), page);
      // Navigated away (right after the last state: the map may still be settling).
      await keep(page, ids);
      await page.evaluate(async () => {
        (document.getElementById('view') as HTMLElement).replaceChildren();
        await (window as unknown as SpaWindow).Otklik.reload();
      });
      expect(await state(page, ids)).toEqual(Object.fromEntries(ids.map((id) => [id, unmounted])));
      await page.waitForTimeout(300);
      const before = requests.length;
      await page.waitForTimeout(1000);
      expect(requests.slice(before).map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('two counters of different organisations and two forms work independently on one page', async () => {
    const { page, errors } = await open('/two.html');
    try {
      await expect
        .poll(() =>
          page.evaluate(() => ((window as unknown as { __ready?: unknown[] }).__ready ?? []).length),
        )
        .toBeGreaterThanOrEqual(2);
      const ready = await page.evaluate(
        () => (window as unknown as { __ready: [string, string, { month: { received: number } }][] }).__ready,
      );
      for (const [id, org] of [
        ['c-school', 'demo-school'],
        ['c-by', 'demo-by'],
      ] as const) {
        const response = await fetch(
          `${h.portal.url.replace(/\/$/, '')}/v1/organizations/${org}/appeal-counter`,
        );
        const expected = (await response.json()) as {
          month: { received: number };
          year: { received: number };
        };
        const event = ready.find(([target]) => target === id);
        expect(event?.[1]).toBe('appeal-counter');
        expect(event?.[2].month.received, id).toBe(expected.month.received);
      }
      // Each counter shows its own organisation's figures.
      const full = await page.locator('#c-by table').innerText();
      expect(full).toMatch(/Поступило обращений/);
      await expect.poll(() => page.locator('#c-school section').innerText()).toMatch(/\d/);
      expect(await page.locator('[data-otklik] table').count()).toBe(1);

      // The forms: typing in one leaves the other alone; filing one leaves the other as it was.
      await page.getByRole('textbox', { name: /Фамилия/ }).fill('Иванов');
      await fillAndSubmitByForm(page, 'two.forms@example.by');
      expect(
        await page
          .locator('#f-school')
          .getByRole('textbox', { name: /Фамилия/ })
          .inputValue(),
      ).toBe('Иванов');
      expect(
        await page
          .locator('#f-school')
          .getByRole('heading', { name: /зарегистрировано/ })
          .count(),
      ).toBe(0);
      expect(
        await page.locator('#f-by').getByRole('heading', { name: 'Зварот зарэгістраваны' }).count(),
      ).toBe(1);
      const [row] = await h.portal.db.query<{ organization_id: string }>(
        'SELECT organization_id FROM appeals WHERE applicant_email = $1',
        ['two.forms@example.by'],
      );
      expect(row?.organization_id).toBe('demo-by');
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('two rating badges, rating forms, QR codes and organisation searches work independently on one page', async () => {
    const { page, errors, requests } = await open('/two-rating.html');
    const summary = async (org: string) =>
      (await (await fetch(`${h.portal.url.replace(/\/$/, '')}/v1/organizations/${org}/rating`)).json()) as {
        count: number;
        average: number;
        criteria: { label: { ru: string } }[];
      };
    try {
      // Badges: each shows its own organisation's figures (the two have different criteria).
      const [school, by] = [await summary('demo-school'), await summary('demo-by')];
      const badgeSchool = page.locator('#badge-school section');
      const badgeBy = page.locator('#badge-by').getByRole('table').first();
      const average = (n: number) => `${String(Math.round(n * 10) / 10).replace('.', ',')} из 5`;
      await expect.poll(() => badgeSchool.innerText()).toContain(`${school.count} оцен`);
      expect(await badgeSchool.innerText()).toContain(average(school.average));
      await expect.poll(() => badgeBy.innerText()).toContain(`${by.count} оцен`);
      const criterion = (summary: { criteria: { label: { ru: string } }[] }) =>
        summary.criteria[0]?.label.ru ?? '-';
      expect(criterion(by)).not.toBe(criterion(school));
      expect(await badgeBy.innerText()).toContain(criterion(by));
      expect(await badgeBy.innerText()).not.toContain(criterion(school));

      // Rating forms: a choice in one leaves the other alone; sending one leaves the other as it was.
      const rateSchool = widgetOf(page, 'rate-school');
      const rateBy = widgetOf(page, 'rate-by');
      await rateSchool.getByRole('combobox', { name: /Услуга/ }).waitFor();
      await rateBy.getByRole('combobox', { name: /Услуга/ }).waitFor();
      await rateSchool.getByRole('combobox', { name: /Услуга/ }).selectOption({ index: 2 });
      const chosen = await rateSchool.getByRole('combobox', { name: /Услуга/ }).inputValue();
      const badgeRequests = () => requests.filter((r) => /\/rating$/.test(r.url())).map((r) => r.url());
      const before = badgeRequests();
      await fillRateForm(rateBy);
      await rateBy.getByRole('heading', { name: thanksHeading }).waitFor({ timeout: 20_000 });
      expect(await rateSchool.getByRole('combobox', { name: /Услуга/ }).inputValue()).toBe(chosen);
      expect(await rateSchool.getByRole('heading', { name: thanksHeading }).count()).toBe(0);
      expect(await rateSchool.locator('[aria-invalid="true"]').count()).toBe(0);
      expect((await summary('demo-by')).count).toBe(by.count + 1);
      expect((await summary('demo-school')).count).toBe(school.count);
      // Only the badge of the organisation rated refreshes.
      await expect.poll(() => badgeBy.innerText()).toContain(`${by.count + 1} оцен`);
      await page.waitForTimeout(300);
      const refreshed = badgeRequests().slice(before.length);
      expect(
        refreshed.every((url) => url.includes('/demo-by/')),
        refreshed.join('\n'),
      ).toBe(true);
      expect(await badgeSchool.innerText()).toContain(`${school.count} оцен`);

      // QR codes: showing one draws that one only, each with its own organisation's page.
      const qrSchool = widgetOf(page, 'qr-school');
      const qrBy = widgetOf(page, 'qr-by');
      await qrSchool.getByRole('button', { name: 'Показать QR-код' }).click();
      await qrSchool.getByRole('img', { name: /QR-код/ }).waitFor();
      expect(await qrSchool.getByRole('img', { name: /QR-код/ }).getAttribute('aria-label')).toMatch(
        /\/r\/demo-school$/,
      );
      expect(await qrBy.getByRole('img').count()).toBe(0);
      expect(await qrBy.getByRole('button', { name: 'Показать QR-код' }).count()).toBe(1);
      await qrBy.getByRole('button', { name: 'Показать QR-код' }).click();
      await qrBy.getByRole('img', { name: /QR-код/ }).waitFor();
      expect(await qrBy.getByRole('img', { name: /QR-код/ }).getAttribute('aria-label')).toMatch(
        // (The page speaks Russian; the organisation's own first language is Belarusian.)
        /\/r\/demo-by\?lang=ru$/,
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        qrBy.getByRole('button', { name: 'Скачать SVG' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('otklik-qr-demo-by.svg');
      // The poster of one leaves the other's card.
      await qrSchool.getByRole('button', { name: 'Плакат для печати' }).click();
      await qrSchool.getByRole('article').waitFor();
      expect(await qrBy.getByRole('article').count()).toBe(0);

      // Searches: each lists its own country; typing in one opens only its own suggestions.
      const names = (w: typeof qrBy) => w.locator('.results .name');
      const suggestions = (w: typeof qrBy) =>
        w.getByRole('listbox', { name: 'Подсказки', includeHidden: true }).getByRole('option');
      const searchRu = widgetOf(page, 'search-ru');
      const searchBy = widgetOf(page, 'search-by');
      await expect.poll(() => names(searchRu).count()).toBe(5);
      await expect
        .poll(() => names(searchBy).allInnerTexts())
        .toEqual(expect.arrayContaining(['ТЦСОН Демо района', 'Демо райисполком']));
      expect(await names(searchBy).count()).toBe(2);
      await searchRu.getByRole('combobox', { name: 'Найти организацию' }).focus();
      await page.keyboard.type('СОШ', { delay: 20 });
      await expect.poll(() => suggestions(searchRu).count()).toBe(2);
      expect(await searchBy.getByRole('combobox', { name: 'Найти организацию' }).inputValue()).toBe('');
      expect(
        await searchBy.getByRole('combobox', { name: 'Найти организацию' }).getAttribute('aria-expanded'),
      ).toBe('false');
      expect(await suggestions(searchBy).count()).toBe(0);
      // The map of one opens in that one only.
      await searchBy.getByRole('button', { name: 'Карта' }).click();
      await expect.poll(() => searchBy.locator('path.leaflet-interactive').count()).toBe(2);
      expect(await searchRu.getByRole('region', { name: 'Карта организаций' }).count()).toBe(0);
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the loader included twice (and once more with a query) mounts everything once', async () => {
    const { page, errors, requests } = await open('/twice.html');
    try {
      await expect.poll(() => page.getByRole('table').count()).toBe(1);
      await page.waitForTimeout(300);
      expect(await state(page, ['c'])).toEqual({ c: mountedOnce });
      const counterRequests = requests.filter((r) => r.url().endsWith('/demo-school/appeal-counter'));
      expect(counterRequests).toHaveLength(1);
      expect(await page.evaluate(() => typeof (window as unknown as SpaWindow).Otklik.version)).toBe(
        'string',
      );
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a page in Belarusian shows the widgets in Belarusian', async () => {
    const { page, errors } = await open('/be.html');
    try {
      await expect.poll(() => page.getByRole('table').count()).toBe(1);
      await page.getByRole('textbox', { name: /Прозвішча/ }).waitFor();
      const full = await page.locator('#full > *').first().innerText();
      expect(full).toContain('Звароты грамадзян');
      expect(full).toContain('Паступіла зваротаў');
      await expect.poll(() => page.locator('#compact section').innerText()).toMatch(/разгледжана \d/);
      const form = await page.locator('#form > *').first().innerText();
      expect(form).toContain('Тэкст звароту');
      // Nothing in Russian.
      for (const text of [full, form]) expect(text).not.toMatch(/Обращени|Поступило|Фамилия|Отправить/);
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a page in Belarusian shows every widget of the table in Belarusian', async () => {
    expectEveryWidgetCovered();
    const { page, errors } = await open('/be-all.html');
    try {
      for (const c of widgetCases) {
        const widget = widgetOf(page, c);
        await c.shown(widget);
        const text = await widget.locator('> *').first().innerText();
        for (const word of c.words.be) expect(text, c.name).toContain(word);
        for (const word of c.words.ru) expect(text, c.name).not.toContain(word);
      }
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
