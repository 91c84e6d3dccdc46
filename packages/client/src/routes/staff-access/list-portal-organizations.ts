export const listPortalOrganizationsRoute = {
  method: 'GET',
  path: '/v1/staff/portal/organizations',
} as const;
