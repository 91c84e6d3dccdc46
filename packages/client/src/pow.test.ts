import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OtklikAbortedError } from './errors.ts';
import { solveChallenge } from './pow.ts';
import type { PowChallenge } from './schemas/intake.ts';

/** A challenge as the portal makes one (the signature is not checked by the solver). */
function makeChallenge(
  number: number,
  maxNumber: number,
  salt = randomBytes(12).toString('hex'),
): PowChallenge {
  return {
    algorithm: 'SHA-256',
    challenge: createHash('sha256').update(`${salt}${number}`, 'utf8').digest('hex'),
    salt,
    maxNumber,
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    signature: 'ab'.repeat(32),
  };
}

describe('solveChallenge', () => {
  it('finds the number and returns the challenge fields with it', async () => {
    const challenge = makeChallenge(1234, 5000);
    expect(await solveChallenge(challenge)).toEqual({ ...challenge, number: 1234 });
  });

  it('finds 0, maxNumber and numbers on batch edges', async () => {
    for (const [number, max] of [
      [0, 10],
      [10, 10],
      [499, 2000],
      [500, 2000],
      [1999, 1999],
    ] as const) {
      expect((await solveChallenge(makeChallenge(number, max))).number).toBe(number);
    }
  });

  it('hashes the salt as UTF-8', async () => {
    const challenge = makeChallenge(42, 100, 'соль-ключ-🙂');
    expect((await solveChallenge(challenge)).number).toBe(42);
  });

  it('reports progress in batches', async () => {
    const seen: number[] = [];
    await solveChallenge(makeChallenge(1700, 3000), { onProgress: (tried) => seen.push(tried) });
    expect(seen).toEqual([500, 1000, 1500]);
  });

  it('rejects with a clear error when no number in the range matches', async () => {
    const challenge = makeChallenge(1200, 1000);
    await expect(solveChallenge(challenge)).rejects.toThrow(/No solution .* 0…1000/);
  });

  it('rejects with OtklikAbortedError when aborted during the search', async () => {
    const controller = new AbortController();
    const reason = new Error('closed');
    const promise = solveChallenge(makeChallenge(10_000_000, 10_000_000), {
      signal: controller.signal,
      onProgress: (tried) => {
        if (tried >= 1000) controller.abort(reason);
      },
    });
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OtklikAbortedError);
    expect((error as OtklikAbortedError).kind).toBe('aborted');
    expect((error as OtklikAbortedError).cause).toBe(reason);
  });

  it('rejects at once when the signal is already aborted', async () => {
    let progressed = false;
    await expect(
      solveChallenge(makeChallenge(5, 10), {
        signal: AbortSignal.abort(),
        onProgress: () => {
          progressed = true;
        },
      }),
    ).rejects.toBeInstanceOf(OtklikAbortedError);
    expect(progressed).toBe(false);
  });
});
