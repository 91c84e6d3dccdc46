import type { AppealCounter, AppealStats } from '@otklik/client';
import { LANGUAGES } from '@otklik/widget-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import widget from './appeal-counter.tsx';
import { counterMessages } from './counter-messages.ts';

function stats(from: string, to: string, scale: number): AppealStats {
  return {
    from,
    to,
    received: 12 * scale,
    byType: { proposal: 3 * scale, application: 7 * scale, complaint: 2 * scale },
    inProgress: 4 * scale,
    considered: {
      total: 8 * scale,
      supported: 2 * scale,
      supportedMeasuresTaken: 1 * scale,
      notSupported: 3 * scale,
      explained: 2 * scale,
    },
    forwarded: 1 * scale,
    leftWithoutAnswer: 0,
    overdue: 1,
  };
}

const counter: AppealCounter = {
  organizationId: 'demo-school',
  asOf: '2026-11-22',
  timeZone: 'Europe/Moscow',
  month: stats('2026-11-01', '2026-11-30', 1),
  year: stats('2026-01-01', '2026-12-31', 100),
};

const ok = () =>
  vi.fn(
    async () => new Response(JSON.stringify(counter), { headers: { 'content-type': 'application/json' } }),
  );

function host(attributes: string): HTMLElement {
  document.body.innerHTML = `<div data-otklik="appeal-counter" ${attributes}></div>`;
  return document.body.firstElementChild as HTMLElement;
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

async function mounted(attributes: string, fetch: typeof globalThis.fetch = ok()) {
  const el = host(attributes);
  const ready = vi.fn();
  const error = vi.fn();
  el.addEventListener('otklik:ready', ready);
  el.addEventListener('otklik:error', error);
  const unmount = widget.mount(el, { portalUrl: 'https://portal.example', fetch });
  const root = el.shadowRoot as ShadowRoot;
  return { el, root, ready, error, unmount, fetch };
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('appeal counter badge', () => {
  it('asks the portal for the organisation’s counter', async () => {
    const { fetch, ready } = await mounted('data-org="demo-school"');
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    expect(String((fetch as ReturnType<typeof ok>).mock.calls[0]?.[0 as never])).toBe(
      'https://portal.example/v1/organizations/demo-school/appeal-counter',
    );
  });

  it('reserves its space while loading (aria-busy)', async () => {
    const { root } = await mounted('data-org="demo-school"', () => new Promise(() => {}));
    const box = root.querySelector('[aria-busy="true"]');
    expect(box?.classList.contains('loading')).toBe(true);
    expect(text(box)).toBe('Обращения граждан');
  });

  it('renders the compact month and year figures with plural forms and emits otklik:ready', async () => {
    const { root, ready } = await mounted('data-org="demo-school"');
    await vi.waitFor(() => expect(ready).toHaveBeenCalledOnce());
    const lines = Array.from(root.querySelectorAll('p'), text);
    expect(lines).toEqual([
      'Обращения граждан',
      'Ноябрь 2026 г.: 12 обращений, рассмотрено 8',
      '2026 год: 1 200 обращений, рассмотрено 800',
    ]);
    expect(ready.mock.calls[0]?.[0].detail).toEqual({ widget: 'appeal-counter', data: counter });
    expect(root.querySelector('[aria-busy]')).toBeNull();
  });

  it('renders a real table in the full variant', async () => {
    const { root, ready } = await mounted('data-org="demo-school" data-variant="full" data-lang="en"');
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    const table = root.querySelector('table') as HTMLTableElement;
    expect(text(table.caption)).toBe("Citizens' appeals as of November 22, 2026");
    expect(
      Array.from(table.tHead?.querySelectorAll('th') ?? [], (th) => [th.getAttribute('scope'), text(th)]),
    ).toEqual([
      ['col', 'Figure'],
      ['col', 'November 2026'],
      ['col', 'Year 2026'],
    ]);
    // happy-dom lacks tBodies/rows/cells: walk the elements.
    const rows = Array.from(table.querySelectorAll('tbody tr'), (row) =>
      Array.from(row.children, (cell) =>
        cell.tagName === 'TH' ? `${cell.getAttribute('scope')}:${text(cell)}` : text(cell),
      ),
    );
    expect(rows).toEqual([
      ['row:Appeals received', '12', '1,200'],
      ['row:proposals', '3', '300'],
      ['row:applications', '7', '700'],
      ['row:complaints', '2', '200'],
      ['row:In progress', '4', '400'],
      ['row:Considered', '8', '800'],
      ['row:supported', '2', '200'],
      ['row:supported, measures taken', '1', '100'],
      ['row:not supported', '3', '300'],
      ['row:explained', '2', '200'],
      ['row:Forwarded by competence', '1', '100'],
      ['row:Left without an answer', '0', '0'],
      ['row:Overdue', '1', '1'],
    ]);
  });

  it.each([
    ['ru', 'Обращения граждан', 'Статистика обращений временно недоступна'],
    ['be', 'Звароты грамадзян', 'Статыстыка зваротаў часова недаступная'],
    ['en', "Citizens' appeals", 'Appeal statistics are temporarily unavailable'],
  ])('speaks %s', async (lang, title, unavailable) => {
    const good = await mounted(`data-org="demo-school" data-lang="${lang}"`);
    await vi.waitFor(() => expect(good.ready).toHaveBeenCalled());
    expect(text(good.root.querySelector('.title'))).toBe(title);
    const bad = await mounted(
      `data-org="demo-school" data-lang="${lang}"`,
      async () => new Response('', { status: 502 }),
    );
    await vi.waitFor(() => expect(bad.error).toHaveBeenCalled());
    expect(text(bad.root.querySelector('[role="status"]'))).toBe(unavailable);
  });

  it('takes the page language when it has none of its own', async () => {
    document.documentElement.lang = 'be-BY';
    try {
      const { root, ready } = await mounted('data-org="demo-school"');
      await vi.waitFor(() => expect(ready).toHaveBeenCalled());
      expect(text(root.querySelectorAll('p')[1])).toBe('Лістапад 2026: 12 зваротаў, разгледжана 8');
    } finally {
      document.documentElement.removeAttribute('lang');
    }
  });

  it('shows a small polite error state, warns and emits otklik:error when the portal refuses', async () => {
    const refuse = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            type: 'about:blank',
            title: 'Not found',
            status: 404,
            code: 'organization-not-found',
          }),
          {
            status: 404,
          },
        ),
    );
    const { root, error } = await mounted('data-org="nobody"', refuse);
    await vi.waitFor(() => expect(error).toHaveBeenCalledOnce());
    expect(error.mock.calls[0]?.[0].detail).toMatchObject({
      widget: 'appeal-counter',
      code: 'organization-not-found',
    });
    expect(root.querySelector('[role="status"]')).not.toBeNull();
    expect(root.querySelector('table')).toBeNull();
    expect(warn).toHaveBeenCalled();
  });

  it('treats an answer of the wrong shape as an error', async () => {
    const odd = vi.fn(async () => new Response(JSON.stringify({ hello: 'world' })));
    const { error } = await mounted('data-org="demo-school"', odd);
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    expect(error.mock.calls[0]?.[0].detail.code).toBe('response-shape');
  });

  it('requires data-org', async () => {
    const { root, error } = await mounted('', ok());
    expect(error.mock.calls[0]?.[0].detail.code).toBe('invalid-attribute');
    expect(root.querySelector('[role="status"]')).not.toBeNull();
  });

  it('aborts its request when unmounted and emits nothing afterwards', async () => {
    let signal: AbortSignal | undefined;
    const slow = vi.fn((_: unknown, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return new Promise<Response>(() => {});
    });
    const { unmount, error } = await mounted('data-org="demo-school"', slow as typeof globalThis.fetch);
    // The request leaves in the task after the first render.
    await vi.waitFor(() => expect(slow).toHaveBeenCalledOnce());
    unmount();
    expect(signal?.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(error).not.toHaveBeenCalled();
  });

  it('has the same message keys in every language', () => {
    const keys = Object.keys(counterMessages.ru).sort();
    for (const lang of LANGUAGES) expect(Object.keys(counterMessages[lang]).sort(), lang).toEqual(keys);
  });
});
