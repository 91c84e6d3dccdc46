export const listTopicClassifierCodesRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/topic-codes',
} as const;
