import type { Signal } from '@preact/signals';
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/**
 * A disclosure menu's ways out while it is open: Escape, with the focus in the panel or on its button,
 * closes it and puts the focus back on the button; the focus moving anywhere outside both (Tab past the
 * last link, a click in the page) closes it. The window losing the focus leaves it open.
 *
 * The listeners stay for as long as the button is there and read `open` when a key or the focus moves:
 * added only on opening (an effect runs after the paint), a quick Escape right after Enter would miss them.
 */
export function useMenuDismiss(open: Signal<boolean>, button: RefObject<HTMLElement>, panelId: string): void {
  useEffect(() => {
    const within = (node: EventTarget | null) => {
      const panel = document.getElementById(panelId);
      return node instanceof Node && (button.current?.contains(node) || panel?.contains(node) === true);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!open.value || event.key !== 'Escape' || !within(document.activeElement)) return;
      open.value = false;
      button.current?.focus();
    };
    const onFocusIn = (event: FocusEvent) => {
      if (open.value && !within(event.target)) open.value = false;
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [open, button, panelId]);
}
