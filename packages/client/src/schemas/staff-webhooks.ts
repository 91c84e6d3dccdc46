/** Wire format of webhooks: where an organisation's appeal events go, and how each delivery went. */
import * as v from 'valibot';
import { IsoTimestamp, OrganizationId, PageQuery, pageOf } from './common.ts';
import { PlainString } from './text.ts';

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Uuid = v.pipe(v.string(), v.uuid());

/**
 * The appeal events a webhook can receive: `appeal.filed` (registered), `appeal.status_changed`
 * (in review, forwarded, extended, left without answer, withdrawn), `appeal.answered`, and
 * `appeal.message` (the applicant wrote).
 */
export const WEBHOOK_EVENTS = [
  'appeal.filed',
  'appeal.status_changed',
  'appeal.answered',
  'appeal.message',
] as const;
export const WebhookEvent = v.picklist(WEBHOOK_EVENTS);
export type WebhookEvent = v.InferOutput<typeof WebhookEvent>;

export const WebhookParams = v.object({ organizationId: OrganizationId, webhookId: Uuid });

/** A new webhook: an http(s) URL on a public address (private ones only where the portal allows them). */
export const WebhookInput = v.object({
  url: v.pipe(
    PlainString,
    v.trim(),
    v.maxLength(2000),
    v.url('Expected an absolute URL'),
    v.regex(/^https?:\/\//i, 'Expected an http or https URL'),
  ),
  events: v.pipe(v.array(WebhookEvent), v.minLength(1, 'Choose at least one event')),
  description: v.optional(v.pipe(PlainString, v.trim(), v.maxLength(200))),
});
export type WebhookInput = v.InferInput<typeof WebhookInput>;

/**
 * Why an attempt failed, for people's words: the receiver answered something other than 2xx
 * (`status`), refused the connection (`refused`: down, or another port), did not answer in time
 * (`timeout`), the address is one the portal does not send to (`address`: a private network, a name
 * that does not resolve), the secure connection failed (`tls`: a certificate not trusted, expired or
 * for another name; not HTTPS at all), the connection was cut before an answer (`reset`), or another
 * network failure (`network`). `error` keeps the detail, in English, for support.
 */
export const WEBHOOK_FAILURES = [
  'status',
  'refused',
  'timeout',
  'address',
  'tls',
  'reset',
  'network',
] as const;
export const WebhookFailure = v.picklist(WEBHOOK_FAILURES);
export type WebhookFailure = v.InferOutput<typeof WebhookFailure>;

/** The last attempt at a delivery: when, the HTTP status (null when no answer came), the error and its kind. */
export const WebhookAttempt = v.object({
  at: IsoTimestamp,
  event: WebhookEvent,
  status: v.nullable(v.pipe(v.number(), v.integer())),
  error: v.nullable(v.string()),
  failure: v.nullable(WebhookFailure),
  delivered: v.boolean(),
});

/** A webhook as staff see it; its secret is never shown again after creation. */
export const StaffWebhook = v.object({
  id: Uuid,
  url: v.string(),
  events: v.array(WebhookEvent),
  description: v.nullable(v.string()),
  createdAt: IsoTimestamp,
  /** The latest attempt of any delivery of this hook, or null before the first. */
  lastAttempt: v.nullable(WebhookAttempt),
  /** Deliveries not yet accepted by the receiver that the portal still tries (waiting or retrying). */
  pending: Count,
  /** Deliveries the portal has given up on after its last attempt: they are not sent again. */
  givenUp: Count,
});
export type StaffWebhook = v.InferOutput<typeof StaffWebhook>;

/**
 * The webhook just created, with its signing secret — shown this once. Each delivery is a POST of
 * JSON with `Otklik-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>`,
 * `Otklik-Event` and `Otklik-Delivery` (the same id on every retry of one delivery: deduplicate on it).
 * One appeal's events arrive in the order they happened.
 */
export const CreatedWebhook = v.object({ ...StaffWebhook.entries, secret: v.string() });
export type CreatedWebhook = v.InferOutput<typeof CreatedWebhook>;

export const WebhookList = v.object({ items: v.array(StaffWebhook) });

/** One event to one webhook, with how its delivery went. */
export const WebhookDelivery = v.object({
  id: Uuid,
  event: WebhookEvent,
  createdAt: IsoTimestamp,
  attempts: Count,
  deliveredAt: v.nullable(IsoTimestamp),
  lastStatus: v.nullable(v.pipe(v.number(), v.integer())),
  lastError: v.nullable(v.string()),
  lastFailure: v.nullable(WebhookFailure),
  lastAttemptAt: v.nullable(IsoTimestamp),
  /** When the next attempt is due (null once delivered). */
  nextAttemptAt: v.nullable(IsoTimestamp),
});
export type WebhookDelivery = v.InferOutput<typeof WebhookDelivery>;

export const WebhookDeliveriesQuery = v.object({ ...PageQuery });
export const WebhookDeliveryPage = pageOf(WebhookDelivery);
