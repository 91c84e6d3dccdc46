export const reorderTopicsRoute = {
  method: 'PUT',
  path: '/v1/staff/organizations/{organizationId}/topic-order',
} as const;
