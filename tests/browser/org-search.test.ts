import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * The organisation search as shipped (built bundles, real portal with the demo seed, a foreign page
 * under a strict CSP with Trusted Types): the combobox driven by the keyboard, subordinates, "Rate"
 * switching the page's rating form, and the map — Leaflet loaded on demand, no tile fetched, not a
 * single CSP violation.
 */
const leafletChunk = () => {
  const manifest = JSON.parse(readFileSync(resolve(widgetsDir, 'widgets/.vite/manifest.json'), 'utf8'));
  return (manifest as Record<string, { file: string }>)['packages/widget-rate/src/map/map.ts']?.file ?? '?';
};

describe.skipIf(!chromiumAvailable())('organisation search in Chromium under a strict CSP', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      pages: (portal) => ({
        '/search.html': pageWith(
          portal,
          `<h1>Организации</h1>
<div data-otklik="org-search" data-country="RU" data-target="rate-form"></div>
<h2>Форма оценки</h2>
<div id="rate-form" data-otklik="rate" data-org="demo-edu-dept"></div>`,
        ),
        '/paged.html': pageWith(
          portal,
          '<h1>Организации</h1><div data-otklik="org-search" data-country="RU" data-limit="2"></div>',
        ),
      }),
      headers: (portal) => ({ 'content-security-policy': strictCsp(portal) }),
    });
    // The page's rating form is switched between all the Russian demo organisations.
    for (const id of ['demo-edu-dept', 'demo-school-2', 'demo-lyceum-3', 'demo-gymnasium-4'])
      await h.portal.db.query('INSERT INTO organization_origins (organization_id, origin) VALUES ($1, $2)', [
        id,
        h.site.origin,
      ]);
  });

  afterAll(async () => {
    await h?.close();
  });

  async function open(url: string) {
    const requests: { url: string; type: string }[] = [];
    const opened = await openPage(h.browser, url, {
      init: async (page) => {
        page.on('request', (request) => requests.push({ url: request.url(), type: request.resourceType() }));
        await watchViolations(page);
        await page.addInitScript(() => {
          const picked: unknown[] = [];
          Object.assign(window, { __picked: picked });
          document.addEventListener('otklik:organization-picked', (e) =>
            picked.push((e as CustomEvent).detail),
          );
        });
      },
    });
    return { ...opened, requests };
  }
  /** Resolves once the box of `locator` has stopped moving (a map animation has ended). */
  async function settled(locator: Locator) {
    let last = '';
    await expect
      .poll(
        async () => {
          const now = JSON.stringify(await locator.boundingBox());
          const same = now === last;
          last = now;
          return same;
        },
        { interval: 150 },
      )
      .toBe(true);
  }
  /** Console errors other than the rating endpoints' 503 while they are not implemented. */
  const real = (errors: string[]) => errors.filter((e) => !/status of 503/.test(e));

  it('is operated with the keyboard: suggestions, arrows, Enter, Escape', async () => {
    const { page, errors } = await open(`${h.site.origin}/search.html`);
    try {
      const box = page.getByRole('combobox', { name: 'Найти организацию' });
      await expect.poll(() => page.locator('.results .name').count()).toBe(5);
      await box.focus();
      await page.keyboard.type('СОШ', { delay: 30 });
      const options = page.getByRole('listbox', { name: 'Подсказки' }).getByRole('option');
      await expect.poll(() => options.count()).toBe(2);
      expect(await box.getAttribute('aria-expanded')).toBe('true');
      expect(await options.allInnerTexts()).toEqual([
        expect.stringContaining('МБОУ СОШ № 1'),
        expect.stringContaining('МБОУ СОШ № 2'),
      ]);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const active = await box.getAttribute('aria-activedescendant');
      expect(await page.locator(`#${active}`).getAttribute('aria-selected')).toBe('true');
      expect(await page.locator(`#${active}`).innerText()).toContain('МБОУ СОШ № 2');
      // Focus never leaves the box while moving through the suggestions.
      expect(await box.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => box.getAttribute('aria-expanded')).toBe('false');
      expect(await box.inputValue()).toBe('СОШ');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => box.getAttribute('aria-activedescendant')).toBe('otk-opt-0');
      await page.keyboard.press('Enter');
      await expect.poll(() => box.inputValue()).toBe('МБОУ СОШ № 1');
      await expect.poll(() => page.locator('.results .name').allInnerTexts()).toEqual(['МБОУ СОШ № 1']);
      // Enter with no suggestion chosen searches the whole list.
      await box.fill('');
      await page.keyboard.type('муницип', { delay: 20 });
      await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.results .name').count()).toBe(4);
      const seen = await violations(page);
      expect(seen, JSON.stringify(seen, null, 2)).toEqual([]);
      expect(real(errors), errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('opens subordinates and switches the page’s rating form to the picked school', async () => {
    const { page, errors } = await open(`${h.site.origin}/search.html`);
    try {
      const open = page.getByRole('button', { name: /Подведомственные организации: Управление образования/ });
      await expect.poll(() => open.count()).toBe(1);
      await open.click();
      await expect.poll(() => page.locator('.results .name').count()).toBe(4);
      expect(await page.getByRole('navigation', { name: 'Подчинённость' }).innerText()).toContain(
        'Все организации',
      );
      await page.getByRole('button', { name: 'Оценить: МАОУ Лицей № 3' }).click();
      await expect.poll(() => page.locator('#rate-form').getAttribute('data-org')).toBe('demo-lyceum-3');
      const picked = await page.evaluate(() => (window as unknown as { __picked: unknown[] }).__picked);
      expect(picked).toMatchObject([
        { widget: 'org-search', organizationId: 'demo-lyceum-3', target: 'rate-form' },
      ]);
      // Otklik.reload() remounted the form for the new organisation.
      await expect
        .poll(() =>
          page.evaluate(() => Boolean(document.querySelector('#rate-form')?.shadowRoot?.firstChild)),
        )
        .toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('rate-form');
      await page.getByRole('button', { name: 'Все организации' }).click();
      await expect.poll(() => page.locator('.results .name').count()).toBe(5);
      const seen = await violations(page);
      expect(seen, JSON.stringify(seen, null, 2)).toEqual([]);
      expect(real(errors), errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('subordinates, "Rate", the breadcrumb, the map and "Show more" work with the keyboard alone', async () => {
    const { page, errors } = await open(`${h.site.origin}/search.html`);
    try {
      const names = page.locator('.results .name');
      const label = (pattern: RegExp) => (f: { label: string; text: string }) =>
        pattern.test(f.label || f.text);
      await expect.poll(() => names.count()).toBe(5);
      // Subordinates: Enter opens them and moves the focus to their heading.
      await tabTo(page, label(/^Подведомственные организации: Управление образования/));
      await page.keyboard.press('Enter');
      await expect.poll(() => names.count()).toBe(4);
      await expect
        .poll(async () => (await focused(page))?.text)
        .toBe('Подведомственные организации: Управление образования');
      // "Rate" switches the page's form and hands it the focus.
      await tabTo(page, label(/^Оценить: МАОУ Лицей № 3$/));
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#rate-form').getAttribute('data-org')).toBe('demo-lyceum-3');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('rate-form');
      // Back into the search: the breadcrumb leads to all organisations.
      await tabTo(page, label(/^Все организации$/), { back: true });
      await page.keyboard.press('Enter');
      await expect.poll(() => names.count()).toBe(5);
      expect((await focused(page))?.text).toBe('Организации');
      // The map: toggled with Enter, then "On the map" highlights a marker, zoom buttons work.
      await tabTo(page, label(/^Карта$/));
      await page.keyboard.press('Enter');
      const map = page.getByRole('region', { name: 'Карта организаций' });
      const markers = map.locator('path.leaflet-interactive');
      await expect.poll(() => markers.count()).toBe(5);
      await tabTo(page, label(/^Показать на карте: МБОУ СОШ № 1$/));
      await page.keyboard.press('Enter');
      await expect.poll(() => map.locator('path.leaflet-interactive[fill="#0b57d0"]').count()).toBe(1);
      expect(await page.locator('#org-demo-school').getAttribute('class')).toBe('org on');
      // The zoom level is on the map element: marker positions are no measure, since Leaflet draws
      // markers outside the view at the renderer's origin.
      const zoom = async () => Number(await map.getAttribute('data-zoom'));
      await expect.poll(zoom).toBeGreaterThanOrEqual(13);
      const before = await zoom();
      await tabTo(page, label(/^Приблизить$/), { back: true });
      await page.keyboard.press('Enter');
      await expect.poll(zoom).toBe(before + 1);
      // The highlighted organisation stays in view.
      const inView = async () => {
        const [box, marker] = await Promise.all([
          map.boundingBox(),
          map.locator('path.leaflet-interactive[fill="#0b57d0"]').boundingBox(),
        ]);
        return Boolean(
          box &&
            marker &&
            marker.x >= box.x &&
            marker.x + marker.width <= box.x + box.width &&
            marker.y >= box.y &&
            marker.y + marker.height <= box.y + box.height,
        );
      };
      expect(await inView()).toBe(true);
      await tabTo(page, label(/^Отдалить$/));
      await page.keyboard.press('Enter');
      await expect.poll(zoom).toBe(before);
      await tabTo(page, label(/^Карта$/), { back: true });
      await page.keyboard.press('Enter');
      await expect.poll(() => map.count()).toBe(0);
      const seen = await violations(page);
      expect(seen, JSON.stringify(seen, null, 2)).toEqual([]);
      expect(real(errors), errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }

    // "Show more": the next page of results, the focus on the first of them.
    const paged = await open(`${h.site.origin}/paged.html`);
    try {
      const names = paged.page.locator('.results .name');
      await expect.poll(() => names.count()).toBe(2);
      await tabTo(paged.page, (f) => f.text === 'Показать ещё');
      await paged.page.keyboard.press('Enter');
      await expect.poll(() => names.count()).toBe(4);
      const third = await names.nth(2).innerText();
      await expect.poll(async () => (await focused(paged.page))?.tag).toBe('li');
      expect((await focused(paged.page))?.text).toContain(third);
      expect(real(paged.errors), paged.errors.join('\n')).toEqual([]);
    } finally {
      await paged.page.close();
    }
  });

  it('opens the map on demand: Leaflet under the strict CSP, markers, no tiles, zero violations', async () => {
    const { page, errors, requests } = await open(`${h.site.origin}/search.html`);
    try {
      await expect.poll(() => page.locator('.results .name').count()).toBe(5);
      const chunk = leafletChunk();
      expect(requests.some((r) => r.url.endsWith(chunk))).toBe(false);
      const toggle = page.getByRole('button', { name: 'Карта' });
      await toggle.click();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      const map = page.getByRole('region', { name: 'Карта организаций' });
      await expect.poll(() => map.locator('.leaflet-pane').count()).toBeGreaterThan(0);
      expect(requests.some((r) => r.url.endsWith(chunk))).toBe(true);
      // Every RU demo organisation has coordinates: five circle markers.
      const markers = map.locator('path.leaflet-interactive');
      await expect.poll(() => markers.count()).toBe(5);
      expect(await page.getByText('Подложка карты не настроена').count()).toBe(1);
      // Without tiles the markers are named, focusable buttons with their names shown beside them.
      expect(
        await markers.evaluateAll((paths) =>
          paths.map((p) => [
            p.getAttribute('role'),
            p.getAttribute('tabindex'),
            p.getAttribute('aria-label'),
          ]),
        ),
      ).toContainEqual(['button', '0', 'МБОУ СОШ № 1']);
      expect(await markers.evaluateAll((paths) => paths.every((p) => p.getAttribute('aria-label')))).toBe(
        true,
      );
      await expect.poll(() => map.locator('.leaflet-tooltip').count()).toBe(5);
      // The list leads to the markers; a marker leads back to the list.
      await page.getByRole('button', { name: 'Показать на карте: МБОУ СОШ № 1' }).click();
      await expect.poll(() => map.locator('path.leaflet-interactive[fill="#0b57d0"]').count()).toBe(1);
      await page.getByRole('button', { name: 'Приблизить' }).click();
      // (A marker is clicked once the zoom has ended: while it runs, the marker moves under the pointer.)
      const marker = map.locator('path.leaflet-interactive[fill="#0b57d0"]');
      await settled(marker);
      await marker.click({ force: true });
      await expect
        .poll(() =>
          page
            .locator('[data-otklik="org-search"]')
            .evaluate((host) => host.shadowRoot?.activeElement?.id ?? ''),
        )
        .toBe('org-demo-school');
      await page.screenshot({ path: resolve(shots, 'org-search-map.png'), fullPage: true });

      const seen = await violations(page);
      expect(seen, JSON.stringify(seen, null, 2)).toEqual([]);
      // Nothing fetched but the site, the portal and no image at all (no tiles, no marker icons).
      const portalOrigin = new URL(h.portal.url).origin;
      const foreign = requests.filter(
        (r) => !r.url.startsWith(h.site.origin) && !r.url.startsWith(portalOrigin),
      );
      expect(foreign).toEqual([]);
      expect(requests.filter((r) => r.type === 'image')).toEqual([]);
      expect(real(errors), errors.join('\n')).toEqual([]);
      await toggle.click();
      await expect.poll(() => map.count()).toBe(0);
      // Closed at once after a zoom, while Leaflet still animates it: nothing thrown on the page.
      await toggle.click();
      await expect.poll(() => map.locator('path.leaflet-interactive').count()).toBe(5);
      await page.getByRole('button', { name: 'Приблизить' }).click();
      await toggle.click();
      await page.waitForTimeout(400);
      expect(await map.count()).toBe(0);
      expect(real(errors), errors.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
