import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { PowChallenge, PowSolution } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';
import type { KeyRing } from '../security/keys.ts';

/**
 * Self-hosted, ALTCHA-style proof of work. The salt carries the organisation and the expiry, so
 * the signature covers both; the secret number is never stored: the server only checks the hash.
 */
export interface PowOptions {
  /** Upper bound of the secret number: the expected work is half of it. Default 50 000. */
  maxNumber?: number;
  /** Lifetime of a challenge. Default 10 minutes. */
  ttlMs?: number;
}

const sha256hex = (text: string) => createHash('sha256').update(text).digest('hex');
const PURPOSE = 'pow';

const signed = (c: Pick<PowChallenge, 'algorithm' | 'challenge' | 'salt' | 'maxNumber' | 'expiresAt'>) =>
  [c.algorithm, c.challenge, c.salt, c.maxNumber, c.expiresAt].join('|');

export async function createChallenge(
  keys: KeyRing,
  organizationId: string,
  options: PowOptions = {},
): Promise<PowChallenge> {
  const maxNumber = options.maxNumber ?? 50_000;
  const expiresAt = new Date(Date.now() + (options.ttlMs ?? 10 * 60_000)).toISOString();
  const salt = `${randomBytes(12).toString('hex')}?org=${organizationId}&expires=${expiresAt}&`;
  const number = randomInt(0, maxNumber + 1);
  const challenge = sha256hex(`${salt}${number}`);
  const base = { algorithm: 'SHA-256' as const, challenge, salt, maxNumber, expiresAt };
  return { ...base, signature: await keys.sign(PURPOSE, signed(base)) };
}

const invalid = (detail: string) =>
  new ProblemError(422, 'proof-of-work-invalid', detail, [{ path: 'body.proofOfWork', message: detail }]);

/**
 * Checks a solution and spends it in `tx` (the write it protects): signature, organisation, expiry,
 * the hash, and single use — a replay is refused with 409 `proof-of-work-replayed`.
 */
export async function spendProofOfWork(
  tx: Queryable,
  keys: KeyRing,
  organizationId: string,
  solution: PowSolution,
): Promise<void> {
  if (!(await keys.verify(PURPOSE, signed(solution), solution.signature))) {
    throw invalid('The challenge was not issued by this portal');
  }
  const salt = new URLSearchParams(solution.salt.slice(solution.salt.indexOf('?') + 1));
  if (salt.get('org') !== organizationId) throw invalid('The challenge was issued for another organisation');
  if (salt.get('expires') !== solution.expiresAt || Date.parse(solution.expiresAt) <= Date.now()) {
    throw invalid('The challenge has expired; ask for a new one');
  }
  if (
    solution.number > solution.maxNumber ||
    sha256hex(`${solution.salt}${solution.number}`) !== solution.challenge
  ) {
    throw invalid('The number does not solve the challenge');
  }
  const rows = await tx.query(
    'INSERT INTO pow_spent (signature, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1',
    [solution.signature, solution.expiresAt],
  );
  if (rows.length === 0) {
    throw new ProblemError(
      409,
      'proof-of-work-replayed',
      'This proof of work was already used; solve a new one',
    );
  }
}

/** Solves a challenge by brute force (tests, the Node example); the widget solves it in a worker. */
export function solveChallenge(challenge: PowChallenge): PowSolution {
  for (let number = 0; number <= challenge.maxNumber; number++) {
    if (sha256hex(`${challenge.salt}${number}`) === challenge.challenge) return { ...challenge, number };
  }
  throw new Error('No solution within maxNumber');
}
