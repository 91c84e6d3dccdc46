import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/translate.ts';
import { Button, type ButtonVariant } from './button.tsx';
import { kitMessages } from './kit.messages.ts';

export interface DialogProps {
  open: boolean;
  title: string;
  /** Called when the dialog asks to close (Escape, the close button); set `open` to false. */
  onClose: () => void;
  children: ComponentChildren;
  /** The buttons at the bottom. The one marked `data-autofocus` gets the focus when it opens. */
  actions?: ComponentChildren;
  /** `alertdialog` for a question that needs an answer before anything else (confirmations). */
  role?: 'dialog' | 'alertdialog';
}

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native `<dialog>`: `showModal()` makes the rest of the page inert, so the focus
 * stays inside; Escape closes it. It opens with the focus on the element marked `data-autofocus` (else
 * the first control) and gives the focus back to whatever had it before, however it closes.
 */
export function Dialog({ open, title, onClose, children, actions, role = 'dialog' }: DialogProps) {
  const { t } = useT(kitMessages);
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const isOpen = useRef(open);
  isOpen.current = open;
  const titleId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      const first =
        dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
      (first ?? dialog).focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // Unmounted while open: the focus still goes back.
  useEffect(() => () => restore(returnTo), []);

  return (
    <dialog
      ref={ref}
      class="dialog"
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      tabIndex={-1}
      // Escape: the dialog asks to close and the state closes it, at once. Left to close itself, it
      // was closed while `open` stayed true until its `close` event (a later task) arrived, and the
      // button that opened it, pressed in between, could not open it again.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClose={(event) => {
        // `close()` fires this event in a later task: if the dialog was opened again in between (Stay,
        // then the question asked again at once), the event is the earlier opening's and is not ours.
        if (event.currentTarget.open) return;
        restore(returnTo);
        if (isOpen.current) onClose();
      }}
    >
      <div class="dialog-header">
        <h2 id={titleId} class="dialog-title">
          {title}
        </h2>
        <button type="button" class="dialog-close" aria-label={t('close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div class="dialog-body">{children}</div>
      {actions && <div class="dialog-actions">{actions}</div>}
    </dialog>
  );
}

function restore(returnTo: { current: HTMLElement | null }): void {
  const target = returnTo.current;
  returnTo.current = null;
  if (target?.isConnected) target.focus();
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  cancelLabel: string;
  /** `danger` for an action that loses or removes something. */
  tone?: ButtonVariant;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A yes/no question; the focus starts on the safe answer (cancel). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  tone = 'primary',
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      role="alertdialog"
      actions={
        <>
          <Button variant="secondary" onClick={onCancel} data-autofocus="">
            {cancelLabel}
          </Button>
          <Button variant={tone} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
