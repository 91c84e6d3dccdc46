export const getRatingSummaryRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/rating',
} as const;
