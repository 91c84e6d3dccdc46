export const exportStaffRatingsRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/ratings.csv',
} as const;
