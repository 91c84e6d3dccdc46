/**
 * The `<otklik-NAME>` custom element of a widget. Its own module, imported only when a page uses such
 * an element: most pages mount `<div data-otklik>` points, and every byte of the shared runtime counts
 * against the counter badge's budget.
 */
import { kebab } from './attributes.ts';
import type { WidgetConfig } from './config.ts';

/** Defines `tag` (once per page) as an element that mounts the widget into itself while connected. */
export function defineElement(
  tag: string,
  options: readonly string[],
  /** Mounts the widget into `host`; returns its unmount. */
  mount: (host: HTMLElement, config: WidgetConfig) => () => void,
  config: WidgetConfig,
): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement {
      // Remount when an option changes (`org` or `data-org`, `lang` …).
      static observedAttributes = [
        'lang',
        'data-lang',
        ...options.flatMap((o) => [kebab(o), `data-${kebab(o)}`]),
      ];
      unmount?: (() => void) | undefined;
      connectedCallback() {
        this.unmount ??= mount(this, config);
      }
      disconnectedCallback() {
        this.unmount?.();
        this.unmount = undefined;
      }
      attributeChangedCallback(_name: string, before: string | null, after: string | null) {
        if (before === after || !this.unmount) return;
        this.disconnectedCallback();
        this.connectedCallback();
      }
    },
  );
}
