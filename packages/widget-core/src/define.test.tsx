import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { requiredString } from './attributes.ts';
import { defineWidget, type WidgetProps } from './define.ts';
import type { OtklikDomEventMap } from './events.ts';
import { defineMessages } from './i18n.ts';

const config = { portalUrl: 'https://portal.example' };
const attributes = { org: requiredString() };

function Hello({ options, lang }: WidgetProps<{ org: string }>) {
  return (
    <p class="hello">
      {options.org}:{lang}
    </p>
  );
}

let explode = false;
function Fragile() {
  if (explode) throw new Error('render failed');
  return <p>fine</p>;
}

const messages = defineMessages({
  ru: { unavailable: 'Виджет временно недоступен' },
  be: { unavailable: 'Віджэт часова недаступны' },
  en: { unavailable: 'The widget is temporarily unavailable' },
});
const hello = defineWidget({
  name: 'hello',
  component: Hello,
  attributes,
  css: '.hello{color:red}',
  messages,
});
const fragile = defineWidget({ name: 'fragile', component: Fragile, attributes: {}, messages });

function div(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body.firstElementChild as HTMLElement;
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  explode = false;
});

describe('defineWidget', () => {
  it('describes the module', () => {
    expect(hello.name).toBe('hello');
    expect(hello.tag).toBe('otklik-hello');
  });

  it('mounts into an open shadow root with adopted stylesheets and unmounts', () => {
    const host = div('<div data-otklik="hello" data-org="demo" data-lang="en"></div>');
    const unmount = hello.mount(host, config);
    const root = host.shadowRoot as ShadowRoot;
    expect(root.mode).toBe('open');
    expect(root.querySelector('.hello')?.textContent).toBe('demo:en');
    expect(root.adoptedStyleSheets).toHaveLength(2);
    expect(root.querySelector('style')).toBeNull();
    expect(root.querySelector('[style]')).toBeNull();
    expect(host.children).toHaveLength(0); // nothing in the light DOM
    unmount();
    expect(root.childNodes).toHaveLength(0);
    expect(root.adoptedStyleSheets).toHaveLength(0);
  });

  it('shares one stylesheet object between hosts', () => {
    document.body.innerHTML = '<div data-org="a"></div><div data-org="b"></div>';
    const [a, b] = Array.from(document.querySelectorAll('div')) as HTMLElement[];
    hello.mount(a as HTMLElement, config);
    hello.mount(b as HTMLElement, config);
    expect(a?.shadowRoot?.adoptedStyleSheets[0]).toBe(b?.shadowRoot?.adoptedStyleSheets[0]);
  });

  it('treats a second mount of the same host as a no-op, and can mount again after unmount', () => {
    const host = div('<div data-org="demo"></div>');
    const unmount = hello.mount(host, config);
    const second = hello.mount(host, config);
    expect(host.shadowRoot?.querySelectorAll('.hello')).toHaveLength(1);
    second(); // the no-op's unmount does not unmount the first mount
    expect(host.shadowRoot?.querySelectorAll('.hello')).toHaveLength(1);
    unmount();
    unmount(); // twice is harmless
    hello.mount(host, config);
    expect(host.shadowRoot?.querySelector('.hello')?.textContent).toBe('demo:ru');
  });

  it('leaves a host alone that already has someone else’s shadow root', () => {
    const host = div('<div data-org="demo"></div>');
    host.attachShadow({ mode: 'open' });
    expect(() => hello.mount(host, config)).not.toThrow();
    expect(host.shadowRoot?.childNodes).toHaveLength(0);
    expect(warn).toHaveBeenCalled();
  });

  it('shows a polite error state and emits otklik:error for a missing required attribute', () => {
    const host = div('<div data-otklik="hello" data-lang="en"></div>');
    const errors: OtklikDomEventMap['otklik:error'][] = [];
    host.addEventListener('otklik:error', (event) => errors.push(event as OtklikDomEventMap['otklik:error']));
    expect(() => hello.mount(host, config)).not.toThrow();
    const status = host.shadowRoot?.querySelector('[role="status"]');
    expect(status?.textContent).toBe('The widget is temporarily unavailable');
    expect(errors[0]?.detail).toMatchObject({ widget: 'hello', code: 'invalid-attribute' });
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[otklik\] hello: data-org is required/);
  });

  it('catches render errors of the component', async () => {
    explode = true;
    const host = div('<div></div>');
    const handler = vi.fn();
    document.addEventListener('otklik:error', handler, { once: true });
    expect(() => fragile.mount(host, config)).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve)); // the boundary re-renders asynchronously
    expect(host.shadowRoot?.querySelector('[role="status"]')?.textContent).toBe('Виджет временно недоступен');
    expect(handler).toHaveBeenCalledOnce();
  });

  it('registers a custom element once that mounts itself and reacts to attribute changes', async () => {
    const define = vi.spyOn(customElements, 'define');
    await hello.register(config);
    await hello.register(config);
    expect(define).toHaveBeenCalledOnce();
    expect(customElements.get('otklik-hello')).toBeDefined();
    document.body.innerHTML = '<otklik-hello org="demo" lang="be"></otklik-hello>';
    const element = document.querySelector('otklik-hello') as HTMLElement;
    expect(element.shadowRoot?.querySelector('.hello')?.textContent).toBe('demo:be');
    element.setAttribute('org', 'other');
    expect(element.shadowRoot?.querySelector('.hello')?.textContent).toBe('other:be');
    element.remove();
    expect(element.shadowRoot?.childNodes).toHaveLength(0);
  });
});
