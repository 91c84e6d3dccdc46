export const invitePortalOrganizationAdministratorRoute = {
  method: 'POST',
  path: '/v1/staff/portal/organizations/{organizationId}/administrator-invitations',
} as const;
