import type { AppealCard } from '@otklik/client/schemas';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toasts } from '../../kit/announcer.tsx';
import refusalsRu from '../../kit/refusals/ru.ts';
import { loadRefusals } from '../../kit/refusals.ts';
import { useScreenTest } from '../../testing/screen.ts';
import { AnswerEditor, type SentAnswer } from './answer-editor.tsx';
import { cardFixture, draftFixture } from './card-fixture.ts';

const APPEAL = '6f0c1c52-5d0e-4a5e-9d55-3a8d5d2c1f00';
const TEMPLATE = '7e3a1c00-0000-4000-8000-000000000002';
const TEACHER = { personId: '33333333-3333-4333-8333-333333333333', name: 'Завуч' };
const FILLED = 'Уважаемый Иван Петрович!\n\nНа Ваше обращение разъясняем: [… суть разъяснения]';

const card = (
  state: 'draft' | 'on_approval' | 'approved',
  text: string,
  can: { draft: boolean; approve: boolean },
) => cardFixture({ executor: TEACHER, executors: [TEACHER], draft: draftFixture(state, text), can });

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
/** What a control's `aria-describedby` says. */
const description = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
const errorToasts = () => toasts.value.filter((t) => t.tone === 'error').map((t) => t.text);

/** The card as the screen keeps it: what the portal answers replaces it. */
function Answer({ initial, sent }: { initial: AppealCard; sent?: SentAnswer }) {
  const [current, setCurrent] = useState(initial);
  return <AnswerEditor appealId={APPEAL} card={current} onCard={setCurrent} sent={sent} />;
}

/** The portal's side of the answer: templates, saving, sending for approval; each call recorded. */
function portal(refuse?: { path: string; reason: string }) {
  const calls: string[] = [];
  let saved = '';
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname;
    calls.push(`${request.method} ${path}`);
    if (refuse && path.endsWith(refuse.path))
      return json(
        { type: 'about:blank', title: 'T', status: 422, code: 'validation-failed', reason: refuse.reason },
        422,
      );
    if (path.endsWith('/templates'))
      return json({
        items: [
          {
            templateId: TEMPLATE,
            title: 'Разъяснение',
            language: 'ru',
            result: 'explained',
            body: FILLED,
            updatedAt: '2026-12-01T00:00:00Z',
            filled: FILLED,
          },
        ],
      });
    if (request.method === 'PUT') {
      saved = ((await request.json()) as { text: string }).text;
      return json(card('draft', saved, { draft: true, approve: false }));
    }
    if (path.endsWith('/draft/submit'))
      return json(card('on_approval', saved, { draft: false, approve: false }));
    return json(card('approved', saved, { draft: false, approve: false }));
  });
  return calls;
}

useScreenTest({
  email: 'teacher@school.example',
  displayName: 'Завуч',
  memberships: [['demo-school', 'Школа', 'executor']],
});
beforeEach(async () => {
  toasts.value = [];
  await loadRefusals('ru');
});

describe('a template’s blank does not reach the applicant', () => {
  it('the editor names the blank beside the text and sends nothing for approval until it is filled in', async () => {
    const calls = portal();
    render(<Answer initial={card('draft', '', { draft: true, approve: false })} />);
    fireEvent.change(await screen.findByLabelText('Шаблон'), { target: { value: TEMPLATE } });
    fireEvent.click(screen.getByRole('button', { name: 'Вставить шаблон' }));
    const text = screen.getByLabelText('Текст ответа') as HTMLTextAreaElement;
    await waitFor(() => expect(text.value).toBe(FILLED));
    expect(description(text)).toMatch(/Осталось заполнить: \[… суть разъяснения\]\./);
    expect(text.getAttribute('aria-invalid')).not.toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Отправить на согласование' }));
    await waitFor(() => expect(text.getAttribute('aria-invalid')).toBe('true'));
    expect(description(text)).toMatch(/Осталось заполнить: \[… суть разъяснения\]\./);
    expect(document.activeElement).toBe(text);
    expect(calls.filter((c) => !c.startsWith('GET'))).toEqual([]);

    fireEvent.input(text, {
      target: { value: FILLED.replace('[… суть разъяснения]', 'крыльцо отремонтируют') },
    });
    await waitFor(() => expect(description(text)).not.toMatch(/Осталось заполнить/));
    fireEvent.click(screen.getByRole('button', { name: 'Отправить на согласование' }));
    await screen.findByText('Черновик на согласовании.');
    expect(calls.filter((c) => !c.startsWith('GET'))).toEqual([
      `PUT /v1/staff/appeals/${APPEAL}/draft`,
      `POST /v1/staff/appeals/${APPEAL}/draft/submit`,
    ]);
  });

  it('the approver sees the blank, and the portal’s refusal to approve it is said in words', async () => {
    portal({ path: '/draft/approve', reason: 'answer-has-blanks' });
    render(<Answer initial={card('on_approval', FILLED, { draft: false, approve: true })} />);
    expect(screen.getByRole('note').textContent).toContain('Осталось заполнить: [… суть разъяснения].');
    fireEvent.click(screen.getByRole('button', { name: 'Согласовать и отправить' }));
    await waitFor(() => expect(errorToasts()).toEqual([refusalsRu['answer-has-blanks']]));
    screen.getByRole('button', { name: 'Согласовать и отправить' });
  });
});

describe('the sent answer', () => {
  it('is shown once, with when it went and who approved it', () => {
    portal();
    const text = 'Разъясняем: крыльцо отремонтируют в мае.';
    render(
      <Answer
        initial={card('approved', text, { draft: false, approve: false })}
        sent={{ result: 'explained', answer: { text, at: '2026-12-06T17:50:00Z', attachments: [] } }}
      />,
    );
    expect(screen.getAllByText(text)).toHaveLength(1);
    screen.getByText(/^Отправлен заявителю/);
    screen.getByText(/^Согласовал\(а\) Директор/);
    expect(screen.queryByText(/^согласован/)).toBeNull();
  });
});
