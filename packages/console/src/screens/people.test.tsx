import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toasts } from '../kit/announcer.tsx';
import { useScreenTest } from '../testing/screen.ts';
import People from './people.tsx';

const ADMIN = '22222222-2222-4222-8222-222222222222';
const CLERK = '33333331-3333-4333-8333-333333333333';
const person = (id: string, email: string, displayName: string, role: string) => ({
  id,
  email,
  displayName,
  roles: [{ role, subtree: false }],
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

/** The portal: the people list, and each role change answered by `answer` and recorded. */
function portal(
  answer: () => Response = () => json(200, person(CLERK, 'clerk@school.example', '', 'approver')),
) {
  const changes: { path: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url, location.href).pathname;
    if (request.method === 'PUT') {
      changes.push({ path, body: await request.clone().json() });
      return answer();
    }
    if (path !== '/v1/staff/organizations/demo-school/people') throw new Error(`unexpected call ${path}`);
    return json(200, {
      people: [
        person(ADMIN, 'admin@school.example', 'Учитель информатики', 'administrator'),
        person(CLERK, 'clerk@school.example', 'Секретарь', 'coordinator'),
        person('33333332-3333-4333-8333-333333333333', 'new@school.example', '', 'coordinator'),
      ],
      invitations: [],
    });
  });
  return changes;
}

useScreenTest({
  email: 'admin@school.example',
  displayName: 'Учитель информатики',
  memberships: [['demo-school', 'Школа', 'administrator']],
});
beforeEach(() => {
  toasts.value = [];
});

const rowOf = async (email: string) => (await screen.findAllByText(email))[0]?.closest('tr') as HTMLElement;

describe('the people screen', () => {
  it('shows each person by name with the address they sign in with', async () => {
    portal();
    render(<People />);
    const named = await screen.findByText('Секретарь');
    expect(named.closest('td')?.textContent).toBe('Секретарьclerk@school.example');
    expect(named.closest('td')?.querySelector('.person-email')?.textContent).toBe('clerk@school.example');
    // Without a name, the address alone.
    const cells = screen.getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toContain('new@school.example');
  });

  it('changes a role only once the change is confirmed in the dialog, and says so', async () => {
    const changes = portal();
    render(<People />);
    const row = await rowOf('clerk@school.example');
    fireEvent.click(within(row).getByRole('button', { name: 'Сменить роль clerk@school.example' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Сменить роль: clerk@school.example' });
    const select = within(dialog).getByLabelText('Новая роль') as HTMLSelectElement;
    expect(document.activeElement).toBe(select);
    // The current role is no change: nothing to confirm yet.
    expect(within(dialog).queryByRole('button', { name: 'Сменить роль' })).toBeNull();
    fireEvent.change(select, { target: { value: 'approver' } });
    expect(changes).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Сменить роль' }));
    await waitFor(() =>
      expect(changes).toEqual([
        {
          path: `/v1/staff/organizations/demo-school/people/${CLERK}/roles`,
          body: { roles: [{ role: 'approver', subtree: false }] },
        },
      ]),
    );
    await waitFor(() =>
      expect(toasts.value.map((t) => t.text)).toEqual([
        'Роль сотрудника clerk@school.example изменена: Согласующий',
      ]),
    );
  });

  it('cancelling the dialog changes nothing', async () => {
    const changes = portal();
    render(<People />);
    const row = await rowOf('clerk@school.example');
    fireEvent.click(within(row).getByRole('button', { name: 'Убрать из организации clerk@school.example' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Убрать clerk@school.example из организации?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Отмена' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Отмена' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(changes).toEqual([]);
  });

  it('offers no way to demote or remove the only administrator, and says why', async () => {
    portal();
    render(<People />);
    const row = await rowOf('admin@school.example');
    expect(within(row).queryAllByRole('button')).toEqual([]);
    expect(row.textContent).toContain('Единственный администратор');
  });

  it('says the portal’s refusal to leave the organisation without an administrator', async () => {
    // Another administrator removed in the meantime: the portal refuses with its specific 409.
    portal(() =>
      json(409, {
        type: 'about:blank',
        title: 'The organisation would be left without an administrator',
        status: 409,
        code: 'conflict',
        reason: 'last-administrator',
      }),
    );
    render(<People />);
    const row = await rowOf('clerk@school.example');
    fireEvent.click(within(row).getByRole('button', { name: 'Убрать из организации clerk@school.example' }));
    const dialog = screen.getByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Убрать' }));
    await waitFor(() =>
      expect(toasts.value.map((t) => t.text)).toEqual([
        'Портал не дал изменить роль: у организации должен остаться хотя бы один администратор.',
      ]),
    );
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
