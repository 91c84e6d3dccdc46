import { OtklikProblemError, OtklikTimeoutError } from '@otklik/client';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { Loaded, useLoad } from './states.tsx';

beforeEach(() => setLanguage('ru'));
afterEach(cleanup);

function Topics({
  organization,
  load,
}: {
  organization: string;
  load: (org: string, signal: AbortSignal) => Promise<string[]>;
}) {
  const result = useLoad((signal) => load(organization, signal), [organization]);
  return (
    <>
      {result.state === 'ready' && (
        <button type="button" onClick={result.refresh}>
          Тихо обновить
        </button>
      )}
      <Loaded load={result} errorTitle="Темы не загрузились">
        {(topics) => (
          <ul>
            {topics.map((topic) => (
              <li key={topic}>{topic}</li>
            ))}
          </ul>
        )}
      </Loaded>
    </>
  );
}

describe('useLoad and Loaded', () => {
  it('shows a skeleton that says it is loading, then the data', async () => {
    let resolve: (topics: string[]) => void = () => {};
    render(<Topics organization="demo-school" load={() => new Promise((r) => (resolve = r))} />);
    expect(screen.getByRole('status').textContent).toBe('Загрузка…');
    expect(screen.getByText('Загрузка…').closest('[aria-busy]')?.getAttribute('aria-busy')).toBe('true');
    resolve(['Питание', 'Расписание']);
    await waitFor(() =>
      expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Питание', 'Расписание']),
    );
  });

  it('on failure says what happened and tries again on request', async () => {
    const load = vi
      .fn<(org: string, signal: AbortSignal) => Promise<string[]>>()
      .mockRejectedValueOnce(new OtklikTimeoutError(10_000))
      .mockResolvedValueOnce(['Питание']);
    render(<Topics organization="demo-school" load={load} />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Темы не загрузились'));
    expect(screen.getByRole('alert').textContent).toContain('Портал не ответил вовремя. Повторите попытку.');
    fireEvent.click(screen.getByRole('button', { name: 'Повторить' }));
    await waitFor(() => expect(screen.getByRole('listitem').textContent).toBe('Питание'));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a refusal says why in words, not "something went wrong"', async () => {
    const refused = (status: number) =>
      new OtklikProblemError({
        type: 'about:blank',
        title: 'Forbidden',
        status,
        code: status === 403 ? 'forbidden' : 'unauthorized',
      } as ConstructorParameters<typeof OtklikProblemError>[0]);
    render(<Topics organization="demo-school" load={() => Promise.reject(refused(403))} />);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'У вас нет прав на это в выбранной организации. Если они нужны, обратитесь к её администратору.',
      ),
    );
    cleanup();
    render(<Topics organization="demo-school" load={() => Promise.reject(refused(401))} />);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('Вы вышли из консоли или сеанс закончился.'),
    );
  });

  it('aborts a load that is no longer wanted, and never shows its late answer', async () => {
    const signals: AbortSignal[] = [];
    const answers: ((topics: string[]) => void)[] = [];
    const load = (_org: string, signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<string[]>((resolve) => answers.push(resolve));
    };
    const { rerender } = render(<Topics organization="a" load={load} />);
    rerender(<Topics organization="b" load={load} />);
    await waitFor(() => expect(signals).toHaveLength(2));
    expect(signals[0]?.aborted).toBe(true);
    answers[1]?.(['Тема b']);
    answers[0]?.(['Тема a']);
    await waitFor(() => expect(screen.getByRole('listitem').textContent).toBe('Тема b'));
  });

  it('a quiet refresh keeps the data shown until the new data comes; a failed one leaves it', async () => {
    const answers: ((topics: string[]) => void)[] = [];
    const failures: ((error: unknown) => void)[] = [];
    const load = () =>
      new Promise<string[]>((resolve, reject) => {
        answers.push(resolve);
        failures.push(reject);
      });
    render(<Topics organization="a" load={load} />);
    answers[0]?.(['Тема 1']);
    await screen.findByText('Тема 1');
    fireEvent.click(screen.getByRole('button', { name: 'Тихо обновить' }));
    await waitFor(() => expect(answers).toHaveLength(2));
    expect(screen.getByText('Тема 1')).toBeTruthy();
    expect(screen.queryByText('Загрузка…')).toBeNull();
    answers[1]?.(['Тема 2']);
    await screen.findByText('Тема 2');
    fireEvent.click(screen.getByRole('button', { name: 'Тихо обновить' }));
    await waitFor(() => expect(failures).toHaveLength(3));
    failures[2]?.(new Error('offline'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByText('Тема 2')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
