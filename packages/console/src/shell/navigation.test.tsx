import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../app.tsx';
import { setLanguage } from '../i18n/language.ts';
import { applySession } from '../session.ts';
import { NAV_ID } from './navigation.tsx';

beforeEach(() => {
  setLanguage('ru');
  history.replaceState(null, '', '/console');
});
afterEach(() => {
  cleanup();
  applySession(null);
  localStorage.clear();
});

/** The navigation, whatever the interface language names it. */
const nav = () => {
  const element = document.getElementById(NAV_ID);
  if (element === null) throw new Error('no navigation');
  return element;
};
/** The sections' links (the person's own link, for phones, follows the list). */
const links = () =>
  within(nav().querySelector<HTMLElement>('.shell-nav-list') ?? nav())
    .getAllByRole('link')
    .map((a) => [a.textContent, a.getAttribute('href')]);

const coordinator = () =>
  applySession({
    person: {
      id: '22222222-2222-4222-8222-222222222222',
      email: 'clerk@school.example',
      displayName: 'Секретарь',
      totpEnabled: false,
    },
    portalAdministrator: false,
    memberships: [
      { organizationId: 'demo-school', organizationName: 'Школа', role: 'coordinator', subtree: false },
    ],
    permissions: {},
    csrfToken: 'c'.repeat(64),
    expiresAt: '2030-01-01T00:00:00.000Z',
  });

/** Every link in the page that leads to the sign-in screen, with its text. */
const waysIn = () =>
  [...document.querySelectorAll<HTMLAnchorElement>('a[href^="/console/sign-in"]')].map((a) => [
    a.textContent,
    a.getAttribute('href'),
  ]);

describe('the shell signed out', () => {
  it('has no navigation, menu button or header link: the home screen offers the way in, once', async () => {
    render(<App />);
    await screen.findByRole('heading', { level: 1 });
    expect(document.getElementById(NAV_ID)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Меню' })).toBeNull();
    expect(waysIn()).toEqual([['Перейти ко входу', '/console/sign-in']]);
    expect(screen.getByRole('group', { name: 'Язык интерфейса' })).toBeTruthy();
  });

  it('a screen that needs a session offers the way in once, back to it; the sign-in screen none', async () => {
    history.replaceState(null, '', '/console/reports');
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Отчёты' });
    await waitFor(() => expect(waysIn()).toEqual([['Войти', '/console/sign-in?next=%2Fconsole%2Freports']]));
    cleanup();
    history.replaceState(null, '', '/console/sign-in');
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Вход для сотрудников' });
    expect(waysIn()).toEqual([]);
  });

  it('signing in shows the person’s sections instead; signing out takes them away again', async () => {
    render(<App />);
    await screen.findByRole('heading', { level: 1 });
    coordinator();
    await waitFor(() =>
      expect(links()).toEqual([
        ['Очередь', '/console/queue'],
        ['Отчёты', '/console/reports'],
      ]),
    );
    applySession(null);
    await waitFor(() => expect(document.getElementById(NAV_ID)).toBeNull());
  });

  it('signed in, the person’s link to their account follows the sections (the phone’s folded header)', async () => {
    render(<App />);
    await screen.findByRole('heading', { level: 1 });
    coordinator();
    await waitFor(() =>
      expect(
        within(nav())
          .getAllByRole('link')
          .map((a) => [a.textContent, a.getAttribute('href')]),
      ).toEqual([
        ['Очередь', '/console/queue'],
        ['Отчёты', '/console/reports'],
        ['Секретарь', '/console/account'],
      ]),
    );
  });
});
