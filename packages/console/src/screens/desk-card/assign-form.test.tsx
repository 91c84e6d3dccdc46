import type { AppealCard, StaffAppeal } from '@otklik/client/schemas';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../i18n/language.ts';
import { AssignForm } from './assign-form.tsx';
import { cardFixture } from './card-fixture.ts';
import { History } from './history.tsx';

const APPEAL = '6f0c1c52-5d0e-4a5e-9d55-3a8d5d2c1f00';
const TEACHER = { personId: '33333333-3333-4333-8333-333333333333', name: 'Учитель' };
const DEPUTY = { personId: '44444444-4444-4444-8444-444444444444', name: 'Завуч' };
const appeal = { appealId: APPEAL, dueDate: '2030-02-01', history: [] } as unknown as StaffAppeal;
const card = (executor: typeof TEACHER | null) =>
  cardFixture({
    executor,
    executors: [TEACHER, DEPUTY],
    can: { assign: true, process: true, extend: true },
  });

/** The bodies the portal was sent. */
let sent: unknown[] = [];
beforeEach(() => {
  setLanguage('ru');
  sent = [];
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    sent.push(await request.clone().json());
    return new Response(JSON.stringify(card(TEACHER)), { headers: { 'Content-Type': 'application/json' } });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const options = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('assigning the executor on the card', () => {
  it('while nobody is assigned, the empty choice says so; sending it asks to choose, at the field', async () => {
    const onCard = vi.fn();
    render(<AssignForm appeal={appeal} card={card(null)} onCard={onCard} />);
    const select = screen.getByLabelText(/Исполнитель/);
    expect(options(select)).toEqual(['Не назначен', 'Учитель', 'Завуч']);
    fireEvent.click(screen.getByRole('button', { name: 'Назначить' }));
    await waitFor(() =>
      expect(document.getElementById('card-executor-error')?.textContent).toContain('Выберите исполнителя'),
    );
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(select);
    expect(sent).toEqual([]);
    fireEvent.change(select, { target: { value: TEACHER.personId } });
    expect(document.getElementById('card-executor-error')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Назначить' }));
    await waitFor(() => expect(onCard).toHaveBeenCalled());
    expect(sent).toEqual([{ executorId: TEACHER.personId, internalDueDate: null }]);
  });

  it('once someone is assigned, there is no empty choice: a reassignment names another person', () => {
    render(<AssignForm appeal={appeal} card={card(TEACHER)} onCard={() => {}} />);
    const select = screen.getByLabelText(/Исполнитель/) as HTMLSelectElement;
    expect(options(select)).toEqual(['Учитель', 'Завуч']);
    expect(select.value).toBe(TEACHER.personId);
  });

  it('the empty choice in Belarusian and English', () => {
    setLanguage('be');
    render(<AssignForm appeal={appeal} card={card(null)} onCard={() => {}} />);
    expect(options(screen.getByLabelText(/Выканаўца/))[0]).toBe('Не прызначаны');
    cleanup();
    setLanguage('en');
    render(<AssignForm appeal={appeal} card={card(null)} onCard={() => {}} />);
    expect(options(screen.getByLabelText(/Executor/))[0]).toBe('Not assigned');
  });
});

describe('the card’s history', () => {
  it('says in a sentence that nothing has happened yet, in each language', () => {
    for (const [language, text] of [
      ['ru', /^Событий пока нет/],
      ['be', /^Падзей пакуль няма/],
      ['en', /^Nothing has happened yet/],
    ] as const) {
      setLanguage(language);
      render(<History appeal={appeal} card={card(null)} />);
      expect(screen.queryByRole('list')).toBeNull();
      expect(screen.getByText(text)).toBeTruthy();
      cleanup();
    }
  });

  it('lists the statuses and the desk’s events, oldest first', () => {
    const withHistory = {
      ...appeal,
      history: [{ at: '2030-01-02T09:00:00Z', status: 'registered', note: null }],
    } as unknown as StaffAppeal;
    const events = [
      { at: '2030-01-03T09:00:00Z', kind: 'assigned', actor: 'Секретарь', note: null },
    ] as AppealCard['events'];
    render(<History appeal={withHistory} card={{ ...card(null), events }} />);
    const items = screen.getAllByRole('listitem').map((li) => li.querySelector('strong')?.textContent);
    expect(items).toEqual(['Зарегистрировано', 'Назначен исполнитель']);
  });

  it('names the result and the reason for no answer in words, not by the portal’s codes', () => {
    const closed = {
      ...appeal,
      history: [
        { at: '2030-01-02T09:00:00Z', status: 'answered', note: 'explained' },
        { at: '2030-01-03T09:00:00Z', status: 'left_without_answer', note: 'anonymous: нет адреса' },
        { at: '2030-01-04T09:00:00Z', status: 'forwarded', note: 'Управление образования' },
      ],
    } as unknown as StaffAppeal;
    render(<History appeal={closed} card={card(null)} />);
    const items = screen.getAllByRole('listitem').map((li) => li.querySelectorAll('p')[1]?.textContent);
    expect(items).toEqual([
      'Рассмотрено: Разъяснено',
      'Оставлено без ответа: Не указаны фамилия или адрес для ответа: нет адреса',
      'Направлено по компетенции: Управление образования',
    ]);
  });
});
