import { signal } from '@preact/signals';
import { useT } from '../i18n/translate.ts';
import { kitMessages } from './kit.messages.ts';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
}

/** Shown toasts, oldest first; at most this many stay (the oldest go). */
const MAX_TOASTS = 4;

export const toasts = signal<readonly Toast[]>([]);
/** The latest status message for screen readers only, and a counter so a repeated text is re-read. */
export const status = signal<{ text: string; serial: number }>({ text: '', serial: 0 });
let nextId = 1;

/**
 * Shows a notice ("Saved", "The answer was sent") until dismissed; screen readers read it when it
 * appears (errors assertively, the rest politely). Notices do not time out (WCAG 2.2.1): each has a
 * close button, and the oldest goes when a fifth arrives.
 */
export function toast(text: string, tone: ToastTone = 'info'): void {
  toasts.value = [...toasts.value, { id: nextId++, text, tone }].slice(-MAX_TOASTS);
}

export function dismissToast(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}

/** Tells screen readers something without showing it (progress, counts, "3 results"). */
export function announce(text: string): void {
  status.value = { text, serial: status.value.serial + 1 };
}

/**
 * The live regions: present from the first render (a region added together with its text is often
 * not read), one polite for status and notices, one assertive for errors. Rendered once, by the shell.
 */
export function Announcer() {
  const { t } = useT(kitMessages);
  const shown = toasts.value;
  const list = (tone: 'polite' | 'assertive') =>
    shown
      .filter((item) => (item.tone === 'error') === (tone === 'assertive'))
      .map((item) => (
        <li key={item.id} class={`toast toast--${item.tone}`}>
          <p class="toast-text">{item.text}</p>
          <button
            type="button"
            class="toast-close"
            aria-label={t('dismiss')}
            onClick={() => dismissToast(item.id)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ));
  return (
    <section class="announcer" aria-label={t('notifications')}>
      <div role="status" aria-live="polite">
        <ul class="toasts">{list('polite')}</ul>
      </div>
      <div role="alert" aria-live="assertive">
        <ul class="toasts">{list('assertive')}</ul>
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">
        {/* A new node each time, so the same text said twice is read twice. */}
        <span key={status.value.serial}>{status.value.text}</span>
      </div>
    </section>
  );
}
