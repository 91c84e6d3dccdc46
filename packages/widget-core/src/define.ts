import { Component, type ComponentChildren, type ComponentType, h, render } from 'preact';
import { type AttributeSpec, type OptionsOf, parseAttributes } from './attributes.ts';
import type { WidgetConfig } from './config.ts';
import { emit, errorCode, warn } from './events.ts';
import { createTranslator, detectLanguage, type Language, type Messages } from './i18n.ts';
import { baseCss, sheet } from './styles.ts';

/** What a widget's component receives. */
export interface WidgetProps<TOptions> {
  /** Options read from the host's `data-*` attributes. */
  options: TOptions;
  lang: Language;
  config: WidgetConfig;
  /** The mount element (the `<div data-otklik>` or the custom element); dispatch events on it. */
  host: HTMLElement;
}

export interface WidgetDefinition<TSpec extends AttributeSpec> {
  /** Widget name: `data-otklik="<name>"`, custom element `<otklik-<name>>`, events' `widget`. */
  name: string;
  component: ComponentType<WidgetProps<OptionsOf<TSpec>>>;
  /** Options and how to parse them (see `attributes.ts`). */
  attributes: TSpec;
  /** The widget's own CSS, adopted after the base theme. */
  css?: string;
  /** The widget's texts; their `unavailable` is shown when it cannot render at all. */
  messages: Messages<'unavailable'>;
}

export type Unmount = () => void;

/** What a widget entry module exports (as `default`); the loader uses only this. */
export interface WidgetModule {
  readonly name: string;
  readonly tag: string;
  /** Defines `<otklik-<name>>` (once per page) with `config`; loads the element's code on first use. */
  register(config: WidgetConfig): Promise<void>;
  /** Renders the widget into `host`'s open shadow root; a second mount of the same host is a no-op. */
  mount(host: HTMLElement, config: WidgetConfig): Unmount;
}

const noop: Unmount = () => {};
/** Hosts currently mounted, with their unmount. */
const mounted = new WeakMap<Element, Unmount>();
/** Shadow roots this runtime created (a host's shadow root cannot be removed, so it is reused). */
const ownRoots = new WeakSet<ShadowRoot>();

interface BoundaryProps {
  widget: string;
  host: HTMLElement;
  /** What to show instead of a widget that failed to render. */
  fallback: string;
  children?: ComponentChildren;
}

/** Catches render errors of a widget: logs, emits `otklik:error`, shows a small polite message. */
class Boundary extends Component<BoundaryProps, { failed?: boolean }> {
  override componentDidCatch(error: unknown) {
    reportError(this.props.host, this.props.widget, error);
    this.setState({ failed: true });
  }
  render() {
    return this.state.failed ? h(ErrorState, { message: this.props.fallback }) : this.props.children;
  }
}

/** The small error state shared by widgets: `role="status"`, polite, never a dialog. */
export function ErrorState(props: { message: string }) {
  return h('p', { class: 'error', role: 'status' }, props.message);
}

/** Logs a widget's error with `console.warn('[otklik] …')` and emits `otklik:error` on its host. */
export function reportError(host: HTMLElement, widget: string, error: unknown): void {
  warn(`${widget}: ${error instanceof Error ? error.message : String(error)}`, error);
  emit(host, 'error', {
    widget,
    code: errorCode(error),
    message: error instanceof Error ? error.message : String(error),
  });
}

export function defineWidget<TSpec extends AttributeSpec>(definition: WidgetDefinition<TSpec>): WidgetModule {
  const { name, component, attributes } = definition;
  const unavailable = (lang: Language) => createTranslator(definition.messages, lang).t('unavailable');
  const tag = `otklik-${name}`;
  const sheets = () => [sheet(baseCss), ...(definition.css ? [sheet(definition.css)] : [])];

  function mount(host: HTMLElement, config: WidgetConfig): Unmount {
    if (mounted.has(host)) return noop;
    const existing = host.shadowRoot;
    if (existing && !ownRoots.has(existing)) {
      warn(`${name}: the element already has a shadow root; not mounted`);
      return noop;
    }
    let lang: Language = 'ru';
    try {
      lang = detectLanguage(host);
      const root = existing ?? host.attachShadow({ mode: 'open' });
      ownRoots.add(root);
      root.adoptedStyleSheets = sheets();
      let content: ComponentChildren;
      try {
        const options = parseAttributes(host, attributes);
        content = h(component, { options, lang, config, host });
      } catch (error) {
        reportError(host, name, error);
        content = h(ErrorState, { message: unavailable(lang) });
      }
      render(h(Boundary, { widget: name, host, fallback: unavailable(lang) }, content), root);
      const unmount: Unmount = () => {
        if (mounted.get(host) !== unmount) return;
        mounted.delete(host);
        try {
          render(null, root);
          root.adoptedStyleSheets = [];
        } catch (error) {
          warn(`${name}: unmount failed`, error);
        }
      };
      mounted.set(host, unmount);
      return unmount;
    } catch (error) {
      reportError(host, name, error);
      return noop;
    }
  }

  async function register(config: WidgetConfig): Promise<void> {
    try {
      if (typeof customElements === 'undefined' || customElements.get(tag)) return;
      const { defineElement } = await import('./element.ts');
      defineElement(tag, Object.keys(attributes), mount, config);
    } catch (error) {
      warn(`${name}: could not define <${tag}>`, error);
    }
  }

  return { name, tag, register, mount };
}
