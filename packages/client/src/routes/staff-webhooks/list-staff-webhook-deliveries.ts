export const listStaffWebhookDeliveriesRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/webhooks/{webhookId}/deliveries',
} as const;
