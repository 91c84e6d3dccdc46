import { afterEach, describe, expect, it, vi } from 'vitest';
import { emit, errorCode, type OtklikDomEventMap } from './events.ts';

afterEach(() => vi.restoreAllMocks());

describe('events', () => {
  it('dispatches otklik:<name>, bubbling and composed, with the detail', () => {
    document.body.innerHTML = '<div><span></span></div>';
    const target = document.querySelector('span') as Element;
    const seen: OtklikDomEventMap['otklik:error'][] = [];
    document.addEventListener(
      'otklik:error',
      (event) => seen.push(event as OtklikDomEventMap['otklik:error']),
      {
        once: true,
      },
    );
    emit(target, 'error', { widget: 'x', code: 'network', message: 'down' });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.bubbles).toBe(true);
    expect(seen[0]?.composed).toBe(true);
    expect(seen[0]?.target).toBe(target);
    expect(seen[0]?.detail).toEqual({ widget: 'x', code: 'network', message: 'down' });
  });

  it('crosses shadow boundaries', () => {
    document.body.innerHTML = '<div></div>';
    const host = document.querySelector('div') as HTMLElement;
    const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('p'));
    const handler = vi.fn();
    document.addEventListener('otklik:ready', handler, { once: true });
    emit(inner, 'ready', { widget: 'x' });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('never throws when dispatching fails', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const broken = {
      dispatchEvent() {
        throw new Error('boom');
      },
    } as unknown as EventTarget;
    expect(() => emit(broken, 'ready', { widget: 'x' })).not.toThrow();
    expect(warn).toHaveBeenCalledWith('[otklik] could not dispatch otklik:ready', expect.any(Error));
  });

  it('derives a machine code from errors', () => {
    expect(errorCode({ kind: 'problem', code: 'organization-not-found' })).toBe('organization-not-found');
    expect(errorCode({ kind: 'network' })).toBe('network');
    expect(errorCode(new Error('x'))).toBe('internal');
    expect(errorCode(null)).toBe('internal');
  });
});
