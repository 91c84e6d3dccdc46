import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toasts } from '../../kit/announcer.tsx';
import refusalsRu from '../../kit/refusals/ru.ts';
import { useScreenTest } from '../../testing/screen.ts';
import { Attachments } from './attachments.tsx';
import { MailPreferences } from './mail-preferences.tsx';

const APPEAL = '6f0c1c52-5d0e-4a5e-9d55-3a8d5d2c1f00';
const problem = (status: number, code: string, reason?: string) =>
  new Response(
    JSON.stringify({
      type: 'about:blank',
      title: 'English title',
      status,
      code,
      reason,
      detail: 'English detail',
    }),
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
const errorToasts = () => toasts.value.filter((t) => t.tone === 'error').map((t) => t.text);

useScreenTest({
  email: 'clerk@school.example',
  displayName: 'Секретарь',
  memberships: [['demo-school', 'Школа', 'coordinator']],
});
beforeEach(() => {
  toasts.value = [];
});

describe('a failure in the card says what went wrong, in Russian', () => {
  it('mail settings refused for a stale page: "reload and try again", not a bare "could not save"', async () => {
    vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (request.method === 'PUT') return problem(403, 'forbidden', 'csrf-token-invalid');
      return new Response(
        JSON.stringify({
          newAppeal: true,
          applicantWrote: true,
          dueSoon: true,
          overdue: true,
          approvals: true,
          dailyDigest: false,
        }),
        { headers: { 'Content-Type': 'application/json' } },
      );
    });
    render(<MailPreferences />);
    fireEvent.click(await screen.findByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(errorToasts()).toHaveLength(1));
    const [text] = errorToasts();
    expect(text).toBe(`Не удалось сохранить. ${refusalsRu['csrf-token-invalid']}`);
    expect(text).toContain('Обновите страницу');
    expect(text).not.toContain('English');
  });

  it('a file that cannot be fetched: the reason in words, for the preview and the download', async () => {
    vi.stubGlobal('fetch', async () => problem(404, 'not-found'));
    const file = {
      id: '11111111-1111-4111-8111-111111111111',
      name: 'скан.pdf',
      size: 2048,
      mediaType: 'application/pdf',
    };
    render(<Attachments appealId={APPEAL} files={[file]} />);
    fireEvent.click(screen.getByRole('button', { name: /Показать|Просмотр/ }));
    await waitFor(() => expect(errorToasts()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: /Скачать/ }));
    await waitFor(() => expect(errorToasts()).toHaveLength(2));
    for (const text of errorToasts()) {
      expect(text).toBe('Этого уже нет: возможно, запись удалили. Обновите страницу.');
    }
  });
});
