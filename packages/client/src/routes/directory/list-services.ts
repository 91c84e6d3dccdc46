export const listServicesRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/services',
} as const;
