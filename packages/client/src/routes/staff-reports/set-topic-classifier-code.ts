export const setTopicClassifierCodeRoute = {
  method: 'PUT',
  path: '/v1/staff/organizations/{organizationId}/topic-codes/{topicId}',
} as const;
