import { OtklikAbortedError } from './errors.ts';
import type { PowChallenge, PowSolution } from './schemas/intake.ts';

export interface SolveOptions {
  /** Stops the search; the promise then rejects with {@link OtklikAbortedError}. */
  signal?: AbortSignal;
  /** Called after each batch with how many numbers have been tried so far. */
  onProgress?(tried: number): void;
}

/** Digests computed concurrently before giving the page a chance to run (input, rendering). */
const BATCH = 500;

type Scheduler = { yield?: () => Promise<void> };

/** Lets the event loop run between batches: `scheduler.yield()` where the browser has it. */
const pause = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * Solves a proof-of-work challenge from the portal: finds `number` in 0…`maxNumber` such that the
 * hex SHA-256 of `salt + number` is `challenge`, using WebCrypto in batches so the page stays
 * responsive. Rejects with {@link OtklikAbortedError} when `signal` fires and with an `Error` when no
 * number in the range matches (a broken or forged challenge).
 */
export async function solveChallenge(
  challenge: PowChallenge,
  options: SolveOptions = {},
): Promise<PowSolution> {
  const { signal, onProgress } = options;
  const subtle = globalThis.crypto.subtle;
  const encoder = new TextEncoder();
  // Compare raw bytes: cheaper than turning every digest into hex.
  const target = new Uint8Array(32);
  for (let i = 0; i < 32; i++) target[i] = Number.parseInt(challenge.challenge.slice(i * 2, i * 2 + 2), 16);
  const matches = (digest: ArrayBuffer) => {
    const bytes = new Uint8Array(digest);
    for (let i = 0; i < 32; i++) if (bytes[i] !== target[i]) return false;
    return true;
  };

  for (let start = 0; start <= challenge.maxNumber; start += BATCH) {
    if (signal?.aborted) throw new OtklikAbortedError({ cause: signal.reason });
    const end = Math.min(start + BATCH - 1, challenge.maxNumber);
    const digests: Promise<ArrayBuffer>[] = [];
    for (let n = start; n <= end; n++)
      digests.push(subtle.digest('SHA-256', encoder.encode(challenge.salt + n)));
    const results = await Promise.all(digests);
    const found = results.findIndex(matches);
    if (found >= 0) return { ...challenge, number: start + found };
    onProgress?.(end + 1);
    await pause();
  }
  if (signal?.aborted) throw new OtklikAbortedError({ cause: signal.reason });
  throw new Error(`No solution to the proof-of-work challenge in 0…${challenge.maxNumber}`);
}
