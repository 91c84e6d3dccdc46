export const getOrganizationSettingsRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/settings',
} as const;
