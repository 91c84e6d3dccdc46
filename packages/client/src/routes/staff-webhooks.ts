/** Routes of an organisation's webhooks to its document management system. */

export { createStaffWebhookRoute } from './staff-webhooks/create-staff-webhook.ts';
export { deleteStaffWebhookRoute } from './staff-webhooks/delete-staff-webhook.ts';
export { listStaffWebhookDeliveriesRoute } from './staff-webhooks/list-staff-webhook-deliveries.ts';
export { listStaffWebhooksRoute } from './staff-webhooks/list-staff-webhooks.ts';
