export const getRatingAnalyticsRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/rating/analytics',
} as const;
