export const listTopicsRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/topics',
} as const;
