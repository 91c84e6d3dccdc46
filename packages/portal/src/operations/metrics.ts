/**
 * The Prometheus metrics of one portal instance: requests and their latency by route pattern (never
 * the raw URL, which would carry appeal ids and query strings and grow without bound), the outbox
 * backlog and the overdue appeals (read from the database at each scrape), plus the process metrics
 * prom-client collects. Each app has its own registry, so several apps in one process stay apart.
 */

import { OPEN_APPEAL_STATUSES } from '@otklik/client/schemas';
import type { Context } from 'hono';
import { routePath } from 'hono/route';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Queryable } from '../db/types.ts';

/** The metrics of one app: what /metrics shows, and how a request answered is counted. */
export interface PortalMetrics {
  readonly registry: Registry;
  /** Counts one request answered, by method, route pattern and status, with its latency. */
  record(method: string, route: string, status: number, seconds: number): void;
}

/** The route pattern of a handled request, or `(unmatched)` for the 404 fallback. */
export function routeLabel(c: Context): string {
  const route = routePath(c, -1);
  return route === '*' || route === '/*' || route === '' ? '(unmatched)' : route;
}

/** Outbox messages not yet sent, and the age in seconds of the oldest one (0 when none). */
async function outboxBacklog(db: Queryable): Promise<{ pending: number; oldest: number }> {
  const [row] = await db.query<{ pending: number; oldest: number | null }>(
    `SELECT count(*)::int AS pending,
            EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest
       FROM outbox WHERE sent_at IS NULL`,
  );
  return { pending: row?.pending ?? 0, oldest: row?.oldest ?? 0 };
}

const OPEN = OPEN_APPEAL_STATUSES.map((s) => `'${s}'`).join(', ');

/** Open appeals past their deadline (the same rule as the counter and the desk). */
async function overdueAppeals(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM appeals
      WHERE status IN (${OPEN}) AND COALESCE(extended_until, due_at) < now()`,
  );
  return row?.n ?? 0;
}

export function createMetrics(db: Queryable): PortalMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'otklik_' });
  const requests = new Counter({
    name: 'otklik_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'otklik_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'otklik_outbox_pending',
    help: 'Mail messages in the outbox not yet delivered',
    registers: [registry],
    async collect() {
      this.set((await outboxBacklog(db)).pending);
    },
  });
  new Gauge({
    name: 'otklik_outbox_oldest_pending_seconds',
    help: 'Age of the oldest undelivered outbox message (0 when none)',
    registers: [registry],
    async collect() {
      this.set((await outboxBacklog(db)).oldest);
    },
  });
  new Gauge({
    name: 'otklik_appeals_overdue',
    help: 'Open appeals past their deadline, over all organisations',
    registers: [registry],
    async collect() {
      this.set(await overdueAppeals(db));
    },
  });
  // One child per label set, looked up by route and then by a number made of status and method:
  // the hot path (the cached counter) builds no key string of its own per request.
  // Bounded by routes × methods × statuses.
  const children = new Map<string, Map<number, { count: () => void; time: (seconds: number) => void }>>();
  const childFor = (methodIndex: number, route: string, status: number) => {
    let byStatus = children.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      children.set(route, byStatus);
    }
    const key = status * METHODS.length + methodIndex;
    let child = byStatus.get(key);
    if (child === undefined) {
      const method = METHODS[methodIndex] ?? 'OTHER';
      const counted = requests.labels(method, route, String(status));
      const timed = latency.labels(method, route);
      child = { count: () => counted.inc(), time: (seconds) => timed.observe(seconds) };
      byStatus.set(key, child);
    }
    return child;
  };
  return {
    registry,
    record(method, route, status, seconds) {
      const child = childFor(METHOD_INDEX.get(method) ?? METHODS.length - 1, route, status);
      child.count();
      child.time(seconds);
    },
  };
}

/** Methods outside the known ones are counted as OTHER: a label value must not come from the client. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'OTHER'] as const;
const METHOD_INDEX = new Map<string, number>(METHODS.slice(0, -1).map((method, index) => [method, index]));
