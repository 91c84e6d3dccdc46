/**
 * Proof of work solved in the background: a challenge is fetched and solved (the solver is a lazy
 * chunk) as soon as the form opens, and refreshed a minute before it expires, so sending rarely waits.
 */
import type { createChallengeEndpoint, PowSolution } from '@otklik/client';
import { createChallengeRoute, fetchRoute } from '@otklik/client';
import { useEffect, useRef } from 'preact/hooks';
import type { Portal } from './portal.ts';

type Entry = { promise: Promise<PowSolution>; solution?: PowSolution };

export interface ProofOfWork {
  /** Starts (or restarts) solving a fresh challenge. */
  solve(): Promise<PowSolution>;
  /** A solution that has not expired, solving a new one when needed. */
  solution(): Promise<PowSolution>;
  /** Forgets the current solution (it was spent) and stops refreshing it. */
  drop(): void;
}

export function useProofOfWork(
  portal: Portal,
  organizationId: string,
  signal: AbortSignal,
  /** A submission is using the current solution: it is not refreshed under it. */
  inUse: () => boolean,
): ProofOfWork {
  const current = useRef<Entry | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const solve = (): Promise<PowSolution> => {
    clearTimeout(timer.current);
    const entry: Entry = {
      promise: fetchRoute<typeof createChallengeEndpoint>(
        portal,
        createChallengeRoute,
        { params: { organizationId } },
        { signal },
      ).then(async (challenge) => {
        const { solveChallenge } = await import('../solve.ts');
        const solution = await solveChallenge(challenge, { signal });
        entry.solution = solution;
        // Refresh a minute before it expires, unless a submission is using it.
        const wait = Date.parse(solution.expiresAt) - Date.now() - 60_000;
        timer.current = setTimeout(
          () => current.current === entry && !inUse() && solve(),
          Math.max(wait, 1000),
        );
        return solution;
      }),
    };
    entry.promise.catch(() => {
      if (current.current === entry) current.current = null;
    });
    current.current = entry;
    return entry.promise;
  };

  const solution = (): Promise<PowSolution> => {
    const entry = current.current;
    if (!entry) return solve();
    if (entry.solution && Date.parse(entry.solution.expiresAt) - Date.now() < 5000) return solve();
    return entry.promise;
  };

  const drop = () => {
    current.current = null;
    clearTimeout(timer.current);
  };

  useEffect(() => {
    solve().catch(() => {});
    return () => clearTimeout(timer.current);
  }, []);

  return { solve, solution, drop };
}
