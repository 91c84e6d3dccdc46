/**
 * Proof of work for the forms (appeal, rating), solved in the background: a challenge is fetched and
 * solved as soon as the form opens and refreshed a minute before it expires, so sending rarely waits.
 *
 * A module of its own that the forms load with `import('@otklik/widget-core/proof-of-work')` when
 * they open: the solver comes with it, and none of it is in the runtime chunk every widget page
 * downloads. Plain functions, no `preact/hooks`: the rating form uses none.
 */
import type { createChallengeEndpoint, PowSolution } from '@otklik/client';
import { createChallengeRoute, fetchRoute, solveChallenge } from '@otklik/client';
import type { Portal } from './config.ts';

export interface ProofOfWork {
  /** Starts (or restarts) solving a fresh challenge. */
  solve(): Promise<PowSolution>;
  /** A solution that has not expired, solving a new one when needed. */
  solution(): Promise<PowSolution>;
  /** Forgets the current solution (it was spent) and stops refreshing it. */
  drop(): void;
}

type Entry = { promise: Promise<PowSolution>; solution?: PowSolution };

/** Starts solving at once; `signal` (the form's lifetime) stops the work and the refreshes. */
export function startProofOfWork(
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
        createChallengeRoute,
        { params: { organizationId } },
        { signal },
      ).then(async (challenge) => {
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

  solve().catch(() => {});
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
