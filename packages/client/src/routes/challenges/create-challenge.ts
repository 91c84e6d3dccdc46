export const createChallengeRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/challenges',
} as const;
