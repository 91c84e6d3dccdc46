export const listOrganizationAppealsRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/appeals',
} as const;
