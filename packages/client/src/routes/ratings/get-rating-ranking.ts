export const getRatingRankingRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/rating/ranking',
} as const;
