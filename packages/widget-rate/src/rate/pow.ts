/**
 * Proof of work solved in the background, as the appeal form does it: a challenge is fetched and
 * solved (the solver is a lazy chunk) as soon as the form opens, and refreshed a minute before it
 * expires, so sending rarely waits. Plain functions rather than a hook: the rating widgets use no
 * `preact/hooks`, which would otherwise leave the appeal widgets' shared chunk for one of its own.
 */
import type { createChallengeEndpoint, PowSolution } from '@otklik/client';
import { fetchRoute } from '@otklik/client';
import type { Portal } from './portal.ts';

/**
 * The challenge route, written out instead of imported: `createChallengeRoute` lives with the appeal
 * routes, and importing that module here would split it out of the appeal pages' chunk. The type
 * keeps it equal to the contract's.
 */
const challengeRoute: Pick<typeof createChallengeEndpoint, 'method' | 'path'> = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/challenges',
};

type Entry = { promise: Promise<PowSolution>; solution?: PowSolution };

export interface ProofOfWork {
  /** Starts (or restarts) solving a fresh challenge. */
  solve(): Promise<PowSolution>;
  /** A solution that has not expired, solving a new one when needed. */
  solution(): Promise<PowSolution>;
  /** Forgets the current solution (it was spent) and stops refreshing it. */
  drop(): void;
}

export function proofOfWork(
  portal: Portal,
  organizationId: string,
  signal: AbortSignal,
  /** A submission is using the current solution: it is not refreshed under it. */
  inUse: () => boolean,
): ProofOfWork {
  let current: Entry | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer));

  const solve = (): Promise<PowSolution> => {
    clearTimeout(timer);
    const entry: Entry = {
      promise: fetchRoute<typeof createChallengeEndpoint>(
        portal,
        challengeRoute,
        { params: { organizationId } },
        { signal },
      ).then(async (challenge) => {
        const { solveChallenge } = await import('./solve.ts');
        const solution = await solveChallenge(challenge, { signal });
        entry.solution = solution;
        const wait = Date.parse(solution.expiresAt) - Date.now() - 60_000;
        timer = setTimeout(() => current === entry && !inUse() && solve(), Math.max(wait, 1000));
        return solution;
      }),
    };
    entry.promise.catch(() => {
      if (current === entry) current = null;
    });
    current = entry;
    return entry.promise;
  };

  return {
    solve,
    solution() {
      if (!current || (current.solution && Date.parse(current.solution.expiresAt) - Date.now() < 5000))
        return solve();
      return current.promise;
    },
    drop() {
      current = null;
      clearTimeout(timer);
    },
  };
}
