import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { Button } from './button.tsx';
import { ConfirmDialog, Dialog } from './dialog.tsx';

beforeEach(() => setLanguage('ru'));
afterEach(cleanup);

function Page({ onConfirm = () => {} }: { onConfirm?: () => void }) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Назначить исполнителя</Button>
      <Button onClick={() => setConfirming(true)}>Удалить черновик</Button>
      <Dialog open={open} title="Исполнитель" onClose={() => setOpen(false)}>
        <label for="executor">Сотрудник</label>
        <input id="executor" />
      </Dialog>
      <ConfirmDialog
        open={confirming}
        title="Удалить черновик?"
        confirmLabel="Удалить"
        cancelLabel="Отмена"
        tone="danger"
        onConfirm={() => {
          onConfirm();
          setConfirming(false);
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>Текст ответа пропадёт.</p>
      </ConfirmDialog>
    </>
  );
}

const dialogs = () => [...document.querySelectorAll('dialog')];

describe('Dialog', () => {
  it('opens modal, named by its title, with the focus on its first control; closing gives the focus back', async () => {
    render(<Page />);
    const opener = screen.getByRole('button', { name: 'Назначить исполнителя' });
    opener.focus();
    fireEvent.click(opener);
    await waitFor(() => expect(dialogs()[0]?.open).toBe(true));
    const dialog = dialogs()[0] as HTMLDialogElement;
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      'Исполнитель',
    );
    // The close button comes first in the dialog.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Закрыть' }));
    fireEvent.click(screen.getByRole('button', { name: 'Закрыть' }));
    await waitFor(() => expect(dialog.open).toBe(false));
    expect(document.activeElement).toBe(opener);
  });

  it('closes on Escape (the dialog’s cancel) and still returns the focus', async () => {
    render(<Page />);
    const opener = screen.getByRole('button', { name: 'Назначить исполнителя' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = dialogs()[0] as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    // What the browser does on Escape: the dialog closes itself and fires `close`.
    dialog.close();
    await waitFor(() => expect(document.activeElement).toBe(opener));
    // The component learnt of it: opening again works.
    fireEvent.click(opener);
    await waitFor(() => expect(dialog.open).toBe(true));
  });

  it('a confirmation is an alert dialog that starts on the safe answer', async () => {
    const onConfirm = vi.fn();
    render(<Page onConfirm={onConfirm} />);
    const opener = screen.getByRole('button', { name: 'Удалить черновик' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = dialogs()[1] as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Отмена' }));
    fireEvent.click(screen.getByRole('button', { name: 'Удалить' }));
    await waitFor(() => expect(dialog.open).toBe(false));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(opener);
  });

  it('a `close` event that arrives after the dialog opened again does not close it', async () => {
    render(<Page />);
    const opener = screen.getByRole('button', { name: 'Удалить черновик' });
    fireEvent.click(opener);
    const dialog = dialogs()[1] as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    // What Chromium does when the question is answered and asked again at once: `close()` queues its
    // event, which reaches the dialog only once it is open again.
    dialog.dispatchEvent(new Event('close'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dialog.open).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Отмена' }));
  });
});
