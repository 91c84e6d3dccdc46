import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Keeps the focus inside a region whose controls an action replaces: when the focused button is gone
 * after a render (sending a draft swaps the form for the sent text, approving removes the buttons),
 * the browser drops the focus to `<body>` and a keyboard or screen-reader user starts again at the top
 * of the page. Then `target` (the region's heading, `tabindex=-1`) takes it. The focus counts as inside
 * from a `focusin` in the region until it moves to something outside (`focusout` with a target there).
 *
 * Returns the handlers to spread on the region's element.
 */
export function useFocusFallback<T extends HTMLElement>(
  region: RefObject<HTMLElement>,
  target: RefObject<T>,
): { onFocusIn: () => void; onFocusOut: (event: FocusEvent) => void } {
  const inside = useRef(false);
  useLayoutEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (inside.current && lost) target.current?.focus();
  });
  return {
    onFocusIn: () => {
      inside.current = true;
    },
    onFocusOut: (event) => {
      const next = event.relatedTarget as Node | null;
      // No next element: the focused one left the DOM (or a click on nothing); still ours to place.
      if (next && !region.current?.contains(next)) inside.current = false;
    },
  };
}
