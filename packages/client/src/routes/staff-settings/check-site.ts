export const checkSiteRoute = {
  method: 'POST',
  path: '/v1/staff/organizations/{organizationId}/site-check',
} as const;
