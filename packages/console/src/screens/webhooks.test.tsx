import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { status } from '../kit/announcer.tsx';
import { useScreenTest } from '../testing/screen.ts';
import Webhooks, { AUTO_REFRESH_MS } from './webhooks.tsx';

const json = (code: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status: code,
    headers: { 'Content-Type': code >= 400 ? 'application/problem+json' : 'application/json' },
  });

const hook = (id: string, last: Record<string, unknown>, counts = { pending: 0, givenUp: 0 }) => ({
  id,
  url: `https://sed.example/${id.slice(0, 4)}`,
  events: ['appeal.filed'],
  description: null,
  createdAt: '2026-01-10T08:00:00.000Z',
  lastAttempt: { at: '2026-01-12T08:00:00.000Z', event: 'appeal.filed', delivered: false, ...last },
  ...counts,
});

/** The portal: the hooks list (answered anew on each call) and a registration answered by `create`. */
function portal(lists: unknown[][], create: () => Response = () => json(500, {})) {
  let calls = 0;
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url, location.href).pathname;
    if (path !== '/v1/staff/organizations/demo-school/webhooks') throw new Error(`unexpected call ${path}`);
    if (request.method === 'POST') return create();
    const items = lists[Math.min(calls, lists.length - 1)];
    calls++;
    return json(200, { items });
  });
  return { calls: () => calls };
}

// Registered before the frame's own, so it runs after the screen is unmounted (hooks after a test run
// last-registered first): its timers are cleared on the clock that set them.
afterEach(() => {
  vi.useRealTimers();
});
useScreenTest({
  email: 'admin@school.example',
  displayName: 'Админ',
  memberships: [['demo-school', 'Школа', 'administrator']],
});

describe('the webhooks screen in Russian', () => {
  it('says each delivery failure in words; the portal’s English only folded away for support', async () => {
    portal([
      [
        hook('11111111-1111-4111-8111-111111111111', {
          status: null,
          error: 'self-signed certificate',
          failure: 'tls',
        }),
        hook('22222222-2222-4222-8222-222222222222', {
          status: null,
          error: 'socket hang up',
          failure: 'reset',
        }),
        hook('33333333-3333-4333-8333-333333333333', {
          status: null,
          error: 'getaddrinfo EAI_AGAIN sed.example',
          failure: 'network',
        }),
      ],
    ]);
    render(<Webhooks />);
    const table = await screen.findByRole('table');
    expect(table.textContent).toContain('не удалось установить защищённое соединение');
    expect(table.textContent).toContain('приёмник оборвал соединение');
    expect(table.textContent).not.toContain('self-signed');
    expect(table.textContent).not.toContain('socket hang up');
    // The unexplained one: "network failure", and the portal's text inside a closed <details>.
    const support = within(table).getByText('Подробности для техподдержки').closest('details');
    expect(support?.open).toBe(false);
    expect(support?.textContent).toContain('EAI_AGAIN');
    expect(support?.querySelector('[lang="en"]')).not.toBeNull();
  });

  it('counts the deliveries given up apart from the queue, and refreshes them without a reload', async () => {
    const id = '44444444-4444-4444-8444-444444444444';
    const failing = { status: 503, error: 'The receiver answered 503', failure: 'status' };
    const api = portal([
      [hook(id, failing, { pending: 2, givenUp: 1 })],
      [hook(id, failing, { pending: 0, givenUp: 3 })],
    ]);
    render(<Webhooks />);
    const row = (await screen.findAllByRole('row'))[1] as HTMLElement;
    const cells = () => within(screen.getAllByRole('row')[1] as HTMLElement).getAllByRole('cell');
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    const queued = headers.indexOf('В очереди');
    const givenUp = headers.indexOf('Не доставлено');
    expect(queued).toBeGreaterThan(-1);
    expect(givenUp).toBeGreaterThan(queued);
    expect(row).toBeTruthy();
    expect(cells()[queued]?.textContent).toBe('2');
    expect(cells()[givenUp]?.textContent).toBe('1 (портал больше не пытается)');

    const before = status.value.serial;
    fireEvent.click(screen.getByRole('button', { name: 'Обновить доставки' }));
    await waitFor(() => expect(cells()[givenUp]?.textContent).toBe('3 (портал больше не пытается)'));
    expect(cells()[queued]?.textContent).toBe('0');
    expect(api.calls()).toBe(2);
    await waitFor(() => expect(status.value.serial).toBe(before + 1));
    expect(status.value.text).toBe('Доставки обновлены');
  });

  it('an address the portal will not send to, refused at registration, is said beside the field', async () => {
    portal([[]], () =>
      json(422, {
        type: 'about:blank',
        title: 'The request did not pass validation',
        status: 422,
        code: 'validation-failed',
        reason: 'address-not-public',
        detail: 'Invalid body',
        issues: [
          {
            path: 'body.url',
            message: 'The address is in a private network; the portal does not send there',
            reason: 'address-not-public',
          },
        ],
      }),
    );
    render(<Webhooks />);
    await screen.findByText('Вебхуков нет');
    fireEvent.input(screen.getByLabelText(/Адрес \(URL\) приёмника/), {
      target: { value: 'http://10.0.0.5/hook' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Добавить' }));
    const field = screen.getByLabelText(/Адрес \(URL\) приёмника/);
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const described = (field.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((ref) => document.getElementById(ref)?.textContent ?? '')
      .join(' ');
    expect(described).toMatch(/[а-я]/);
    expect(described).not.toContain('private network');
  });

  it('refreshes the figures by itself while shown: quietly, not while the tab is hidden, not when switched off', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const id = '55555555-5555-4555-8555-555555555555';
    const failing = { status: 503, error: 'The receiver answered 503', failure: 'status' };
    const api = portal([1, 2, 3, 4, 5].map((pending) => [hook(id, failing, { pending, givenUp: 0 })]));
    render(<Webhooks />);
    await screen.findByRole('table');
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    const pending = () =>
      within(screen.getAllByRole('row')[1] as HTMLElement).getAllByRole('cell')[headers.indexOf('В очереди')]
        ?.textContent;
    expect(pending()).toBe('1');
    const announced = status.value.serial;
    const remove = screen.getByRole('button', { name: /^Удалить/ });
    remove.focus();

    // The portal is called after the client's module is awaited: let such calls settle before counting.
    const settled = () => new Promise((resolve) => setTimeout(resolve, 30));
    vi.advanceTimersByTime(AUTO_REFRESH_MS - 1);
    await settled();
    expect(api.calls()).toBe(1);
    vi.advanceTimersByTime(1);
    // The table changes in place: no skeleton, nothing announced, the focus where it was.
    expect(screen.queryByText('Загрузка…')).toBeNull();
    await waitFor(() => expect(pending()).toBe('2'));
    expect(api.calls()).toBe(2);
    expect(status.value.serial).toBe(announced);
    expect(document.activeElement).toBe(remove);

    // A hidden tab: no calls; shown again after an interval, one at once.
    let visibility: DocumentVisibilityState = 'hidden';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      vi.advanceTimersByTime(AUTO_REFRESH_MS * 3);
      await settled();
      expect(api.calls()).toBe(2);
      visibility = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      await waitFor(() => expect(pending()).toBe('3'));
      await settled();
      expect(api.calls()).toBe(3);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }

    // Switched off: the button still refreshes, the clock does not.
    const auto = screen.getByRole('checkbox', { name: /Обновлять автоматически/ }) as HTMLInputElement;
    expect(auto.checked).toBe(true);
    fireEvent.click(auto);
    expect(auto.checked).toBe(false);
    vi.advanceTimersByTime(AUTO_REFRESH_MS * 2);
    await settled();
    expect(api.calls()).toBe(3);
    fireEvent.click(screen.getByRole('button', { name: 'Обновить доставки' }));
    await waitFor(() => expect(pending()).toBe('4'));
  });
});
