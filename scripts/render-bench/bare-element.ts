/**
 * The reference for the render-time budget: the smallest Preact custom element with a shadow root,
 * rendering one line as soon as it is connected.
 */
import { h, render } from 'preact';

class BareElement extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    render(h('p', null, 'Обращения граждан'), root);
  }
}

if (!customElements.get('bare-element')) customElements.define('bare-element', BareElement);
