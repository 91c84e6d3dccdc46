import { endpoints } from '@otklik/client/contract';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import type { KeyRing } from '../security/keys.ts';
import { type IntakeGuard, limitedAs } from './intake-guard.ts';
import { createChallenge, type PowOptions } from './pow.ts';

export interface ChallengeRoutesOptions {
  keys: KeyRing;
  pow?: PowOptions | undefined;
  guard?: IntakeGuard | undefined;
}

/** The proof-of-work challenge every anonymous write needs first. */
export function registerChallengeRoutes(router: Router, { keys, pow, guard }: ChallengeRoutesOptions): void {
  registerEndpoint(
    router,
    endpoints.createChallenge,
    async ({ params }) => createChallenge(keys, params.organizationId, pow),
    limitedAs(guard, 'challenge'),
  );
}
