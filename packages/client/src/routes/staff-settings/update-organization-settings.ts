export const updateOrganizationSettingsRoute = {
  method: 'PATCH',
  path: '/v1/staff/organizations/{organizationId}/settings',
} as const;
