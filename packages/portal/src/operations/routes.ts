/**
 * The operator's routes outside the contract: `/metrics` (Prometheus text format), `/health/live` and
 * `/health/ready`. `/metrics` is for the monitoring system only: it needs the bearer token
 * `OTKLIK_METRICS_TOKEN`, or a direct connection from the machine itself (loopback, and no proxy
 * header — behind nginx every request arrives from loopback, so a forwarded one never counts as local).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { Queryable } from '../db/types.ts';
import type { Router } from '../http/endpoint.ts';
import { requestHeader, send } from '../http/headers.ts';
import { ProblemError } from '../http/problem.ts';
import { sendJson } from '../http/respond.ts';
import { notReadyReason } from './health.ts';
import type { PortalMetrics } from './metrics.ts';

export interface OperationsOptions {
  db: Queryable;
  metrics: PortalMetrics;
  /** Bearer token for `/metrics`; default `OTKLIK_METRICS_TOKEN`; unset: loopback only. */
  metricsToken?: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const PROXY_HEADERS = ['X-Forwarded-For', 'X-Real-IP', 'Forwarded'];

/** A direct connection from this machine, not one forwarded by a proxy. */
export function isDirectLoopback(c: Context): boolean {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const address = env?.incoming?.socket?.remoteAddress;
  if (address === undefined || !LOOPBACK.has(address)) return false;
  return PROXY_HEADERS.every((name) => requestHeader(c, name) === undefined);
}

function bearerMatches(c: Context, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(requestHeader(c, 'Authorization') ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export function registerOperationsRoutes(router: Router, options: OperationsOptions): void {
  const { db, metrics } = options;
  const token = options.metricsToken ?? (process.env.OTKLIK_METRICS_TOKEN || undefined);

  router.get('/health/live', (c) => sendJson(c, { status: 'ok' }, false));

  router.get('/health/ready', async (c) => {
    const reason = await notReadyReason(db);
    if (reason !== null) throw new ProblemError(503, 'service-unavailable', reason);
    return sendJson(c, { status: 'ready' }, false);
  });

  router.get('/metrics', async (c) => {
    if (!(token !== undefined && bearerMatches(c, token)) && !isDirectLoopback(c)) {
      throw new ProblemError(
        401,
        'unauthorized',
        'Metrics need the bearer token or a local connection',
        undefined,
        {
          'WWW-Authenticate': 'Bearer realm="metrics"',
        },
      );
    }
    return send(c, await metrics.registry.metrics(), 200, {
      'Content-Type': metrics.registry.contentType,
      'Cache-Control': 'no-store',
    });
  });
}
