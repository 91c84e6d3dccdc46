import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider, useLocation } from 'preact-iso/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { UnsavedChangesGuard, useUnsavedChanges } from './unsaved.tsx';

beforeEach(() => {
  setLanguage('ru');
  history.replaceState(null, '', '/console/settings');
});
afterEach(cleanup);

function Where() {
  return <p data-testid="where">{useLocation().url}</p>;
}

function Draft({ dirty }: { dirty: boolean }) {
  useUnsavedChanges(dirty);
  return (
    <>
      <a href="/console/queue">Очередь</a>
      <a href="https://example.org/">Внешняя ссылка</a>
    </>
  );
}

function Console({ dirty }: { dirty: boolean }) {
  return (
    <LocationProvider scope="/console">
      <Where />
      <Draft dirty={dirty} />
      <UnsavedChangesGuard scope="/console" />
    </LocationProvider>
  );
}

const where = () => screen.getByTestId('where').textContent;
const dialog = () => document.querySelector('dialog') as HTMLDialogElement;

describe('the unsaved-changes guard', () => {
  it('lets a link go when nothing is unsaved', async () => {
    render(<Console dirty={false} />);
    fireEvent.click(screen.getByRole('link', { name: 'Очередь' }));
    await waitFor(() => expect(where()).toBe('/console/queue'));
    expect(dialog().open).toBe(false);
  });

  it('holds a link to another console page and asks; "stay" stays', async () => {
    render(<Console dirty />);
    const link = screen.getByRole('link', { name: 'Очередь' });
    link.focus();
    fireEvent.click(link);
    await waitFor(() => expect(dialog().open).toBe(true));
    expect(where()).toBe('/console/settings');
    expect(location.pathname).toBe('/console/settings');
    expect(dialog().textContent).toContain('Изменения в форме не сохранены и пропадут.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Остаться' }));
    fireEvent.click(screen.getByRole('button', { name: 'Остаться' }));
    await waitFor(() => expect(dialog().open).toBe(false));
    expect(where()).toBe('/console/settings');
    expect(document.activeElement).toBe(link);
  });

  it('"leave" goes where the link led', async () => {
    render(<Console dirty />);
    fireEvent.click(screen.getByRole('link', { name: 'Очередь' }));
    await waitFor(() => expect(dialog().open).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Уйти' }));
    await waitFor(() => expect(where()).toBe('/console/queue'));
    expect(location.pathname).toBe('/console/queue');
  });

  it('asks the browser before the tab is closed or reloaded', () => {
    render(<Console dirty />);
    const event = new Event('beforeunload', { cancelable: true });
    dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    cleanup();
    render(<Console dirty={false} />);
    const calm = new Event('beforeunload', { cancelable: true });
    dispatchEvent(calm);
    expect(calm.defaultPrevented).toBe(false);
  });
});
