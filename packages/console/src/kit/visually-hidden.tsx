import type { ComponentChildren } from 'preact';

/** Text for screen readers only (kept in the accessibility tree, off the screen). */
export function VisuallyHidden({ children }: { children: ComponentChildren }) {
  return <span class="visually-hidden">{children}</span>;
}
