/**
 * Webhooks end to end on both databases: registration behind the address guard (loopback refused
 * unless allowed), the secret sealed, and every event of one appeal — filed, status changed, the
 * applicant's message, answered — delivered exactly once with a valid signature, also across a
 * receiver that was down (connection refused) and one that answered 500, with the last response
 * shown to staff.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppealReceipt, type CreatedWebhook, type PowChallenge } from '@otklik/client/schemas';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../abuse/pow.ts';
import { createApp } from '../app.ts';
import { createKeyRing } from '../security/keys.ts';
import { createApiKey } from '../staff/api-keys.ts';
import { belarusianAppeal } from '../testing/applicants.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { refusalOf } from '../testing/refusal.ts';
import { verifyDelivery } from './signature.ts';
import { startWebhookWorker, type WebhookWorker } from './worker.ts';

const backends = await testBackends();

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A document system's receiver on loopback: records what arrives, can answer an error or go away. */
async function startReceiver(port = 0) {
  const received: Received[] = [];
  const state = { failNext: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.failNext > 0) {
        state.failNext--;
        res.writeHead(500).end('busy');
        return;
      }
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    received,
    state,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe.each(backends)('webhooks on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let app: ReturnType<typeof createApp>;
  let guarded: ReturnType<typeof createApp>;
  let worker: WebhookWorker;
  let keys: ReturnType<typeof createKeyRing>;
  let apiKey: string;

  const db = useDemoDatabase(backend, {
    setup: async () => {
      keys = createKeyRing(db, 'webhooks-test-secret');
      app = createApp({ db, keys, pow: { maxNumber: 200 }, webhooks: { allowPrivateNetworks: true } });
      guarded = createApp({ db, keys, pow: { maxNumber: 200 } });
      worker = startWebhookWorker(db, keys, {
        allowPrivateNetworks: true,
        intervalMs: 3_600_000,
        retryBaseMs: 1,
      });
      apiKey = await createApiKey(db, 'demo-by', 'webhooks');
    },
  });
  afterAll(async () => {
    await worker?.stop();
  });

  const call = (
    target: ReturnType<typeof createApp>,
    method: string,
    path: string,
    body?: unknown,
    headers = {},
  ) =>
    target.request(path, {
      method,
      headers: {
        Authorization: `Bearer ${apiKey}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** Lets the backoff of the failed deliveries run out (retryBaseMs is 1 ms), then sends what is due. */
  const retryDue = async () => {
    await db.query('UPDATE webhook_deliveries SET next_attempt_at = now() WHERE delivered_at IS NULL');
    return worker.runOnce();
  };

  test('a loopback URL is refused unless the portal allows private networks', async () => {
    const res = await call(guarded, 'POST', '/v1/staff/organizations/demo-by/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['appeal.filed'],
    });
    expect(await refusalOf(res)).toEqual({
      status: 422,
      reason: 'address-not-public',
      issues: { 'body.url': 'address-not-public' },
    });
    const ftp = await call(app, 'POST', '/v1/staff/organizations/demo-by/webhooks', {
      url: 'ftp://example.org/hook',
      events: ['appeal.filed'],
    });
    expect(ftp.status).toBe(422);
    expect((await db.query('SELECT id FROM webhooks')).length).toBe(0);
  });

  test('every event of one appeal arrives exactly once, signed, across a receiver outage', async () => {
    let receiver = await startReceiver();
    const port = receiver.port;
    const created = await call(app, 'POST', '/v1/staff/organizations/demo-by/webhooks', {
      url: `http://127.0.0.1:${port}/otklik`,
      events: ['appeal.filed', 'appeal.status_changed', 'appeal.answered', 'appeal.message'],
      description: 'СЭД',
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const hook = (await created.json()) as CreatedWebhook;
    expect(hook.secret).toMatch(/^whsec_/);
    const [stored] = await db.query<{ secret_sealed: string }>(
      'SELECT secret_sealed FROM webhooks WHERE id = $1',
      [hook.id],
    );
    expect(stored?.secret_sealed).not.toContain(hook.secret.slice(6));
    // Another organisation's staff do not see it.
    const otherKey = await createApiKey(db, 'demo-school', 'webhooks');
    const foreign = await app.request(`/v1/staff/organizations/demo-by/webhooks/${hook.id}/deliveries`, {
      headers: { Authorization: `Bearer ${otherKey}` },
    });
    expect(foreign.status).toBe(403);

    // Filed through the public endpoint, as a widget would.
    const challenge = await app.request('/v1/organizations/demo-by/challenges', { method: 'POST' });
    const proofOfWork = await solveChallenge((await challenge.json()) as PowChallenge);
    const filed = await app.request('/v1/organizations/demo-by/appeals', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(belarusianAppeal('hooks@example.com', proofOfWork)),
    });
    expect(filed.status, await filed.clone().text()).toBe(201);
    const receipt = v.parse(AppealReceipt, await filed.json());
    expect(await worker.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(1);

    // The receiver goes away: the next events fail, are kept, and shown with their error.
    await receiver.close();
    const status = await call(app, 'POST', `/v1/staff/appeals/${receipt.appealId}/status`, {
      status: 'in_review',
    });
    expect(status.status, await status.clone().text()).toBe(200);
    const message = await app.request(`/v1/appeals/${receipt.appealId}/messages`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${receipt.accessSecret}`,
        'Idempotency-Key': randomUUID(),
      },
      body: JSON.stringify({ text: 'Дадаю дакумент.' }),
    });
    expect(message.status, await message.clone().text()).toBe(201);
    expect(await worker.runOnce()).toBe(0);
    expect(await retryDue()).toBe(0);
    const listed = await call(app, 'GET', '/v1/staff/organizations/demo-by/webhooks');
    const [view] = ((await listed.json()) as { items: CreatedWebhook[] }).items;
    expect(view).toMatchObject({
      id: hook.id,
      pending: 2,
      givenUp: 0,
      lastAttempt: { delivered: false, status: null, failure: 'refused' },
    });
    expect(view?.lastAttempt?.error).toMatch(/ECONNREFUSED/);
    expect(view).not.toHaveProperty('secret');

    // Back on the same port: the retries go through; then the answer, refused once with a 500.
    receiver = await startReceiver(port);
    expect(await retryDue()).toBe(2);
    receiver.state.failNext = 1;
    const answered = await call(app, 'POST', `/v1/staff/appeals/${receipt.appealId}/answer`, {
      result: 'explained',
      text: 'Парадак растлумачаны ў адказе.',
    });
    expect(answered.status, await answered.clone().text()).toBe(200);
    expect(await worker.runOnce()).toBe(0);
    const refused = await call(app, 'GET', '/v1/staff/organizations/demo-by/webhooks');
    expect(((await refused.json()) as { items: CreatedWebhook[] }).items[0]?.lastAttempt).toMatchObject({
      status: 500,
      failure: 'status',
      error: 'The receiver answered 500',
    });
    expect(await retryDue()).toBe(1);
    expect(await retryDue()).toBe(0);
    await receiver.close();

    const all = await call(app, 'GET', `/v1/staff/organizations/demo-by/webhooks/${hook.id}/deliveries`);
    const page = (await all.json()) as {
      items: {
        event: string;
        deliveredAt: string | null;
        lastStatus: number;
        lastFailure: string | null;
        attempts: number;
      }[];
    };
    expect(page.items.every((d) => d.deliveredAt !== null && d.lastStatus === 204)).toBe(true);
    expect(page.items.find((d) => d.event === 'appeal.answered')?.attempts).toBe(2);
    expect(page.items.every((d) => d.lastFailure === null)).toBe(true);

    // What arrived after the outage (the first receiver's one delivery is checked the same way).
    const payloads = receiver.received.map((r) => {
      expect(verifyDelivery(hook.secret, r.headers['otklik-signature'] as string, r.body)).toBe(true);
      expect(verifyDelivery('whsec_wrong', r.headers['otklik-signature'] as string, r.body)).toBe(false);
      return JSON.parse(r.body) as { id: string; event: string; appeal: { id: string; status: string } };
    });
    const events = payloads.map((p) => p.event).sort();
    expect(events).toEqual(['appeal.answered', 'appeal.message', 'appeal.status_changed']);
    expect(new Set(payloads.map((p) => p.id)).size).toBe(payloads.length);
    expect(payloads.every((p) => p.appeal.id === receipt.appealId)).toBe(true);
    expect(payloads.find((p) => p.event === 'appeal.answered')?.appeal.status).toBe('answered');
    // No personal data leaves in a payload.
    expect(receiver.received.map((r) => r.body).join('')).not.toMatch(/Караленка|hooks@example|Прашу|Дадаю/);
  }, 60_000);

  test("an appeal's events reach a hook in order: a later one waits while an earlier one is retried, not once it is given up", async () => {
    const receiver = await startReceiver();
    // Its own worker, whose first retry is a minute away (the shared one retries after 1 ms).
    const patient = startWebhookWorker(db, keys, {
      allowPrivateNetworks: true,
      intervalMs: 3_600_000,
      retryBaseMs: 60_000,
    });
    const schoolKey = await createApiKey(db, 'demo-school', 'webhooks order');
    const created = await app.request('/v1/staff/organizations/demo-school/webhooks', {
      method: 'POST',
      headers: { Authorization: `Bearer ${schoolKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        url: `http://127.0.0.1:${receiver.port}/otklik`,
        events: ['appeal.status_changed'],
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const hook = (await created.json()) as CreatedWebhook;
    try {
      const [a, b] = await db.query<{ id: string }>(
        `SELECT id FROM appeals WHERE organization_id = 'demo-school' ORDER BY id LIMIT 2`,
      );
      // Each statement its own transaction, so each event a later `created_at` than the one before.
      const event = async (appealId: string | undefined, status: string) => {
        await db.query('INSERT INTO appeal_events (appeal_id, status) VALUES ($1, $2)', [appealId, status]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      };
      const arrived = () =>
        receiver.received.map((r) => {
          const p = JSON.parse(r.body) as { appeal: { id: string; status: string } };
          return `${p.appeal.id === a?.id ? 'a' : 'b'}:${p.appeal.status}`;
        });
      const retry = async () => {
        await db.query('UPDATE webhook_deliveries SET next_attempt_at = now() WHERE delivered_at IS NULL');
        return patient.runOnce();
      };

      // The first event of A is refused once; A's second waits for its retry, B's goes at once.
      receiver.state.failNext = 1;
      await event(a?.id, 'in_review');
      await event(a?.id, 'extended');
      await event(b?.id, 'in_review');
      expect(await patient.runOnce()).toBe(1);
      expect(arrived()).toEqual(['b:in_review']);
      const [waiting] = await db.query<{ attempts: number }>(
        `SELECT attempts FROM webhook_deliveries WHERE webhook_id = $1 AND payload -> 'appeal' ->> 'status' = 'extended'`,
        [hook.id],
      );
      expect(waiting?.attempts).toBe(0);
      // A's retry goes through, and its second event right after it, in the same run.
      expect(await retry()).toBe(2);
      expect(arrived()).toEqual(['b:in_review', 'a:in_review', 'a:extended']);

      // An event given up after the last attempt (15 by default) holds nothing back.
      receiver.state.failNext = 1;
      await event(a?.id, 'forwarded');
      await event(a?.id, 'left_without_answer');
      expect(await patient.runOnce()).toBe(0);
      await db.query(
        `UPDATE webhook_deliveries SET attempts = 15 WHERE webhook_id = $1 AND payload -> 'appeal' ->> 'status' = 'forwarded'`,
        [hook.id],
      );
      expect(await retry()).toBe(1);
      expect(arrived()).toEqual(['b:in_review', 'a:in_review', 'a:extended', 'a:left_without_answer']);
      // The list counts the given-up delivery apart: it is no longer waiting.
      const listed = await app.request('/v1/staff/organizations/demo-school/webhooks', {
        headers: { Authorization: `Bearer ${schoolKey}` },
      });
      const { items } = (await listed.json()) as { items: CreatedWebhook[] };
      expect(items.find((h) => h.id === hook.id)).toMatchObject({ pending: 0, givenUp: 1 });
    } finally {
      await patient.stop();
      await receiver.close();
      await db.query('DELETE FROM webhooks WHERE id = $1', [hook.id]);
    }
  });

  test('a removed webhook stops, its pending deliveries with it', async () => {
    const [hook] = await db.query<{ id: string }>(
      `SELECT id FROM webhooks WHERE organization_id = 'demo-by'`,
    );
    const removed = await call(app, 'DELETE', `/v1/staff/organizations/demo-by/webhooks/${hook?.id}`);
    expect(removed.status).toBe(204);
    expect((await call(app, 'DELETE', `/v1/staff/organizations/demo-by/webhooks/${hook?.id}`)).status).toBe(
      404,
    );
    expect(await db.query('SELECT id FROM webhook_deliveries')).toEqual([]);
  });
});
