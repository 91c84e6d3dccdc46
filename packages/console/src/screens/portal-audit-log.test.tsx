import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applySession } from '../session.ts';
import { useScreenTest } from '../testing/screen.ts';
import PortalAuditLog from './portal-audit-log.tsx';

const session = (portalAdministrator: boolean) => ({
  person: {
    id: '22222222-2222-4222-8222-222222222222',
    email: 'region@example.org',
    displayName: '',
    totpEnabled: false,
  },
  portalAdministrator,
  memberships: [],
  permissions: {},
  csrfToken: 'c'.repeat(64),
  expiresAt: '2030-01-01T00:00:00.000Z',
});

const entry = (id: number, action: string, details: Record<string, unknown> | null) => ({
  id,
  at: '2026-12-06T08:00:00.000Z',
  action,
  appealId: null,
  appealNumber: null,
  actor: { kind: 'person', name: id === 5 ? 'nobody@school.example' : 'region@example.org' },
  details,
});

let asked: string[] = [];
useScreenTest();
beforeEach(() => {
  asked = [];
  vi.stubGlobal('fetch', async (input: Request | string) => {
    const url = new URL(input instanceof Request ? input.url : input, location.href);
    if (url.pathname !== '/v1/staff/portal/audit-log') throw new Error(`unexpected call ${url.pathname}`);
    asked.push(url.search);
    const older = url.searchParams.get('before') !== null;
    return new Response(
      JSON.stringify(
        older
          ? { items: [entry(3, 'classifier.import', { imported: 2, added: 2, total: 9 })], nextBefore: null }
          : {
              items: [
                entry(6, 'session.sign-in', { method: 'oidc:demo-id', provider: 'Demo ID' }),
                entry(5, 'session.sign-in', { method: 'email-code' }),
                entry(4, 'organization.create', { organizationId: 'school-7' }),
              ],
              nextBefore: 4,
            },
      ),
      { headers: { 'Content-Type': 'application/json' } },
    );
  });
});

describe('the portal’s audit log', () => {
  it('shows sign-ins and portal actions in words, with the organisation each concerns, page by page', async () => {
    applySession(session(true));
    render(<PortalAuditLog />);
    const table = await screen.findByRole('table', { name: 'Журнал действий, новые сверху' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .slice(1)
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['region@example.org', 'Вход в консоль через службу входа Demo ID session.sign-in', '—'],
      ['nobody@school.example', 'Вход в консоль по коду из письма session.sign-in', '—'],
      ['region@example.org', 'Создана организация organization.create', 'school-7'],
    ]);
    expect(
      within(rows[2] as HTMLElement)
        .getAllByRole('cell')[3]
        ?.getAttribute('data-label'),
    ).toBe('Организация');
    fireEvent.click(screen.getByRole('button', { name: 'Более ранние записи' }));
    await screen.findByText('Импортирован классификатор обращений');
    expect(asked).toEqual(['?limit=50', '?limit=50&before=4']);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Более ранние записи' })).toBeNull());
  });

  it('is for portal administrators only: anyone else is told so and nothing is asked', async () => {
    applySession(session(false));
    render(<PortalAuditLog />);
    expect(screen.getByText('Только для администраторов портала')).toBeTruthy();
    expect(asked).toEqual([]);
  });
});
