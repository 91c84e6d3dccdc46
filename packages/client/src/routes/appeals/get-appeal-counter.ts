export const getAppealCounterRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/appeal-counter',
} as const;
