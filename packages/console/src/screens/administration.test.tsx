import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { applySession } from '../session.ts';
import Administration from './administration.tsx';

const PORTAL_ADMINISTRATOR = {
  person: {
    id: '22222222-2222-4222-8222-222222222222',
    email: 'portal-admin@example.ru',
    displayName: 'Региональный администратор',
    totpEnabled: false,
  },
  portalAdministrator: true,
  memberships: [],
  permissions: {},
  csrfToken: 'c'.repeat(64),
  expiresAt: '2030-01-01T00:00:00.000Z',
};

const organization = (id: string, name: string, parentId: string | null) => ({
  id,
  name,
  parentId,
  country: 'RU',
  jurisdiction: 'ru-59fz',
  administrators: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
});

beforeEach(() => {
  setLanguage('ru');
  applySession(PORTAL_ADMINISTRATOR);
  vi.stubGlobal('fetch', async (input: Request | string) => {
    const path = new URL(input instanceof Request ? input.url : input, location.href).pathname;
    if (path !== '/v1/staff/portal/organizations') throw new Error(`unexpected call ${path}`);
    return new Response(
      JSON.stringify({
        items: [
          organization('demo-school', 'Школа № 1', 'demo-edu-dept'),
          organization('demo-edu-dept', 'Управление образования', null),
        ],
        total: 2,
      }),
      { headers: { 'Content-Type': 'application/json' } },
    );
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  applySession(null);
});

describe('the administration screen speaks in names, not ids', () => {
  it('the list names the parent organisation; the forms choose organisations and laws by name', async () => {
    render(<Administration />);
    const table = await screen.findByRole('table', { name: 'Организации портала' });
    const school = within(table).getByText('Школа № 1').closest('tr');
    expect(school?.textContent).toContain('Управление образования');

    const parent = screen.getByRole('combobox', { name: 'Вышестоящая организация' }) as HTMLSelectElement;
    await waitFor(() => expect(parent.options.length).toBe(3));
    expect([...parent.options].map((o) => o.text)).toEqual([
      'Нет (организация верхнего уровня)',
      'Управление образования',
      'Школа № 1',
    ]);
    const law = screen.getByRole('combobox', { name: /Правовой профиль обращений/ }) as HTMLSelectElement;
    // Named as the settings name them, short enough for a select at 375 px.
    expect([...law.options].map((o) => o.text)).toEqual([
      'Россия, 59-ФЗ',
      'Беларусь, Закон № 300-З',
      'Общий (без требований закона)',
    ]);
    const invite = screen.getByRole('combobox', { name: /^Организация/ }) as HTMLSelectElement;
    expect([...invite.options].map((o) => o.value)).toEqual(['', 'demo-edu-dept', 'demo-school']);
  });
});
