export const listStaffWebhooksRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/webhooks',
} as const;
