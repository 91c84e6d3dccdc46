export const putTopicRoute = {
  method: 'PUT',
  path: '/v1/staff/organizations/{organizationId}/topics/{topicId}',
} as const;
