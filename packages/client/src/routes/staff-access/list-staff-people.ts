export const listStaffPeopleRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/people',
} as const;
