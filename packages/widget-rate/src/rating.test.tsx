import { fakePortal, json } from '@otklik/widget-core/test-portal';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHALLENGE,
  RATE,
  ratingSettings,
  receipt,
  SERVICES,
  SETTINGS,
  SUMMARY,
  servicePage,
  summary,
} from './rate/test-fixtures.ts';
import rate from './rate.tsx';
import widget from './rating.tsx';

const solveChallenge = vi.hoisted(() => vi.fn(async (c: Record<string, unknown>) => ({ ...c, number: 7 })));
vi.mock('@otklik/client', async (original) => ({ ...(await original<object>()), solveChallenge }));

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function mount(fetch: typeof globalThis.fetch, attributes = 'data-org="demo-school"') {
  const el = document.createElement('div');
  el.setAttribute('data-otklik', 'rating');
  for (const [, name, value] of attributes.matchAll(/([\w-]+)="([^"]*)"/g))
    el.setAttribute(name as string, value as string);
  document.body.append(el);
  const ready = vi.fn();
  const error = vi.fn();
  el.addEventListener('otklik:ready', ready);
  el.addEventListener('otklik:error', error);
  const unmount = widget.mount(el, { portalUrl: 'https://portal.example', fetch });
  return { el, root: el.shadowRoot as ShadowRoot, ready, error, unmount };
}

async function badge(answer: unknown, attributes?: string) {
  const portal = fakePortal({ [SUMMARY]: answer });
  const mounted = mount(portal.fetch, attributes);
  await vi.waitFor(() => expect(mounted.ready).toHaveBeenCalled());
  await flush();
  return { ...mounted, portal };
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('rating badge', () => {
  it('compact: stars with their text, the count and the positions', async () => {
    const { root, ready } = await badge(summary());
    const section = root.querySelector('section') as HTMLElement;
    expect(section.getAttribute('aria-label')).toBe('Рейтинг качества услуг');
    expect(text(section.querySelector('.big'))).toBe('★★★★★ 4,3 из 5');
    // The stars are decoration: hidden from assistive technology, the number says it.
    expect(section.querySelector('.stars')?.getAttribute('aria-hidden')).toBe('true');
    expect(Array.from(section.querySelectorAll('.stars span'), (s) => s.className)).toEqual([
      'on',
      'on',
      'on',
      'on',
      'half',
    ]);
    expect(Array.from(section.querySelectorAll('p'), (p) => text(p)).slice(2)).toEqual([
      '128 оценок',
      '3-е место из 12 среди организаций одного подчинения',
      '15-е место из 340 среди однотипных организаций',
    ]);
    expect(root.querySelector('table')).toBeNull();
    expect(ready.mock.calls[0]?.[0].detail).toEqual({ widget: 'rating', data: summary() });
  });

  it('counts ratings with the right plural forms in ru, be and en', async () => {
    const cases: [string, number, string][] = [
      ['ru', 1, '1 оценка'],
      ['ru', 3, '3 оценки'],
      ['ru', 5, '5 оценок'],
      ['ru', 21, '21 оценка'],
      ['ru', 1234, '1 234 оценки'],
      ['be', 1, '1 адзнака'],
      ['be', 22, '22 адзнакі'],
      ['be', 11, '11 адзнак'],
      ['en', 1, '1 rating'],
      ['en', 2, '2 ratings'],
    ];
    for (const [lang, count, expected] of cases) {
      const { root, unmount } = await badge(summary({ count }), `data-org="demo-school" data-lang="${lang}"`);
      expect(text(root.querySelector('.muted'))?.replace(/\u00a0|\u202f/g, ' ')).toBe(expected);
      unmount();
    }
  });

  it('speaks English: "Ranked 3 of 12"', async () => {
    const { root } = await badge(summary(), 'data-org="demo-school" data-lang="en"');
    expect(text(root.querySelector('.big'))).toBe('★★★★★ 4.3 out of 5');
    expect(text(root.querySelectorAll('p')[3])).toBe(
      'Ranked 3 of 12 among organisations under the same parent body',
    );
  });

  it('without ratings: says so, and shows no stars or positions', async () => {
    const { root } = await badge(
      summary({
        average: null,
        count: 0,
        distribution: [0, 0, 0, 0, 0],
        siblings: { rank: null, of: 12 },
        sphere: { rank: null, of: 340 },
      }),
    );
    expect(Array.from(root.querySelectorAll('section p'), (p) => text(p))).toEqual([
      'Рейтинг качества услуг',
      'Оценок пока нет',
    ]);
    expect(root.querySelector('.stars')).toBeNull();
  });

  it('full: a captioned table of the averages and a distribution table with text next to its bars', async () => {
    const { root } = await badge(summary({ siblings: null }), 'data-org="demo-school" data-variant="full"');
    const [averages, distribution] = Array.from(root.querySelectorAll('table'));
    expect(text(averages?.querySelector('caption'))).toBe('Рейтинг качества услуг 128 оценок');
    const rows = Array.from(averages?.querySelectorAll('tbody tr') ?? []).map((row) => [
      row.querySelector('th')?.getAttribute('scope'),
      text(row.querySelector('th')),
      text(row.querySelector('td')),
    ]);
    expect(rows).toEqual([
      ['row', 'Общая оценка', '★★★★★ 4,3 из 5'],
      ['row', 'Вежливость персонала', '4,5'],
      ['row', 'Своевременность', '4,2'],
    ]);
    expect(text(distribution?.querySelector('caption'))).toBe('Распределение оценок');
    expect(Array.from(distribution?.querySelectorAll('thead th') ?? [], (th) => text(th))).toEqual([
      'Оценка',
      'Число оценок',
    ]);
    const bars = Array.from(distribution?.querySelectorAll('tbody tr') ?? []).map((row) => [
      text(row.querySelector('th')),
      text(row.querySelector('td')),
      row.querySelector('progress')?.getAttribute('aria-hidden'),
      row.querySelector('progress')?.getAttribute('value'),
    ]);
    expect(bars).toEqual([
      ['5', '80 (63 %)', 'true', '80'],
      ['4', '28 (22 %)', 'true', '28'],
      ['3', '10 (8 %)', 'true', '10'],
      ['2', '6 (5 %)', 'true', '6'],
      ['1', '4 (3 %)', 'true', '4'],
    ]);
    // No parent: only the position among organisations of the same type.
    expect(Array.from(root.querySelectorAll('.full > p'), (p) => text(p))).toEqual([
      '15-е место из 340 среди однотипных организаций',
    ]);
  });

  it('is also the custom element <otklik-rating org="…" variant="full">', async () => {
    const portal = fakePortal({ [SUMMARY]: summary() });
    await widget.register({ portalUrl: 'https://portal.example', fetch: portal.fetch });
    document.body.innerHTML = '<otklik-rating org="demo-school" variant="full"></otklik-rating>';
    const el = document.body.firstElementChild as HTMLElement;
    await vi.waitFor(() => expect(el.shadowRoot?.querySelectorAll('table')).toHaveLength(2));
  });

  it('shows a small error state when the portal answers something else', async () => {
    const portal = fakePortal({ [SUMMARY]: { hello: 'proxy' } });
    const { root, error } = mount(portal.fetch);
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    await flush();
    expect(text(root.querySelector('[role="status"]'))).toBe('Рейтинг временно недоступен');
  });

  it('refreshes (revalidating, not from the cache) when the same organisation is rated on the page', async () => {
    const portal = fakePortal({ [SUMMARY]: [summary(), summary({ average: 4.5, count: 129 })] });
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    // Another organisation's rating changes nothing.
    document.dispatchEvent(
      new CustomEvent('otklik:rating-submitted', {
        detail: { widget: 'rate', organizationId: 'other-school', ratingId: 'x', average: 3 },
      }),
    );
    await flush();
    expect(portal.of(SUMMARY)).toHaveLength(1);
    document.dispatchEvent(
      new CustomEvent('otklik:rating-submitted', {
        detail: { widget: 'rate', organizationId: 'demo-school', ratingId: 'x', average: 4.5 },
      }),
    );
    await vi.waitFor(() => expect(text(root.querySelector('.muted'))).toBe('129 оценок'));
    expect(text(root.querySelector('.big'))).toBe('★★★★★ 4,5 из 5');
    const fetch = vi.mocked(portal.fetch);
    expect(fetch.mock.calls[0]?.[1]?.cache).toBeUndefined();
    expect(fetch.mock.calls[1]?.[1]?.cache).toBe('no-cache');
    // `ready` once: the refresh is not a new first render.
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('keeps the figures shown when a refresh fails', async () => {
    const portal = fakePortal({ [SUMMARY]: [summary(), new TypeError('offline')] });
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    document.dispatchEvent(
      new CustomEvent('otklik:rating-submitted', { detail: { organizationId: 'demo-school' } }),
    );
    await vi.waitFor(() => expect(portal.of(SUMMARY).length).toBeGreaterThan(1));
    await flush();
    expect(text(root.querySelector('.muted'))).toBe('128 оценок');
  });

  it('updates after the rating form on the same page sends a rating', async () => {
    const portal = fakePortal({
      [SETTINGS]: ratingSettings(),
      [SERVICES]: servicePage(),
      [CHALLENGE]: json({
        algorithm: 'SHA-256',
        challenge: 'a'.repeat(64),
        salt: 'salt-salt',
        maxNumber: 10,
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
        signature: 'b'.repeat(64),
      }),
      [RATE]: receipt({ average: 4.5, count: 129 }),
      [SUMMARY]: [summary(), summary({ average: 4.5, count: 129 })],
    });
    const b = mount(portal.fetch);
    await vi.waitFor(() => expect(b.ready).toHaveBeenCalled());
    const formHost = document.createElement('div');
    formHost.setAttribute('data-org', 'demo-school');
    document.body.append(formHost);
    rate.mount(formHost, { portalUrl: 'https://portal.example', fetch: portal.fetch });
    const form = formHost.shadowRoot as ShadowRoot;
    await vi.waitFor(() => expect(form.querySelector('#f-service')).not.toBeNull());
    const select = form.querySelector('#f-service') as HTMLSelectElement;
    select.value = 'service-2';
    select.dispatchEvent(new Event('change'));
    for (const name of ['courtesy', 'timeliness']) {
      const radio = form.querySelector(`input[name="score-${name}"][value="5"]`) as HTMLInputElement;
      radio.checked = true;
      radio.dispatchEvent(new Event('change'));
    }
    await flush();
    form.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(text(b.root.querySelector('.muted'))).toBe('129 оценок'));
    expect(portal.of(SUMMARY)).toHaveLength(2);
  });
});
