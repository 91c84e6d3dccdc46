/** An organisation's webhooks: appeal events sent to its document management system. */
import {
  createStaffWebhookRoute,
  deleteStaffWebhookRoute,
  listStaffWebhookDeliveriesRoute,
  listStaffWebhooksRoute,
} from '../routes/staff-webhooks.ts';
import { OrganizationParams } from '../schemas/common.ts';
import {
  CreatedWebhook,
  WebhookDeliveriesQuery,
  WebhookDeliveryPage,
  WebhookInput,
  WebhookList,
  WebhookParams,
} from '../schemas/staff-webhooks.ts';
import type { EndpointDefinition } from './endpoint.ts';

const AUTH = 'Staff with `settings.manage` in this organisation (its administrator or an API key). Audited.';
const staff = {
  tags: ['staff-webhooks'],
  access: 'staff',
  permission: 'settings.manage',
  cacheable: false,
} as const;

export const listStaffWebhooksEndpoint = {
  ...listStaffWebhooksRoute,
  ...staff,
  summary: 'The organisation’s webhooks with the last attempt of each',
  description: AUTH,
  params: OrganizationParams,
  response: WebhookList,
} as const satisfies EndpointDefinition;

export const createStaffWebhookEndpoint = {
  ...createStaffWebhookRoute,
  ...staff,
  summary: 'Register a URL for appeal events (the signing secret is answered once)',
  description:
    `${AUTH} The URL must resolve to a public address: private, loopback and link-local ones are ` +
    'refused (422 on `body.url`) unless the portal allows them. Events are delivered as signed JSON ' +
    'POSTs, retried with backoff until the receiver answers 2xx; the payload carries ids and statuses, ' +
    'never personal data (fetch the appeal with an API key).',
  params: OrganizationParams,
  body: WebhookInput,
  response: CreatedWebhook,
  successStatus: 201,
} as const satisfies EndpointDefinition;

export const deleteStaffWebhookEndpoint = {
  ...deleteStaffWebhookRoute,
  ...staff,
  summary: 'Remove a webhook and its pending deliveries',
  description: AUTH,
  params: WebhookParams,
  successStatus: 204,
} as const satisfies EndpointDefinition;

export const listStaffWebhookDeliveriesEndpoint = {
  ...listStaffWebhookDeliveriesRoute,
  ...staff,
  summary: 'A webhook’s deliveries, newest first, with their last response',
  description: AUTH,
  params: WebhookParams,
  query: WebhookDeliveriesQuery,
  response: WebhookDeliveryPage,
} as const satisfies EndpointDefinition;
