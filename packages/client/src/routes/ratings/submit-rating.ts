export const submitRatingRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/ratings',
} as const;
