export const listConsentVersionsRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/consent-versions',
} as const;
