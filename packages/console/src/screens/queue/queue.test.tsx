import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../i18n/language.ts';
import { useScreenTest } from '../../testing/screen.ts';
import { signInForTest } from '../../testing/session.ts';
import Queue, { ApplicantName } from './queue.tsx';

/** The queries the screen sent, newest last. */
let queries: URLSearchParams[] = [];

useScreenTest({
  email: 'clerk@school.example',
  displayName: 'Секретарь',
  memberships: [['demo-school', 'Школа', 'coordinator']],
});
beforeEach(() => {
  queries = [];
  vi.stubGlobal('fetch', async (input: Request | string) => {
    const url = new URL(input instanceof Request ? input.url : input, location.href);
    if (url.pathname !== '/v1/staff/organizations/demo-school/appeals')
      throw new Error(`unexpected call ${url.pathname}`);
    queries.push(url.searchParams);
    const page = {
      items: [],
      total: 0,
      limit: 20,
      offset: 0,
      counts: { dueThisWeek: 0, overdue: 0, new: 0, mine: 0, awaitingApproval: 0 },
      topics: [{ id: 'food', name: 'Питание', archived: false }],
      executors: [{ personId: '33333333-3333-4333-8333-333333333333', name: 'Учитель' }],
      today: '2030-01-01',
    };
    return new Response(JSON.stringify(page), { headers: { 'Content-Type': 'application/json' } });
  });
});

describe('the queue’s filters', () => {
  it('fold behind a disclosure button that counts the active filters and tells whether it is open', async () => {
    render(<Queue />);
    await screen.findByText('Обращений нет');
    const toggle = screen.getByRole('button', { name: 'Фильтры' });
    const panel = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(panel?.tagName).toBe('FIELDSET');
    // Folded: the class hides the fields on a phone only (CSS), the button says it is collapsed.
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(panel?.classList.contains('queue-filters--folded')).toBe(true);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(panel?.classList.contains('queue-filters--folded')).toBe(false);
    // Two filters on (the order is not one): the button counts them, and the query carries them.
    fireEvent.change(screen.getByLabelText('Вид'), { target: { value: 'complaint' } });
    fireEvent.click(screen.getByLabelText('Только с продлённым сроком'));
    fireEvent.change(screen.getByLabelText('Порядок'), { target: { value: 'number' } });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Фильтры (2)' })).toBe(toggle));
    await waitFor(() =>
      expect(Object.fromEntries(queries.at(-1) ?? [])).toMatchObject({
        type: 'complaint',
        extended: 'true',
        sort: 'number',
      }),
    );
    // The topic and executor filters offer what the page named; "any" turns a filter off.
    expect(screen.getByRole('option', { name: 'Питание' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Вид'), { target: { value: '' } });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Фильтры (1)' })).toBe(toggle));
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('are named in each language', async () => {
    setLanguage('be');
    render(<Queue />);
    expect(await screen.findByRole('button', { name: 'Фільтры' })).toBeTruthy();
    cleanup();
    setLanguage('en');
    render(<Queue />);
    expect(await screen.findByRole('button', { name: 'Filters' })).toBeTruthy();
  });
});

describe('the tab the queue opens on', () => {
  const selected = async () => (await screen.findByRole('tab', { selected: true })).textContent;
  const executor = (extra: ('coordinator' | 'approver' | 'administrator')[] = []) =>
    signInForTest({
      email: 'teacher@school.example',
      memberships: [
        ['demo-school', 'Школа', 'executor'],
        ...extra.map((role) => ['demo-school', 'Школа', role] as const),
      ],
    });

  it('is "Mine" for a person whose only desk role is executor, and asks for their appeals', async () => {
    executor(['administrator']);
    render(<Queue />);
    expect(await selected()).toMatch(/^Мои/);
    await waitFor(() => expect(queries.at(-1)?.get('mine')).toBe('true'));
  });

  it('is "All" for an executor who also coordinates or approves, and for a coordinator', async () => {
    executor(['approver']);
    const { unmount } = render(<Queue />);
    expect(await selected()).toMatch(/^Все/);
    unmount();
    executor(['coordinator']);
    render(<Queue />);
    expect(await selected()).toMatch(/^Все/);
    cleanup();
    signInForTest({ email: 'clerk@school.example', memberships: [['demo-school', 'Школа', 'coordinator']] });
    render(<Queue />);
    expect(await selected()).toMatch(/^Все/);
  });

  it('is the one the address names (the home screen’s figures link there), if the roles show it', async () => {
    render(<Queue query={{ tab: 'overdue' }} />);
    expect(await selected()).toMatch(/^Просрочены/);
    await waitFor(() => expect(queries.at(-1)?.get('overdue')).toBe('true'));
    cleanup();
    // A coordinator has no "Mine" tab: the address cannot open one.
    render(<Queue query={{ tab: 'mine' }} />);
    expect(await selected()).toMatch(/^Все/);
    expect(queries.every((q) => !q.has('mine'))).toBe(true);
  });
});

describe('the applicant’s name in the queue', () => {
  const shown = (name: string) => {
    const { container } = render(<ApplicantName name={name} />);
    const initials = container.querySelector('.queue-initials')?.textContent ?? null;
    const text = container.textContent;
    cleanup();
    return { text, initials };
  };

  it('keeps all the initials together, apart from the surname, with plain spaces for copying', () => {
    expect(shown('Морозов И. Е.')).toEqual({ text: 'Морозов И. Е.', initials: 'И. Е.' });
    expect(shown('Петрова-Водкина А.')).toEqual({ text: 'Петрова-Водкина А.', initials: 'А.' });
    expect(shown('Ли В.С.')).toEqual({ text: 'Ли В.С.', initials: 'В.С.' });
    expect(shown('Морозов И. Е.').text).not.toMatch(/[\u00a0\u2011]/);
  });

  it('shows a name without initials as it is', () => {
    expect(shown('ООО «Ромашка»')).toEqual({ text: 'ООО «Ромашка»', initials: null });
  });
});
