/** Routes of the service-quality rating: form submission, the badge's summary, rankings, analytics. */
export const submitRatingRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/ratings',
} as const;
export const getRatingSummaryRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/rating',
} as const;
export const getRatingRankingRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/rating/ranking',
} as const;
export const getRatingAnalyticsRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/rating/analytics',
} as const;
export const listSpheresRoute = { method: 'GET', path: '/v1/spheres' } as const;
