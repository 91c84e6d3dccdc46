import { endpoints } from '@otklik/client/contract';
import type { Database } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { fieldRefusal, ProblemError } from '../http/problem.ts';
import type { KeyRing } from '../security/keys.ts';
import { sealSecret } from '../security/secret-box.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';
import { AddressRefused, resolveTarget } from './address-guard.ts';
import { newWebhookSecret } from './signature.ts';
import { deleteWebhook, insertWebhook, listDeliveries, listWebhooks } from './store.ts';
import { DEFAULT_MAX_ATTEMPTS, WEBHOOK_SECRET_PURPOSE, type WebhookOptions } from './worker.ts';

/** An organisation's webhooks: register (the secret answered once, stored sealed), list, remove, deliveries. */
export function registerWebhookRoutes(
  router: Router<unknown, StaffActor>,
  db: Database,
  keys: KeyRing,
  options: WebhookOptions = {},
): void {
  registerEndpoint(router, endpoints.listStaffWebhooks, async ({ params }) => ({
    items: await listWebhooks(db, params.organizationId, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
  }));

  registerEndpoint(router, endpoints.createStaffWebhook, async ({ actor, params, body }) => {
    try {
      await resolveTarget(new URL(body.url), options.allowPrivateNetworks === true);
    } catch (error) {
      if (!(error instanceof AddressRefused)) throw error;
      throw fieldRefusal(error.reason, 'body.url', error.message, 'Invalid body');
    }
    const secret = newWebhookSecret();
    const hook = await insertWebhook(
      db,
      params.organizationId,
      body,
      await sealSecret(keys, WEBHOOK_SECRET_PURPOSE, secret),
    );
    await audit(db, actor, 'webhook.create', null, { webhookId: hook.id, events: hook.events });
    return { ...hook, secret };
  });

  registerEndpoint(router, endpoints.deleteStaffWebhook, async ({ actor, params }) => {
    await deleteWebhook(db, params.organizationId, params.webhookId);
    await audit(db, actor, 'webhook.delete', null, { webhookId: params.webhookId });
    return undefined;
  });

  registerEndpoint(router, endpoints.listStaffWebhookDeliveries, ({ params, query }) =>
    listDeliveries(db, params.organizationId, params.webhookId, query),
  );
}
