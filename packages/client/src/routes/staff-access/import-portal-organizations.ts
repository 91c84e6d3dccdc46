export const importPortalOrganizationsRoute = {
  method: 'POST',
  path: '/v1/staff/portal/organizations/import',
} as const;
