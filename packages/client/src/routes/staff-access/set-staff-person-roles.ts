export const setStaffPersonRolesRoute = {
  method: 'PUT',
  path: '/v1/staff/organizations/{organizationId}/people/{personId}/roles',
} as const;
