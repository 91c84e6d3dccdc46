export const fileAppealRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/appeals',
} as const;
