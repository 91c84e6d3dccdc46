/**
 * Events the widgets dispatch on their mount element: `otklik:<name>`, bubbling and composed, so a page
 * can listen on the element, on `document`, or through `Otklik.on(name, handler)`.
 *
 * Later widgets add their events by declaration merging:
 * ```ts
 * declare module '@otklik/widget-core' {
 *   interface OtklikEventMap { 'appeal-submitted': { widget: 'appeal'; number: string } }
 * }
 * ```
 */
export interface OtklikEventMap {
  /** The widget has rendered its content (data, when it loaded any). */
  ready: { widget: string; data?: unknown };
  /** The widget could not load, render or reach the portal; it shows a small error state instead. */
  error: { widget: string; code: string; message: string };
}

export type OtklikEventName = keyof OtklikEventMap;

/** The DOM event type names (`otklik:ready`, …) mapped to their `CustomEvent`s. */
export type OtklikDomEventMap = {
  [K in OtklikEventName as `otklik:${K}`]: CustomEvent<OtklikEventMap[K]>;
};

/** Dispatches `otklik:<name>` on `target`; never throws (a throwing listener is the page's business). */
export function emit<K extends OtklikEventName>(
  target: EventTarget,
  name: K,
  detail: OtklikEventMap[K],
): void {
  try {
    target.dispatchEvent(new CustomEvent(`otklik:${name}`, { bubbles: true, composed: true, detail }));
  } catch (error) {
    warn(`could not dispatch otklik:${name}`, error);
  }
}

/** Logs a problem of a widget without ever throwing into the host page. */
export function warn(message: string, error?: unknown): void {
  console.warn(`[otklik] ${message}`, ...(error === undefined ? [] : [error]));
}

/** A short machine code for any error: the client's problem code or error kind, else `internal`. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, kind } = error as { code?: unknown; kind?: unknown };
    if (typeof code === 'string') return code;
    if (typeof kind === 'string') return kind;
  }
  return 'internal';
}
