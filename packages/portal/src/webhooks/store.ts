/** The webhooks of an organisation and their deliveries (all SQL of the feature's staff side). */
import { randomUUID } from 'node:crypto';
import type { StaffWebhook, WebhookDelivery, WebhookEvent } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';
import { ProblemError, refusal } from '../http/problem.ts';
import { failureOf } from './failure.ts';
import { DEFAULT_MAX_ATTEMPTS } from './worker.ts';

interface HookRow {
  id: string;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  created_at: Date;
  pending: number;
  given_up: number;
  last_at: Date | null;
  last_event: WebhookEvent | null;
  last_status: number | null;
  last_error: string | null;
  last_delivered: boolean | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

const HOOKS_SQL = `
  SELECT w.id, w.url, w.events, w.description, w.created_at,
    (SELECT count(*)::int FROM webhook_deliveries d
     WHERE d.webhook_id = w.id AND d.delivered_at IS NULL AND d.attempts < $2) AS pending,
    (SELECT count(*)::int FROM webhook_deliveries d
     WHERE d.webhook_id = w.id AND d.delivered_at IS NULL AND d.attempts >= $2) AS given_up,
    l.last_attempt_at AS last_at, l.event AS last_event, l.last_status, l.last_error,
    (l.delivered_at IS NOT NULL) AS last_delivered
  FROM webhooks w
  LEFT JOIN LATERAL (
    SELECT last_attempt_at, event, last_status, last_error, delivered_at FROM webhook_deliveries d
    WHERE d.webhook_id = w.id AND d.last_attempt_at IS NOT NULL
    ORDER BY d.last_attempt_at DESC LIMIT 1) l ON true`;

function view(row: HookRow): StaffWebhook {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    createdAt: iso(row.created_at),
    pending: row.pending,
    givenUp: row.given_up,
    lastAttempt:
      row.last_at === null || row.last_event === null
        ? null
        : {
            at: iso(row.last_at),
            event: row.last_event,
            status: row.last_status,
            error: row.last_error,
            failure: failureOf(row.last_status, row.last_error),
            delivered: row.last_delivered === true,
          },
  };
}

/** The organisation's hooks; a delivery tried `maxAttempts` times (the worker's limit) counts as given up. */
export async function listWebhooks(
  db: Queryable,
  organizationId: string,
  maxAttempts: number,
): Promise<StaffWebhook[]> {
  const rows = await db.query<HookRow>(
    `${HOOKS_SQL} WHERE w.organization_id = $1 ORDER BY w.created_at, w.id`,
    [organizationId, maxAttempts],
  );
  return rows.map(view);
}

/** Stores a hook with its sealed secret; resolves with the stored view. */
export async function insertWebhook(
  db: Queryable,
  organizationId: string,
  input: { url: string; events: readonly WebhookEvent[]; description?: string | undefined },
  sealedSecret: string,
): Promise<StaffWebhook> {
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM webhooks WHERE organization_id = $1',
    [organizationId],
  );
  if (n >= 20) throw refusal('webhooks-limit', 'An organisation has at most 20 webhooks');
  const id = randomUUID();
  await db.query(
    `INSERT INTO webhooks (id, organization_id, url, events, description, secret_sealed)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, organizationId, input.url, [...new Set(input.events)], input.description || null, sealedSecret],
  );
  // A new hook has no deliveries yet: the attempts limit changes nothing here.
  const [row] = await db.query<HookRow>(`${HOOKS_SQL} WHERE w.id = $1`, [id, DEFAULT_MAX_ATTEMPTS]);
  return view(row as HookRow);
}

export async function deleteWebhook(db: Queryable, organizationId: string, id: string): Promise<void> {
  const rows = await db.query('DELETE FROM webhooks WHERE id = $1 AND organization_id = $2 RETURNING id', [
    id,
    organizationId,
  ]);
  if (rows.length === 0) throw new ProblemError(404, 'not-found', 'No such webhook in this organisation');
}

export async function listDeliveries(
  db: Queryable,
  organizationId: string,
  id: string,
  page: { limit: number; offset: number },
) {
  const [hook] = await db.query<{ total: number }>(
    `SELECT (SELECT count(*)::int FROM webhook_deliveries WHERE webhook_id = w.id) AS total
     FROM webhooks w WHERE w.id = $1 AND w.organization_id = $2`,
    [id, organizationId],
  );
  if (!hook) throw new ProblemError(404, 'not-found', 'No such webhook in this organisation');
  const rows = await db.query<{
    id: string;
    event: WebhookEvent;
    created_at: Date;
    attempts: number;
    delivered_at: Date | null;
    last_status: number | null;
    last_error: string | null;
    last_attempt_at: Date | null;
    next_attempt_at: Date;
  }>(
    `SELECT id, event, created_at, attempts, delivered_at, last_status, last_error, last_attempt_at, next_attempt_at
     FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
    [id, page.limit, page.offset],
  );
  const items: WebhookDelivery[] = rows.map((r) => ({
    id: r.id,
    event: r.event,
    createdAt: iso(r.created_at),
    attempts: r.attempts,
    deliveredAt: r.delivered_at === null ? null : iso(r.delivered_at),
    lastStatus: r.last_status,
    lastError: r.last_error,
    lastFailure: failureOf(r.last_status, r.last_error),
    lastAttemptAt: r.last_attempt_at === null ? null : iso(r.last_attempt_at),
    nextAttemptAt: r.delivered_at === null ? iso(r.next_attempt_at) : null,
  }));
  return { items, total: hook.total, limit: page.limit, offset: page.offset };
}
