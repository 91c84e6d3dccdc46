import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceId, randomId } from './device.ts';

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
});

describe('device id', () => {
  it('is random, URL-safe and 16–64 characters long', () => {
    const a = randomId();
    const b = randomId();
    expect(a).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(a).not.toBe(b);
  });

  it('works without crypto.randomUUID (plain-HTTP pages)', () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true, writable: true });
    try {
      expect(crypto.randomUUID).toBeUndefined();
      expect(randomId()).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true, writable: true });
    }
  });

  it('is kept in localStorage under an otklik key and reused', () => {
    const id = deviceId();
    expect(localStorage.getItem('otklik:device-id')).toBe(id);
    expect(deviceId()).toBe(id);
  });

  it('replaces a stored value that is not a valid id', () => {
    localStorage.setItem('otklik:device-id', 'bad value!');
    const id = deviceId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(localStorage.getItem('otklik:device-id')).toBe(id);
  });

  it('falls back to an id kept in memory when storage is unavailable', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const id = deviceId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(deviceId()).toBe(id);
  });
});
