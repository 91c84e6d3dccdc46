/**
 * What every request leaves behind: one log line (route pattern only: no raw URL, query string, IP
 * or body) and its count and latency in the metrics. The same record for requests the router
 * answers (the middleware) and for reads answered from memory before it (see fast-path.ts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from '../log.ts';
import { type PortalMetrics, routeLabel } from '../operations/metrics.ts';
import { setHeader } from './headers.ts';
import { assignRequestId } from './request-id.ts';

/** Sent on every answer: browsers must not guess another type than the one declared. */
export const NOSNIFF = { name: 'X-Content-Type-Options', value: 'nosniff' } as const;

export interface RequestObserver {
  /** Runs around every routed request. */
  readonly middleware: MiddlewareHandler;
  /** Records a request answered outside the router, begun at `started` (`performance.now()`). */
  answered(c: Context, route: string, status: number, started: number): void;
}

export function observeRequests(logger: Logger, metrics: PortalMetrics): RequestObserver {
  const record = (c: Context, route: string, status: number, started: number, requestId: string) => {
    const ms = performance.now() - started;
    metrics.record(c.req.method, route, status, ms / 1000);
    logger.log(status >= 500 ? 'error' : 'info', 'request', {
      method: c.req.method,
      route,
      status,
      ms: Math.round(ms * 10) / 10,
      requestId,
    });
  };
  return {
    async middleware(c, next) {
      const started = performance.now();
      const requestId = assignRequestId(c);
      setHeader(c, NOSNIFF.name, NOSNIFF.value);
      await next();
      record(c, routeLabel(c), c.res.status, started, requestId);
    },
    answered(c, route, status, started) {
      record(c, route, status, started, assignRequestId(c));
    },
  };
}
