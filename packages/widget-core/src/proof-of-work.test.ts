import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startProofOfWork } from './proof-of-work.ts';
import { challenge, fakePortal } from './test-portal.ts';

// The solver is injected: the real one lives in @otklik/client and is tested there.
const solveChallenge = vi.hoisted(() => vi.fn(async (c: Record<string, unknown>) => ({ ...c, number: 42 })));
vi.mock('@otklik/client', async (original) => ({ ...(await original<object>()), solveChallenge }));

const CHALLENGE = 'POST /v1/organizations/demo-school/challenges';
const now = Date.parse('2026-11-22T10:00:00.000Z');
/** A challenge the portal issues, valid for ten minutes from the tests' clock. */
const issued = () => ({ ...challenge, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() });

function start(routes: Parameters<typeof fakePortal>[0], inUse = () => false) {
  const portal = fakePortal(routes);
  const alive = new AbortController();
  const pow = startProofOfWork(
    { baseUrl: 'https://portal.example', fetch: portal.fetch },
    'demo-school',
    alive.signal,
    inUse,
  );
  return { pow, portal, alive };
}

beforeEach(() => {
  vi.useFakeTimers({ now, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  solveChallenge.mockClear();
});
afterEach(() => vi.useRealTimers());

describe('proof of work in the background', () => {
  it('solves a challenge at once and hands the same solution to every caller', async () => {
    const { pow, portal } = start({ [CHALLENGE]: issued });
    const first = await pow.solution();
    expect(first).toMatchObject({ challenge: challenge.challenge, number: 42 });
    expect(await pow.solution()).toBe(first);
    expect(portal.of(CHALLENGE)).toHaveLength(1);
    expect(solveChallenge).toHaveBeenCalledOnce();
  });

  it('refreshes the solution a minute before it expires, unless a submission is using it', async () => {
    let using = false;
    const { pow, portal } = start({ [CHALLENGE]: issued }, () => using);
    await pow.solution();
    await vi.advanceTimersByTimeAsync(9 * 60_000 + 1000);
    expect(portal.of(CHALLENGE)).toHaveLength(2);
    using = true;
    await vi.advanceTimersByTimeAsync(9 * 60_000 + 1000);
    expect(portal.of(CHALLENGE)).toHaveLength(2);
  });

  it('solves a new challenge after the spent one is dropped, and none after the form has gone', async () => {
    const { pow, portal, alive } = start({ [CHALLENGE]: issued });
    const spent = await pow.solution();
    pow.drop();
    const next = await pow.solution();
    expect(next).not.toBe(spent);
    expect(portal.of(CHALLENGE)).toHaveLength(2);
    alive.abort();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(portal.of(CHALLENGE)).toHaveLength(2);
  });

  it('tries again on the next request after a failure', async () => {
    const { pow, portal } = start({ [CHALLENGE]: [new TypeError('Failed to fetch'), issued] });
    await expect(pow.solution()).rejects.toMatchObject({ kind: 'network' });
    expect(await pow.solution()).toMatchObject({ number: 42 });
    expect(portal.of(CHALLENGE)).toHaveLength(2);
  });
});
