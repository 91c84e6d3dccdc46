import type { AppealCard } from '@otklik/client/schemas';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../i18n/language.ts';
import { AnswerEditor } from './answer-editor.tsx';
import { cardFixture, draftFixture, FIXTURE_APPEAL } from './card-fixture.ts';

const APPEAL = FIXTURE_APPEAL;
const card = (state: 'draft' | 'on_approval' | 'approved', can: { draft: boolean; approve: boolean }) =>
  cardFixture({ draft: draftFixture(state), can });

/** The card as the screen keeps it: what the portal answers replaces it. */
function Answer({ initial }: { initial: AppealCard }) {
  const [current, setCurrent] = useState(initial);
  return <AnswerEditor appealId={APPEAL} card={current} onCard={setCurrent} />;
}

let answer: AppealCard;
beforeEach(() => {
  setLanguage('ru');
  vi.stubGlobal(
    'fetch',
    async () => new Response(JSON.stringify(answer), { headers: { 'Content-Type': 'application/json' } }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the answer keeps the focus when its buttons go', () => {
  it('sending the draft for approval: the answer heading has the focus, not the page', async () => {
    answer = card('on_approval', { draft: false, approve: false });
    render(<Answer initial={card('draft', { draft: true, approve: false })} />);
    const send = screen.getByRole('button', { name: 'Отправить на согласование' });
    send.focus();
    fireEvent.click(send);
    await screen.findByText('Черновик на согласовании.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Ответ' })));
  });

  it('approving: the answer heading has the focus', async () => {
    answer = card('approved', { draft: false, approve: false });
    render(<Answer initial={card('on_approval', { draft: false, approve: true })} />);
    const approve = screen.getByRole('button', { name: 'Согласовать и отправить' });
    approve.focus();
    fireEvent.click(approve);
    await screen.findByText(/Согласовал\(а\) Директор/);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Ответ' })));
  });
});
