export const deleteStaffWebhookRoute = {
  method: 'DELETE',
  path: '/v1/staff/organizations/{organizationId}/webhooks/{webhookId}',
} as const;
