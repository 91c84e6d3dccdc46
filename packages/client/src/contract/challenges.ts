/** Anti-abuse: the self-hosted proof of work every anonymous write needs. */
import { createChallengeRoute } from '../routes/challenges.ts';
import { OrganizationParams } from '../schemas/common.ts';
import { PowChallenge } from '../schemas/intake.ts';
import type { EndpointDefinition } from './endpoint.ts';

export const createChallengeEndpoint = {
  ...createChallengeRoute,
  summary: 'A proof-of-work challenge for the next write',
  description: 'Signed, expiring and single-use; solved in the background by the widget.',
  tags: ['anti-abuse'],
  params: OrganizationParams,
  response: PowChallenge,
  successStatus: 201,
  access: 'organization',
  cacheable: false,
} as const satisfies EndpointDefinition;
