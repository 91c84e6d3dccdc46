import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './app.tsx';
import { LANGUAGE_KEY, setLanguage } from './i18n/language.ts';

beforeEach(() => {
  setLanguage('ru');
  history.replaceState(null, '', '/console');
});
afterEach(cleanup);

const heading = () => screen.findByRole('heading', { level: 1 });

describe('the console shell', () => {
  it('opens on the home screen, titled, with a skip link to the main area', async () => {
    render(<App />);
    expect((await heading()).textContent).toBe('Добро пожаловать');
    await waitFor(() => expect(document.title).toBe('Добро пожаловать — Отклик'));
    const skip = screen.getByRole('link', { name: 'Перейти к содержанию' });
    expect(skip.getAttribute('href')).toBe('#main');
    expect(screen.getByRole('main').id).toBe('main');
    expect(document.documentElement.lang).toBe('ru');
  });

  it('navigates from the section table; the new page’s h1 takes the focus and names the tab', async () => {
    render(<App />);
    await heading();
    const nav = screen.getByRole('navigation', { name: 'Разделы' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Очередь', 'Отчёты', 'Оценки', 'Настройки', 'Администрирование']);
    fireEvent.click(within(nav).getByRole('link', { name: 'Отчёты' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Отчёты'));
    expect(document.activeElement?.tagName).toBe('H1');
    expect(location.pathname).toBe('/console/reports');
    await waitFor(() => expect(document.title).toBe('Отчёты — Отклик'));
    expect(within(nav).getByRole('link', { name: 'Отчёты' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Очередь' }).hasAttribute('aria-current')).toBe(false);
  });

  it('the menu button discloses the navigation and Escape folds it back to the button', async () => {
    render(<App />);
    await heading();
    const button = screen.getByRole('button', { name: 'Меню' });
    const nav = screen.getByRole('navigation', { name: 'Разделы' });
    expect(button.getAttribute('aria-controls')).toBe(nav.id);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('true'));
    expect(nav.className).toContain('is-open');
    const link = within(nav).getByRole('link', { name: 'Оценки' });
    link.focus();
    fireEvent.keyDown(link, { key: 'Escape' });
    await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('false'));
    expect(document.activeElement).toBe(button);
    // Following a link closes it too.
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('true'));
    fireEvent.click(within(nav).getByRole('link', { name: 'Оценки' }));
    await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('false'));
  });

  it('switches the language of every text and of <html lang>, and remembers it', async () => {
    render(<App />);
    await heading();
    const switcher = screen.getByRole('group', { name: 'Язык интерфейса' });
    const be = within(switcher).getByRole('button', { name: /^BE/ });
    expect(be.getAttribute('lang')).toBe('be');
    expect(be.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(be);
    await waitFor(() => expect(document.documentElement.lang).toBe('be'));
    expect((await heading()).textContent).toBe('Вітаем');
    expect(be.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('navigation', { name: 'Раздзелы' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Вітаем — Водгук'));
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe('be');
    fireEvent.click(
      within(screen.getByRole('group', { name: 'Мова інтэрфейсу' })).getByRole('button', { name: /^EN/ }),
    );
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(screen.getByRole('link', { name: 'Skip to content' })).toBeTruthy();
  });

  it('a page the console does not have says so', async () => {
    history.replaceState(null, '', '/console/no-such-page');
    render(<App />);
    expect((await heading()).textContent).toBe('Страница не найдена');
    expect(screen.getByRole('link', { name: 'На главную' }).getAttribute('href')).toBe('/console/');
  });

  it('the sign-in link leads to the sign-in screen', async () => {
    render(<App />);
    await heading();
    fireEvent.click(screen.getAllByRole('link', { name: 'Войти' })[0] as HTMLElement);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Вход для сотрудников'));
    expect(screen.getByRole('textbox', { name: /Рабочий адрес электронной почты/ })).toBeTruthy();
  });
});
