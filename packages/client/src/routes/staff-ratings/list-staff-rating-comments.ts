export const listStaffRatingCommentsRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/rating-comments',
} as const;
