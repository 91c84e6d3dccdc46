import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { applySession } from '../session.ts';
import { signInForTest } from '../testing/session.ts';
import Home from './home.tsx';

beforeEach(() => setLanguage('ru'));
afterEach(() => {
  cleanup();
  applySession(null);
});

describe('the home screen', () => {
  it('signed out, offers only the way in: no section cards that would each ask to sign in', () => {
    applySession(null);
    render(<Home />);
    expect(screen.getByRole('heading', { name: 'Вход для сотрудников' })).toBeTruthy();
    expect(screen.getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Перейти ко входу', '/console/sign-in'],
    ]);
    expect(screen.queryByRole('heading', { name: 'Разделы' })).toBeNull();
  });

  it('signed in, the sections the person’s roles open, and no invitation to sign in', () => {
    signInForTest({ email: 'analyst@school.example', memberships: [['demo-school', 'Школа', 'analyst']] });
    render(<Home />);
    expect(screen.queryByRole('heading', { name: 'Вход для сотрудников' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Разделы' })).toBeTruthy();
    const sections = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(sections).toContain('Отчёты');
    expect(sections).not.toContain('Администрирование');
  });
});
