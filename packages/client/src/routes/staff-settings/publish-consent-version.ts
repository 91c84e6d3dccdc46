export const publishConsentVersionRoute = {
  method: 'POST',
  path: '/v1/staff/organizations/{organizationId}/consent-versions',
} as const;
