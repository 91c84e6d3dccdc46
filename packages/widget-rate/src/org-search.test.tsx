import type { Organization, SphereEntry } from '@otklik/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MapOptions } from './map/map.ts';

/** A request the widget made: its query and its abort signal; answer it with `reply`. */
interface Call {
  path: string;
  query: Record<string, string>;
  signal: AbortSignal | undefined;
  reply(body: unknown, status?: number): void;
}

function org(id: string, name: string, extra: Partial<Organization> = {}): Organization {
  return {
    id,
    name: `Полное наименование: ${name}`,
    shortName: name,
    country: 'RU',
    jurisdiction: 'ru-59fz',
    sphere: 'education',
    category: 'school',
    parentId: 'demo-edu-dept',
    subordinateCount: 0,
    address: `г. Демо, ${id}`,
    website: null,
    coordinates: { lat: 55.7, lon: 37.6 },
    timeZone: 'Europe/Moscow',
    ...extra,
  };
}

const dept = org('demo-edu-dept', 'Управление образования', {
  category: 'department',
  parentId: null,
  subordinateCount: 4,
  coordinates: { lat: 55.751, lon: 37.618 },
});
const schools = [
  org('demo-school', 'МБОУ СОШ № 1', { coordinates: { lat: 55.76, lon: 37.62 } }),
  org('demo-school-2', 'МБОУ СОШ № 2', { coordinates: null }),
  org('demo-lyceum-3', 'МАОУ Лицей № 3'),
  org('demo-gymnasium-4', 'МБОУ Гимназия № 4'),
];
const page = (items: Organization[], total = items.length, offset = 0) => ({
  items,
  total,
  limit: 10,
  offset,
});
const spheres: SphereEntry[] = [
  {
    id: 'education',
    name: { ru: 'Образование', be: 'Адукацыя', en: 'Education' },
    count: 5,
    categories: [
      { id: 'department', name: { ru: 'Органы управления' }, count: 1 },
      { id: 'school', name: { ru: 'Школы', en: 'Schools' }, count: 4 },
    ],
  },
  { id: 'social', name: { ru: 'Социальная защита' }, count: 1, categories: [] },
];

/** A fetch that records calls and lets each test answer them when it wants. */
function portal() {
  const calls: Call[] = [];
  const fetch = vi.fn(
    (input: RequestInfo | URL, init: RequestInit = {}) =>
      new Promise<Response>((resolve, reject) => {
        const url = new URL(String(input));
        const signal = init.signal ?? undefined;
        signal?.addEventListener('abort', () => reject(signal.reason));
        calls.push({
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          signal,
          reply: (body, status = 200) =>
            resolve(
              new Response(JSON.stringify(body), {
                status,
                headers: {
                  'content-type': status < 400 ? 'application/json' : 'application/problem+json',
                },
              }),
            ),
        });
      }),
  );
  const of = (path: string) => calls.filter((c) => c.path === path);
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    calls,
    searches: () => of('/v1/organizations'),
    spheres: () => of('/v1/spheres'),
    /** Waits for the `n`th (1-based) search request. */
    search: async (n: number) => {
      await vi.waitFor(() => expect(of('/v1/organizations').length).toBeGreaterThanOrEqual(n));
      return of('/v1/organizations')[n - 1] as Call;
    },
  };
}

const unavailable = { type: 'about:blank', title: 'x', status: 503, code: 'service-unavailable' };
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

/** The map module is replaced by a recorder; counted to prove it loads only on demand. */
const maps = { loads: 0, created: [] as { container: HTMLElement; options: MapOptions; calls: string[] }[] };

beforeEach(() => {
  vi.resetModules();
  maps.loads = 0;
  maps.created = [];
  vi.doMock('./map/map.ts', () => {
    maps.loads++;
    return {
      createMap(container: HTMLElement, _root: ShadowRoot, options: MapOptions) {
        const record = { container, options, calls: [] as string[] };
        maps.created.push(record);
        return {
          update: (markers: { id: string }[]) =>
            record.calls.push(`update:${markers.map((m) => m.id).join(',')}`),
          focus: (id: string) => record.calls.push(`focus:${id}`),
          zoomIn: () => record.calls.push('zoomIn'),
          zoomOut: () => record.calls.push('zoomOut'),
          destroy: () => record.calls.push('destroy'),
        };
      },
    };
  });
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  document.body.innerHTML = '';
  delete (window as { Otklik?: unknown }).Otklik;
});

async function mount(attributes: string, before = '') {
  const { default: widget } = await import('./org-search.tsx');
  document.body.innerHTML = `${before}<div data-otklik="org-search" ${attributes}></div>`;
  const host = document.querySelector('[data-otklik="org-search"]') as HTMLElement;
  const events = { ready: vi.fn(), error: vi.fn(), picked: vi.fn() };
  host.addEventListener('otklik:ready', events.ready);
  host.addEventListener('otklik:error', events.error);
  host.addEventListener('otklik:organization-picked', events.picked);
  const p = portal();
  widget.mount(host, { portalUrl: 'https://portal.example', fetch: p.fetch });
  const root = host.shadowRoot as ShadowRoot;
  const input = root.querySelector('input[role="combobox"]') as HTMLInputElement;
  const listbox = root.querySelector('[role="listbox"]') as HTMLElement;
  const button = (name: string) =>
    Array.from(root.querySelectorAll('button')).find((b) => text(b) === name) as HTMLButtonElement;
  const names = () => Array.from(root.querySelectorAll('.results .name'), text);
  const type = (value: string) => {
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  };
  const key = (name: string, init: KeyboardEventInit = {}) =>
    input.dispatchEvent(
      new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...init }),
    );
  const status = () => text(root.querySelector('.status'));
  return { host, root, input, listbox, events, portal: p, button, names, type, key, status };
}

/** Mounts and answers the first results page (and the spheres). */
async function loaded(
  attributes = '',
  items = [dept, ...schools],
  sphereAnswer: unknown = { items: spheres },
) {
  const w = await mount(attributes);
  (await w.portal.search(1)).reply(page(items));
  await vi.waitFor(() => expect(w.portal.spheres()).toHaveLength(1));
  w.portal.spheres()[0]?.reply(sphereAnswer, sphereAnswer === unavailable ? 503 : 200);
  await vi.waitFor(() => expect(w.names()).toHaveLength(items.length));
  return w;
}

describe('organisation search', () => {
  it('lists organisations with the widget’s fixed filters and loads no map code', async () => {
    const w = await mount('data-country="ru" data-parent="demo-edu-dept"');
    const first = await w.portal.search(1);
    expect(first.query).toEqual({ country: 'RU', parent: 'demo-edu-dept', limit: '10', offset: '0' });
    expect(w.status()).toBe('Загрузка…');
    first.reply(page(schools));
    await vi.waitFor(() => expect(w.events.ready).toHaveBeenCalledOnce());
    expect(w.names()).toEqual(['МБОУ СОШ № 1', 'МБОУ СОШ № 2', 'МАОУ Лицей № 3', 'МБОУ Гимназия № 4']);
    expect(w.status()).toBe('Найдено 4 организации');
    expect(w.portal.spheres()[0]?.query).toEqual({ country: 'RU' });
    expect(maps.loads).toBe(0);
    expect(w.button('Карта').getAttribute('aria-pressed')).toBe('false');
  });

  it('fills the sphere and category filters and sends what is chosen', async () => {
    const w = await loaded();
    const sphere = w.root.querySelector('#otk-sphere') as HTMLSelectElement;
    expect(text(w.root.querySelector('label[for="otk-sphere"]'))).toBe('Сфера');
    expect(Array.from(sphere.options, (o) => o.text)).toEqual([
      'Все сферы',
      'Образование (5)',
      'Социальная защита (1)',
    ]);
    expect(w.root.querySelector('#otk-category')).toBeNull();
    sphere.value = 'education';
    sphere.dispatchEvent(new Event('change', { bubbles: true }));
    const second = await w.portal.search(2);
    expect(second.query).toEqual({ sphere: 'education', limit: '10', offset: '0' });
    second.reply(page([dept, ...schools]));
    await vi.waitFor(() => expect(w.root.querySelector('#otk-category')).not.toBeNull());
    const category = w.root.querySelector('#otk-category') as HTMLSelectElement;
    expect(Array.from(category.options, (o) => o.text)).toEqual([
      'Все виды',
      'Органы управления (1)',
      'Школы (4)',
    ]);
    category.value = 'school';
    category.dispatchEvent(new Event('change', { bubbles: true }));
    expect((await w.portal.search(3)).query).toEqual({
      sphere: 'education',
      category: 'school',
      limit: '10',
      offset: '0',
    });
  });

  it('hides the filters when the portal cannot list the spheres', async () => {
    const w = await loaded('', [dept, ...schools], unavailable);
    // The client retries a 503 once.
    await vi.waitFor(() => expect(w.portal.spheres()).toHaveLength(2));
    w.portal.spheres()[1]?.reply(unavailable, 503);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(w.root.querySelector('select')).toBeNull();
    expect(w.names()).toHaveLength(5);
    expect(w.events.error).not.toHaveBeenCalled();
  });

  it('is a combobox: suggestions after a pause, arrow keys, Escape and Enter', async () => {
    const w = await loaded();
    const { input, listbox } = w;
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    expect(input.getAttribute('aria-autocomplete')).toBe('list');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(text(w.root.querySelector(`label[for="${input.id}"]`))).toBe('Найти организацию');
    input.dispatchEvent(new FocusEvent('focus'));
    w.type('ш');
    w.type('шк');
    w.type('шко');
    const suggest = await w.portal.search(2);
    // One request for the three keystrokes, with the small limit.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.portal.searches()).toHaveLength(2);
    expect(suggest.query).toEqual({ q: 'шко', limit: '6', offset: '0' });
    suggest.reply(page(schools.slice(0, 3), 3));
    await vi.waitFor(() => expect(input.getAttribute('aria-expanded')).toBe('true'));
    const options = () => Array.from(listbox.querySelectorAll('[role="option"]'));
    expect(options().map((o) => o.firstChild?.textContent)).toEqual([
      'МБОУ СОШ № 1',
      'МБОУ СОШ № 2',
      'МАОУ Лицей № 3',
    ]);
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    const active = () => input.getAttribute('aria-activedescendant');
    const selected = () => options().findIndex((o) => o.getAttribute('aria-selected') === 'true');

    w.key('ArrowDown');
    await vi.waitFor(() => expect(active()).toBe('otk-opt-0'));
    expect(selected()).toBe(0);
    w.key('ArrowDown');
    await vi.waitFor(() => expect(active()).toBe('otk-opt-1'));
    w.key('ArrowUp');
    await vi.waitFor(() => expect(active()).toBe('otk-opt-0'));
    w.key('ArrowUp'); // wraps to the last
    await vi.waitFor(() => expect(active()).toBe('otk-opt-2'));
    expect(w.listbox.querySelector('#otk-opt-2')).not.toBeNull();

    w.key('Escape');
    await vi.waitFor(() => expect(input.getAttribute('aria-expanded')).toBe('false'));
    expect(active()).toBeNull();
    expect(listbox.hidden).toBe(true);
    expect(input.value).toBe('шко');
    // ArrowUp reopens on the last suggestion; Enter picks it.
    w.key('ArrowUp');
    await vi.waitFor(() => expect(active()).toBe('otk-opt-2'));
    w.key('Enter');
    await vi.waitFor(() => expect(input.getAttribute('aria-expanded')).toBe('false'));
    expect(input.value).toBe('МАОУ Лицей № 3');
    expect(w.names()).toEqual(['МАОУ Лицей № 3']);
    expect(w.status()).toBe('Найдена 1 организация');
    // Escape with the list closed clears the box.
    w.key('Escape');
    await vi.waitFor(() => expect(input.value).toBe(''));
  });

  it('searches the whole list on Enter without a chosen suggestion', async () => {
    const w = await loaded();
    w.type('лицей');
    const form = w.root.querySelector('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    const full = await w.portal.search(2);
    expect(full.query).toEqual({ q: 'лицей', limit: '10', offset: '0' });
    full.reply(page([schools[2] as Organization]));
    await vi.waitFor(() => expect(w.names()).toEqual(['МАОУ Лицей № 3']));
    // The pending suggestion request was dropped.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.portal.searches()).toHaveLength(2);
  });

  it('aborts a stale suggestion request and ignores its late answer', async () => {
    const w = await loaded();
    w.input.dispatchEvent(new FocusEvent('focus'));
    w.type('сош');
    const stale = await w.portal.search(2);
    w.type('лицей');
    expect(stale.signal?.aborted).toBe(true);
    const fresh = await w.portal.search(3);
    expect(fresh.query.q).toBe('лицей');
    stale.reply(page(schools.slice(0, 2)));
    fresh.reply(page([schools[2] as Organization]));
    await vi.waitFor(() => expect(w.input.getAttribute('aria-expanded')).toBe('true'));
    expect(
      Array.from(w.listbox.querySelectorAll('[role="option"]'), (o) => o.firstChild?.textContent),
    ).toEqual(['МАОУ Лицей № 3']);
    // A new result search aborts the previous one too.
    const form = w.root.querySelector('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    const a = await w.portal.search(4);
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await w.portal.search(5);
    expect(a.signal?.aborted).toBe(true);
  });

  it('opens the subordinates of a parent and goes back through the breadcrumb', async () => {
    const w = await loaded();
    const open = w.button('Подведомственные (4)');
    expect(open.getAttribute('aria-label')).toBe('Подведомственные организации: Управление образования (4)');
    open.click();
    const sub = await w.portal.search(2);
    expect(sub.query).toEqual({ parent: 'demo-edu-dept', limit: '10', offset: '0' });
    sub.reply(page(schools));
    await vi.waitFor(() => expect(w.names()).toHaveLength(4));
    const nav = w.root.querySelector('nav') as HTMLElement;
    expect(nav.getAttribute('aria-label')).toBe('Подчинённость');
    expect(Array.from(nav.querySelectorAll('li'), text)).toEqual([
      'Все организации',
      'Управление образования',
    ]);
    expect(nav.querySelector('[aria-current="location"]')?.textContent).toBe('Управление образования');
    const heading = w.root.querySelector('.heading') as HTMLElement;
    expect(text(heading)).toBe('Подведомственные организации: Управление образования');
    await vi.waitFor(() => expect(w.root.activeElement).toBe(heading));
    // Typing searches among the subordinates.
    w.type('лицей');
    expect((await w.portal.search(3)).query).toEqual({
      q: 'лицей',
      parent: 'demo-edu-dept',
      limit: '6',
      offset: '0',
    });
    w.button('Все организации').click();
    const back = await w.portal.search(4);
    expect(back.query).toEqual({ limit: '10', offset: '0' });
    back.reply(page([dept, ...schools]));
    await vi.waitFor(() => expect(w.root.querySelector('nav')).toBeNull());
    expect(w.input.value).toBe('');
  });

  it('switches the page’s rating form to the picked organisation (data-target)', async () => {
    const reload = vi.fn();
    (window as { Otklik?: unknown }).Otklik = { reload };
    const w = await mount(
      'data-target="rate-form"',
      '<div id="rate-form" data-otklik="rate" data-org="demo-edu-dept" hidden></div>',
    );
    (await w.portal.search(1)).reply(page(schools));
    await vi.waitFor(() => expect(w.names()).toHaveLength(4));
    const rate = w.root.querySelectorAll('.results button.rate')[1] as HTMLButtonElement;
    expect(text(rate)).toBe('Оценить');
    expect(rate.getAttribute('aria-label')).toBe('Оценить: МБОУ СОШ № 2');
    rate.click();
    const form = document.getElementById('rate-form') as HTMLElement;
    expect(form.getAttribute('data-org')).toBe('demo-school-2');
    expect(form.hidden).toBe(false);
    expect(reload).toHaveBeenCalledOnce();
    expect(document.activeElement).toBe(form);
    expect(w.events.picked).toHaveBeenCalledOnce();
    expect(w.events.picked.mock.calls[0]?.[0].detail).toEqual({
      widget: 'org-search',
      organizationId: 'demo-school-2',
      name: 'Полное наименование: МБОУ СОШ № 2',
      organization: schools[1],
      target: 'rate-form',
    });
    await vi.waitFor(() => expect(w.status()).toBe('Форма оценки открыта для организации: МБОУ СОШ № 2'));
  });

  it('links to the portal’s rating page when there is no rating form to switch', async () => {
    const w = await mount('data-lang="be" data-target="missing"');
    (await w.portal.search(1)).reply(page(schools));
    await vi.waitFor(() => expect(w.names()).toHaveLength(4));
    const link = w.root.querySelector('.results a.rate') as HTMLAnchorElement;
    expect(text(link)).toBe('Ацаніць');
    expect(link.getAttribute('href')).toBe('https://portal.example/r/demo-school?lang=be');
    // The page may still learn what was picked (the navigation itself is prevented here).
    document.addEventListener('click', (event) => event.preventDefault(), { once: true });
    link.click();
    expect(w.events.picked.mock.calls[0]?.[0].detail.target).toBeNull();
  });

  it('pages with "show more" and focuses the first new result', async () => {
    const w = await mount('data-limit="2"');
    (await w.portal.search(1)).reply(page(schools.slice(0, 2), 4));
    await vi.waitFor(() => expect(w.names()).toHaveLength(2));
    w.button('Показать ещё').click();
    const next = await w.portal.search(2);
    expect(next.query).toEqual({ limit: '2', offset: '2' });
    next.reply(page(schools.slice(2), 4, 2));
    await vi.waitFor(() => expect(w.names()).toHaveLength(4));
    await vi.waitFor(() => expect(w.root.activeElement?.id).toBe('org-demo-lyceum-3'));
    expect(w.button('Показать ещё')).toBeUndefined();
  });

  it('loads the map only when asked, with markers for results that have coordinates', async () => {
    const w = await loaded();
    expect(maps.loads).toBe(0);
    w.button('Карта').click();
    await vi.waitFor(() => expect(maps.created).toHaveLength(1));
    expect(maps.loads).toBe(1);
    expect(w.button('Карта').getAttribute('aria-pressed')).toBe('true');
    const map = maps.created[0] as (typeof maps.created)[0];
    expect(map.container.getAttribute('aria-label')).toBe('Карта организаций');
    expect(map.options.tiles).toBeUndefined();
    expect(map.calls).toEqual(['update:demo-edu-dept,demo-school,demo-lyceum-3,demo-gymnasium-4']);
    expect(text(w.root.querySelector('.mapbar .muted'))).toBe(
      'Подложка карты не настроена: показаны только точки организаций.',
    );
    // Keyboard access to the markers goes through the list.
    const onMap = Array.from(w.root.querySelectorAll('.results button')).filter(
      (b) => text(b) === 'На карте',
    );
    expect(onMap).toHaveLength(4); // demo-school-2 has no coordinates
    (onMap[1] as HTMLButtonElement).click();
    expect(map.calls.at(-1)).toBe('focus:demo-school');
    // A marker click highlights and focuses its result.
    map.options.onSelect('demo-lyceum-3');
    await vi.waitFor(() => expect(w.root.activeElement?.id).toBe('org-demo-lyceum-3'));
    expect(w.root.activeElement?.classList.contains('on')).toBe(true);
    w.button('Приблизить').click();
    expect(map.calls.at(-1)).toBe('zoomIn');
    w.button('Карта').click();
    expect(map.calls.at(-1)).toBe('destroy');
    await vi.waitFor(() => expect(w.root.querySelector('.map')).toBeNull());
    expect(w.names()).toHaveLength(5);
  });

  it('passes a configured tile server to the map and credits OpenStreetMap', async () => {
    const w = await loaded('data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png" data-lang="en"');
    w.button('Map').click();
    await vi.waitFor(() => expect(maps.created).toHaveLength(1));
    expect(maps.created[0]?.options.tiles).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    const credit = w.root.querySelector('.mapbar a') as HTMLAnchorElement;
    expect(credit.href).toBe('https://www.openstreetmap.org/copyright');
    expect(w.status()).toBe('5 organisations found');
  });

  it('refuses invalid attributes politely', async () => {
    const w = await mount('data-country="DE"');
    expect(w.events.error).toHaveBeenCalled();
    expect(w.events.error.mock.calls[0]?.[0].detail.code).toBe('invalid-attribute');
    expect(text(w.root.querySelector('[role="status"]'))).toBe('Поиск организаций временно недоступен');
  });
});
