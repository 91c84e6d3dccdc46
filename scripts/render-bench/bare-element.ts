/**
 * The reference for the render-time budget: the smallest Preact custom element built the way every
 * Otklik widget must be under a strict CSP — an open shadow root styled by an adopted constructed
 * stylesheet (one rule: the mechanism, not the counter's CSS) — rendering one line as soon as it is
 * connected.
 */
import { h, render } from 'preact';

const sheet = new CSSStyleSheet();
sheet.replaceSync(':host{display:block}');

class BareElement extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    render(h('p', null, 'Обращения граждан'), root);
  }
}

if (!customElements.get('bare-element')) customElements.define('bare-element', BareElement);
