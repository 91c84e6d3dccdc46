import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from './oidc-store.ts';

describe('the demo provider’s memory store', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps each model apart and forgets an entry once it expires', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z') });
    const Store = memoryStore();
    const sessions = new Store('Session');
    const codes = new Store('AuthorizationCode');
    await sessions.upsert('a', { uid: 'u-1', accountId: 'x@demo' }, 60);
    await codes.upsert('a', { grantId: 'g' }, 10);
    expect(await sessions.find('a')).toMatchObject({ accountId: 'x@demo' });
    expect(await sessions.findByUid('u-1')).toMatchObject({ accountId: 'x@demo' });
    expect(await codes.find('a')).toEqual({ grantId: 'g' });
    vi.advanceTimersByTime(11_000);
    expect(await codes.find('a')).toBeUndefined();
    expect(await sessions.find('a')).toBeDefined();
    vi.advanceTimersByTime(50_000);
    expect(await sessions.findByUid('u-1')).toBeUndefined();
  });

  it('marks a code consumed, and revoking a grant removes everything issued under it', async () => {
    const Store = memoryStore();
    const codes = new Store('AuthorizationCode');
    const tokens = new Store('AccessToken');
    await codes.upsert('c', { grantId: 'g1' }, 60);
    await tokens.upsert('t', { grantId: 'g1' }, 60);
    await tokens.upsert('other', { grantId: 'g2' }, 60);
    await codes.consume('c');
    expect((await codes.find('c'))?.consumed).toEqual(expect.any(Number));
    await tokens.revokeByGrantId('g1');
    expect(await codes.find('c')).toBeUndefined();
    expect(await tokens.find('t')).toBeUndefined();
    expect(await tokens.find('other')).toBeDefined();
    await tokens.destroy('other');
    expect(await tokens.find('other')).toBeUndefined();
  });

  it('two stores share nothing (each provider start gets its own)', async () => {
    const first = new (memoryStore())('Session');
    const second = new (memoryStore())('Session');
    await first.upsert('a', { accountId: 'x' }, 60);
    expect(await second.find('a')).toBeUndefined();
  });
});
