import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { Announcer, announce, toast, toasts } from './announcer.tsx';

beforeEach(() => {
  setLanguage('ru');
  toasts.value = [];
});
afterEach(cleanup);

describe('Announcer', () => {
  it('has its live regions in place before anything is said', () => {
    render(<Announcer />);
    const region = screen.getByRole('region', { name: 'Уведомления' });
    expect(within(region).getAllByRole('status')).toHaveLength(2);
    expect(within(region).getByRole('alert').textContent).toBe('');
  });

  it('shows notices politely and errors assertively, each until dismissed', async () => {
    render(<Announcer />);
    toast('Настройки сохранены', 'success');
    toast('Ответ не отправлен: нет связи', 'error');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Ответ не отправлен'));
    const [polite] = screen.getAllByRole('status');
    expect(polite?.textContent).toContain('Настройки сохранены');
    expect(polite?.textContent).not.toContain('Ответ не отправлен');
    fireEvent.click(within(polite as HTMLElement).getByRole('button', { name: 'Скрыть уведомление' }));
    await waitFor(() => expect(polite?.textContent).toBe(''));
  });

  it('keeps the four latest notices', async () => {
    render(<Announcer />);
    for (const n of [1, 2, 3, 4, 5]) toast(`Уведомление ${n}`);
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(4));
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('p')?.textContent)).toEqual([
      'Уведомление 2',
      'Уведомление 3',
      'Уведомление 4',
      'Уведомление 5',
    ]);
  });

  it('says a status message without showing it, and says the same one again as a new node', async () => {
    render(<Announcer />);
    announce('Найдено 3 обращения');
    const hidden = screen.getAllByRole('status')[1] as HTMLElement;
    await waitFor(() => expect(hidden.textContent).toBe('Найдено 3 обращения'));
    const first = hidden.firstElementChild;
    announce('Найдено 3 обращения');
    await waitFor(() => expect(hidden.firstElementChild).not.toBe(first));
    expect(hidden.className).toBe('visually-hidden');
  });
});
