export const createPortalOrganizationRoute = {
  method: 'POST',
  path: '/v1/staff/portal/organizations',
} as const;
