import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { applySession } from '../session.ts';
import { signInForTest } from '../testing/session.ts';
import People from './people.tsx';

beforeEach(() => {
  setLanguage('ru');
  signInForTest({
    email: 'admin@school.example',
    displayName: 'Учитель информатики',
    memberships: [['demo-school', 'Школа', 'administrator']],
  });
  vi.stubGlobal('fetch', async (input: Request | string) => {
    const path = new URL(input instanceof Request ? input.url : input, location.href).pathname;
    if (path !== '/v1/staff/organizations/demo-school/people') throw new Error(`unexpected call ${path}`);
    const person = (n: number, email: string, displayName: string) => ({
      id: `3333333${n}-3333-4333-8333-333333333333`,
      email,
      displayName,
      roles: [{ role: 'coordinator', subtree: false }],
    });
    return new Response(
      JSON.stringify({
        people: [person(1, 'clerk@school.example', 'Секретарь'), person(2, 'new@school.example', '')],
        invitations: [],
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

describe('the people screen', () => {
  it('shows each person by name with the address they sign in with', async () => {
    render(<People />);
    const named = await screen.findByText('Секретарь');
    expect(named.closest('td')?.textContent).toBe('Секретарьclerk@school.example');
    expect(named.closest('td')?.querySelector('.person-email')?.textContent).toBe('clerk@school.example');
    // Without a name, the address alone.
    const cells = screen.getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toContain('new@school.example');
  });
});
