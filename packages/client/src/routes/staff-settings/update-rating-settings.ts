export const updateRatingSettingsRoute = {
  method: 'PATCH',
  path: '/v1/staff/organizations/{organizationId}/rating-settings',
} as const;
