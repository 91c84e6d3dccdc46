import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { PageHeader } from './page-header.tsx';

beforeEach(() => setLanguage('ru'));
afterEach(cleanup);

/** A screen like the appeal card: a plain heading while loading, its own once the data is here. */
function Screen({ ready }: { ready: boolean }) {
  return (
    <>
      {!ready && <PageHeader title="Обращение" />}
      {ready && (
        <section>
          <PageHeader title="Обращение № ОГ-2026-0031" />
        </section>
      )}
    </>
  );
}

describe('PageHeader', () => {
  it('passes the focus to the heading that replaces a focused one', () => {
    const { rerender } = render(<Screen ready={false} />);
    screen.getByRole('heading', { name: 'Обращение' }).focus();
    rerender(<Screen ready={true} />);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Обращение № ОГ-2026-0031' }));
  });

  it('leaves the focus alone when the replaced heading did not have it', () => {
    const { rerender } = render(
      <>
        <button type="button">Обновить</button>
        <Screen ready={false} />
      </>,
    );
    screen.getByRole('button', { name: 'Обновить' }).focus();
    rerender(
      <>
        <button type="button">Обновить</button>
        <Screen ready={true} />
      </>,
    );
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Обновить' }));
  });
});
