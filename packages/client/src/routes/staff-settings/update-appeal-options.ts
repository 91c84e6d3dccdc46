export const updateAppealOptionsRoute = {
  method: 'PATCH',
  path: '/v1/staff/organizations/{organizationId}/appeal-options',
} as const;
