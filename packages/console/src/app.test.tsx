import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './app.tsx';
import { LANGUAGE_KEY, setLanguage } from './i18n/language.ts';
import { applySession, chosenOrganizationId } from './session.ts';
import { signInForTest } from './testing/session.ts';

beforeEach(() => {
  setLanguage('ru');
  history.replaceState(null, '', '/console');
});
afterEach(() => {
  cleanup();
  applySession(null);
  localStorage.clear();
  vi.unstubAllGlobals();
});

const heading = () => screen.findByRole('heading', { level: 1 });

/**
 * Signs in someone holding every role (the navigation shows sections only to those signed in); the
 * screens' calls are answered "unavailable", their headings are what these tests read.
 */
function signInWithEveryRole() {
  vi.stubGlobal(
    'fetch',
    async () =>
      new Response(JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503 }), {
        status: 503,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
  );
  applySession({
    person: {
      id: '22222222-2222-4222-8222-222222222222',
      email: 'all@school.example',
      displayName: '',
      totpEnabled: false,
    },
    portalAdministrator: true,
    memberships: (['administrator', 'coordinator', 'executor', 'approver', 'analyst'] as const).map(
      (role) => ({ organizationId: 'demo-school', organizationName: 'Школа', role, subtree: false }),
    ),
    permissions: {},
    csrfToken: 'c'.repeat(64),
    expiresAt: '2030-01-01T00:00:00.000Z',
  });
}

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
    signInWithEveryRole();
    render(<App />);
    await heading();
    const nav = screen.getByRole('navigation', { name: 'Разделы' });
    expect(
      within(within(nav).getByRole('list'))
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
    signInWithEveryRole();
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

  it('the menu closes when the focus leaves it and its button, and Escape on the button closes it', async () => {
    signInWithEveryRole();
    render(<App />);
    await heading();
    const button = screen.getByRole('button', { name: 'Меню' });
    const nav = screen.getByRole('navigation', { name: 'Разделы' });
    const open = async () => {
      fireEvent.click(button);
      await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('true'));
    };
    await open();
    // Moving between the button and the links keeps it open.
    button.focus();
    within(nav).getByRole('link', { name: 'Отчёты' }).focus();
    button.focus();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    // Tab past the last link into the page closes it, the focus staying where it went.
    const heading1 = screen.getByRole('heading', { level: 1 });
    heading1.focus();
    await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('false'));
    expect(nav.className).not.toContain('is-open');
    expect(document.activeElement).toBe(heading1);
    // Escape with the focus on the button closes it.
    await open();
    button.focus();
    fireEvent.keyDown(button, { key: 'Escape' });
    await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('false'));
    expect(document.activeElement).toBe(button);
    // Escape from the page while it is closed does nothing to the focus.
    heading1.focus();
    fireEvent.keyDown(heading1, { key: 'Escape' });
    expect(document.activeElement).toBe(heading1);
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
    expect(screen.getByRole('link', { name: 'Перайсці да ўваходу' })).toBeTruthy();
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

  it('the home screen’s way in leads to the sign-in screen', async () => {
    render(<App />);
    await heading();
    fireEvent.click(screen.getByRole('link', { name: 'Перейти ко входу' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Вход для сотрудников'));
    expect(screen.getByRole('textbox', { name: /Рабочий адрес электронной почты/ })).toBeTruthy();
  });
});

describe('the organisation switcher', () => {
  type Role = 'administrator' | 'coordinator' | 'executor' | 'approver' | 'analyst';
  const signIn = (memberships: [string, string, Role][]) =>
    signInForTest({ email: 'many@school.example', memberships });
  const switcher = () => screen.getByRole('combobox', { name: 'Организация' }) as HTMLSelectElement;

  afterEach(() => {
    applySession(null);
    chosenOrganizationId.value = null;
    localStorage.clear();
    vi.unstubAllGlobals();
  });

  it('one organisation: its name, no switcher', async () => {
    signIn([['demo-school', 'Школа № 1', 'coordinator']]);
    render(<App />);
    await heading();
    expect(screen.getByText('Школа № 1')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Организация' })).toBeNull();
  });

  it('one organisation with a short name: the header shows it (a phone has no room for the full one)', async () => {
    signInForTest({
      email: 'a@school.example',
      memberships: [
        {
          organizationId: 'demo-school',
          organizationName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»',
          organizationShortName: 'МБОУ СОШ № 1',
          role: 'coordinator',
          subtree: false,
        },
      ],
    });
    render(<App />);
    await heading();
    const name = screen.getByText('МБОУ СОШ № 1');
    expect(name.getAttribute('title')).toBe(
      'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»',
    );
  });

  it('several: the screens follow the chosen organisation, and the choice is remembered', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (input: Request | string) => {
      const url = new URL(input instanceof Request ? input.url : input);
      asked.push(url.pathname);
      const org = /organizations\/([\w-]+)\/audit-log/.exec(url.pathname)?.[1] ?? '';
      const entry = {
        id: 1,
        at: '2026-12-01T10:00:00.000Z',
        appealId: null,
        appealNumber: null,
        actor: null,
        details: null,
      };
      return new Response(
        JSON.stringify({ items: [{ ...entry, action: `${org}.entry` }], nextBefore: null }),
        {
          headers: { 'Content-Type': 'application/json' },
        },
      );
    });
    signIn([
      ['demo-school', 'Школа № 1', 'administrator'],
      ['demo-school-2', 'Школа № 2', 'coordinator'],
      ['demo-school-2', 'Школа № 2', 'administrator'],
    ]);
    history.replaceState(null, '', '/console/audit-log');
    render(<App />);
    await screen.findByText('demo-school.entry');
    const select = switcher();
    expect([...select.options].map((o) => o.textContent)).toEqual(['Школа № 1', 'Школа № 2']);
    expect(select.value).toBe('demo-school');
    fireEvent.change(select, { target: { value: 'demo-school-2' } });
    await screen.findByText('demo-school-2.entry');
    expect(location.pathname).toBe('/console/audit-log');
    expect(asked.at(-1)).toBe('/v1/staff/organizations/demo-school-2/audit-log');
    expect(localStorage.getItem('otklik-console-organization')).toBe('demo-school-2');
    // The navigation follows the roles held there.
    const nav = screen.getByRole('navigation', { name: 'Разделы' });
    expect(within(nav).getByRole('link', { name: 'Очередь' })).toBeTruthy();
  });

  it('the audit log names sign-in and sign-out in words, with the way the person signed in', async () => {
    const entry = {
      appealId: null,
      appealNumber: null,
      actor: { kind: 'person', name: 'many@school.example' },
    };
    const items = [
      { ...entry, id: 3, at: '2026-12-01T10:02:00.000Z', action: 'session.sign-out', details: null },
      {
        ...entry,
        id: 2,
        at: '2026-12-01T10:01:00.000Z',
        action: 'session.sign-in',
        details: { method: 'oidc:region-id' },
      },
      {
        ...entry,
        id: 1,
        at: '2026-12-01T10:00:00.000Z',
        action: 'session.totp-failed',
        details: { method: 'email-code' },
      },
    ];
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ items, nextBefore: null }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    signIn([['demo-school', 'Школа № 1', 'administrator']]);
    history.replaceState(null, '', '/console/audit-log');
    render(<App />);
    await screen.findByText(/Вход в консоль через службу входа region-id/);
    expect(screen.getByText(/Неверный код из приложения при входе по коду из письма/)).toBeTruthy();
    expect(screen.getByText('Выход')).toBeTruthy();
  });

  it('a screen the new roles do not show gives way to the home screen', async () => {
    signIn([
      ['demo-school', 'Школа № 1', 'administrator'],
      ['demo-lyceum', 'Лицей', 'analyst'],
    ]);
    history.replaceState(null, '', '/console/settings');
    render(<App />);
    await heading();
    fireEvent.change(switcher(), { target: { value: 'demo-lyceum' } });
    await waitFor(() => expect(location.pathname).toBe('/console/'));
    const nav = screen.getByRole('navigation', { name: 'Разделы' });
    expect(
      within(within(nav).getByRole('list'))
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Отчёты', 'Оценки']);
  });

  it('is named in the interface language', async () => {
    setLanguage('en');
    signIn([
      ['a-org', 'A', 'analyst'],
      ['b-org', 'B', 'analyst'],
    ]);
    render(<App />);
    await heading();
    expect(screen.getByRole('combobox', { name: 'Organisation' })).toBeTruthy();
  });
});
