import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { applySession } from '../session.ts';
import { useScreenTest } from '../testing/screen.ts';
import { signInForTest } from '../testing/session.ts';
import Home from './home.tsx';

useScreenTest();

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

  it('the queue card says what the queue shows to the person’s roles', () => {
    const card = () =>
      screen.getByRole('link', { name: 'Очередь' }).closest('li')?.querySelector('p')?.textContent;
    signInForTest({ email: 'clerk@school.example', memberships: [['demo-school', 'Школа', 'coordinator']] });
    const { unmount } = render(<Home />);
    expect(card()).toBe('Все обращения организации со сроками ответа: новые, на этой неделе, просроченные.');
    unmount();
    signInForTest({
      email: 'head@school.example',
      memberships: [
        ['demo-school', 'Школа', 'executor'],
        ['demo-school', 'Школа', 'approver'],
      ],
    });
    render(<Home />);
    expect(card()).toContain('Все обращения организации');
    expect(card()).toContain('Назначенные вам — на вкладке «Мои».');
    expect(card()).toContain('на вкладке «Ждут моего согласования»');
  });
});
