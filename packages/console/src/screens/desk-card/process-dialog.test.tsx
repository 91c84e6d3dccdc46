import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../i18n/language.ts';
import { ProcessDialog } from './process-dialog.tsx';

const APPEAL = '6f0c1c52-5d0e-4a5e-9d55-3a8d5d2c1f00';
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

/** The portal the dialog calls: each answer in turn, the bodies sent recorded. */
function portal(...answers: Response[]) {
  const sent: unknown[] = [];
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    sent.push(await request.clone().json());
    const next = answers.shift();
    if (!next) throw new Error(`unexpected call ${request.url}`);
    return next;
  });
  return sent;
}

beforeEach(() => setLanguage('ru'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The field's error, as its description carries it. */
const errorOf = (field: HTMLElement) =>
  document.getElementById(`${field.id}-error`)?.textContent?.replace('!', '').trim() ?? null;

describe('the extension dialog', () => {
  it('asks for the date and the reason before sending anything, then sends both', async () => {
    // What the portal answers does not matter here: what was sent, and when, does.
    const sent = portal(json(500, { type: 'about:blank', title: 'x', status: 500, code: 'internal' }));
    render(<ProcessDialog appealId={APPEAL} kind="extend" onClose={() => {}} onDone={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'Продлить срок' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Подтвердить' }));
    const date = within(dialog).getByLabelText(/Новый срок/);
    const reason = within(dialog).getByLabelText(/Причина продления/);
    await waitFor(() => expect(errorOf(date)).toBe('Заполните это поле'));
    expect(errorOf(reason)).toBe('Заполните это поле');
    expect(document.activeElement).toBe(date);
    expect(sent).toEqual([]);
    fireEvent.input(date, { target: { value: '2027-02-15' } });
    fireEvent.input(reason, { target: { value: 'Нужна проверка на месте' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Подтвердить' }));
    await waitFor(() =>
      expect(sent).toEqual([
        { status: 'extended', extendedUntil: '2027-02-15', note: 'Нужна проверка на месте' },
      ]),
    );
  });

  it('says the portal’s refusal of the date at the date field', async () => {
    portal(
      json(422, {
        type: 'about:blank',
        title: 'Invalid extension',
        status: 422,
        code: 'validation-failed',
        issues: [
          {
            path: 'body.extendedUntil',
            message: 'Must be after 2027-01-10 and not after 2027-02-09',
            reason: 'extension-date-out-of-range',
          },
        ],
      }),
    );
    render(<ProcessDialog appealId={APPEAL} kind="extend" onClose={() => {}} onDone={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'Продлить срок' });
    const date = within(dialog).getByLabelText(/Новый срок/);
    fireEvent.input(date, { target: { value: '2027-03-15' } });
    fireEvent.input(within(dialog).getByLabelText(/Причина продления/), { target: { value: 'Проверка' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Подтвердить' }));
    await waitFor(() =>
      expect(errorOf(date)).toBe(
        'Новый срок должен быть позже нынешнего и не дальше, чем разрешает закон. Выберите другую дату.',
      ),
    );
  });
});
