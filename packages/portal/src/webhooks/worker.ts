/**
 * Delivers webhook events: the rows the triggers of migration 0015 write in the transaction of each
 * appeal event. Rows are claimed with `FOR UPDATE SKIP LOCKED` and leased, then POSTed outside the
 * transaction; a 2xx marks a row delivered (it is never sent again), anything else is retried with
 * exponential backoff. One appeal's events reach a hook in order. Each attempt's status or error is
 * kept for the console.
 */
import http from 'node:http';
import https from 'node:https';
import type { Database } from '../db/types.ts';
import type { Logger } from '../log.ts';
import type { KeyRing } from '../security/keys.ts';
import { openSecret } from '../security/secret-box.ts';
import { startDeliveryLoop } from '../workers/delivery-loop.ts';
import { AddressRefused, type ResolvedTarget, resolveTarget } from './address-guard.ts';
import { TIMEOUT_ERROR } from './failure.ts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signDelivery } from './signature.ts';

/** The secret box purpose of webhook secrets. */
export const WEBHOOK_SECRET_PURPOSE = 'webhook-secret';

export interface WebhookOptions {
  /** Lets hooks point at private, loopback and link-local addresses (an intranet, tests). */
  allowPrivateNetworks?: boolean;
  /** Poll interval (default 2 s). */
  intervalMs?: number;
  /** First retry delay, doubled per attempt up to six hours (default 30 s). */
  retryBaseMs?: number;
  /** After this many failed attempts a delivery is left alone with its last error (default 15). */
  maxAttempts?: number;
  /** Give up on one attempt after this long (default 10 s). */
  timeoutMs?: number;
}

export interface WebhookWorker {
  /** Sends what is due now; resolves with the number delivered. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

interface Row {
  id: string;
  event: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret_sealed: string;
}

/** After this many failed attempts a delivery is given up (the list counts it apart from the pending). */
export const DEFAULT_MAX_ATTEMPTS = 15;

const LEASE_MS = 5 * 60_000;
const BATCH = 20;

/**
 * An earlier event of the same appeal to the same hook that is not delivered yet (waiting, retrying
 * or in flight) and not given up: the later one waits for it, so a receiver hears of an appeal's
 * events in the order they happened (after an outage the status change no longer overtakes the
 * filing whose retry is due later). Events written in one transaction share `created_at`; their
 * order is the id's, as before.
 */
const EARLIER_PENDING = `
  SELECT 1 FROM webhook_deliveries e
  WHERE e.webhook_id = d.webhook_id AND e.delivered_at IS NULL AND e.attempts < $1
    AND e.payload -> 'appeal' ->> 'id' = d.payload -> 'appeal' ->> 'id'
    AND (e.created_at, e.id) < (d.created_at, d.id)`;

/** One POST to the checked address; resolves with the status (the body is read and dropped). */
function post(
  url: URL,
  target: ResolvedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
        lookup: (_host, options, callback) => {
          if ((options as { all?: boolean }).all) {
            (callback as unknown as (e: null, a: ResolvedTarget[]) => void)(null, [target]);
          } else callback(null, target.address, target.family);
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(TIMEOUT_ERROR)));
    req.on('error', reject);
    req.end(body);
  });
}

export function startWebhookWorker(
  db: Database,
  keys: KeyRing,
  options: WebhookOptions & { logger?: Logger } = {},
): WebhookWorker {
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const timeoutMs = options.timeoutMs ?? 10_000;

  const claim = () =>
    db.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `SELECT d.id, d.event, d.payload, d.attempts, w.url, w.secret_sealed
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.delivered_at IS NULL AND d.next_attempt_at <= now() AND d.attempts < $1
           AND NOT EXISTS (${EARLIER_PENDING})
         ORDER BY d.created_at, d.id LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
        [maxAttempts, BATCH],
      );
      if (rows.length > 0) {
        await tx.query(
          `UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
           WHERE id = ANY ($1::uuid[])`,
          [rows.map((r) => r.id), LEASE_MS],
        );
      }
      return rows;
    });

  const deliver = async (row: Row): Promise<boolean> => {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const url = new URL(row.url);
      const target = await resolveTarget(url, options.allowPrivateNetworks === true);
      const secret = await openSecret(keys, WEBHOOK_SECRET_PURPOSE, row.secret_sealed);
      const body = JSON.stringify(row.payload);
      status = await post(
        url,
        target,
        {
          'Content-Type': 'application/json',
          'User-Agent': 'Otklik webhooks',
          [SIGNATURE_HEADER]: signDelivery(secret, Math.floor(Date.now() / 1000), body),
          [EVENT_HEADER]: row.event,
          [DELIVERY_HEADER]: row.id,
        },
        body,
        timeoutMs,
      );
      if (status < 200 || status >= 300) error = `The receiver answered ${status}`;
    } catch (e) {
      error = e instanceof AddressRefused ? e.message : e instanceof Error ? e.message || e.name : String(e);
    }
    if (error === null) {
      await db.query(
        `UPDATE webhook_deliveries SET delivered_at = now(), attempts = attempts + 1, last_status = $2,
           last_error = NULL, last_attempt_at = now() WHERE id = $1`,
        [row.id, status],
      );
      return true;
    }
    const delay = Math.min(retryBaseMs * 2 ** row.attempts, 6 * 60 * 60_000);
    await db.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = $2, last_error = $3, last_attempt_at = now(),
         next_attempt_at = now() + make_interval(secs => $4::double precision / 1000) WHERE id = $1`,
      [row.id, status, error.slice(0, 500), delay],
    );
    options.logger?.log('warn', 'webhook delivery failed', { deliveryId: row.id, attempt: row.attempts + 1 });
    return false;
  };

  return startDeliveryLoop({
    name: 'webhook',
    claim,
    deliver,
    batchSize: BATCH,
    intervalMs: options.intervalMs,
    logger: options.logger,
  });
}
