import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import Invitation from './invitation.tsx';

const TOKEN = '0O8KLRgf2tcQ2uaJMramHRG8V8x_jMcAeicjRqUhXKc';
let asked: { path: string; body: unknown }[] = [];

beforeEach(() => {
  setLanguage('ru');
  asked = [];
  history.replaceState(null, '', `/console/invitation#${TOKEN}`);
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(input, location.href), init);
    asked.push({ path: new URL(request.url).pathname, body: await request.json() });
    return new Response(
      JSON.stringify({
        email: 'director@school12.example',
        organizationId: 'school-12',
        organizationName: 'Школа № 12 города Демо',
        role: 'administrator',
      }),
      { headers: { 'Content-Type': 'application/json' } },
    );
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
});

describe('an invitation’s link', () => {
  it('accepts the token and names the organisation as the invitee knows it, not by its identifier', async () => {
    render(<Invitation />);
    const heading = await screen.findByRole('heading', { name: 'Приглашение принято' });
    const text = heading.parentElement?.querySelector('p')?.textContent;
    expect(text).toBe(
      'Роль в организации Школа № 12 города Демо назначена адресу director@school12.example. Войдите с этим адресом: код придёт письмом.',
    );
    expect(asked).toEqual([{ path: '/v1/staff/invitations/accept', body: { token: TOKEN } }]);
    expect(screen.getByRole('link', { name: 'Войти' }).getAttribute('href')).toBe(
      '/console/sign-in?email=director%40school12.example',
    );
  });
});
