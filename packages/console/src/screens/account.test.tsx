import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useScreenTest } from '../testing/screen.ts';
import Account from './account.tsx';

const SECRET = 'MA6HTD6RH3LLB2SYSNPGRFGCVME3NQYA';

useScreenTest({
  email: 'head@school.example',
  displayName: 'Директор',
  memberships: [['demo-school', 'Школа', 'approver']],
});
beforeEach(() => {
  vi.stubGlobal('fetch', async (input: Request | string) => {
    const path = new URL(input instanceof Request ? input.url : input, location.href).pathname;
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    if (path === '/v1/staff/account/totp')
      return json({ secret: SECRET, uri: `otpauth://totp/Otklik:head?secret=${SECRET}&issuer=Otklik` });
    if (path === '/v1/staff/mail-preferences')
      return json({ newAppeal: true, applicantMessage: true, dueSoon: true, overdue: true, digest: false });
    throw new Error(`unexpected call ${path}`);
  });
});

describe('connecting an authenticator app', () => {
  it('says what to do, shows the key in groups of four, and no technical words', async () => {
    render(<Account />);
    fireEvent.click(await screen.findByRole('button', { name: 'Подключить приложение' }));
    await screen.findByText(/отсканируйте QR-код/);
    expect(screen.queryByText(/Второй шаг входа выключен/)).toBeNull();
    await waitFor(() =>
      expect(document.querySelector('.account-secret')?.textContent).toBe(
        'MA6H TD6R H3LL B2SY SNPG RFGC VME3 NQYA',
      ),
    );
    expect(document.body.textContent).not.toMatch(/otpauth/);
    expect(
      screen.getByRole('link', { name: 'Открыть в приложении на этом телефоне' }).getAttribute('href'),
    ).toMatch(/^otpauth:/);
  });
});
