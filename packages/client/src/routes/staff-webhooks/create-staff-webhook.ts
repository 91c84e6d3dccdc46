export const createStaffWebhookRoute = {
  method: 'POST',
  path: '/v1/staff/organizations/{organizationId}/webhooks',
} as const;
