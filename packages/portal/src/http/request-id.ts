import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { requestHeader } from './headers.ts';

/** The id lives on the request's context (a symbol key: cheaper than a WeakMap per request). */
const ID = Symbol('otklik.requestId');
type WithId = Context & { [ID]?: string };
const VALID = /^[\w.-]{1,64}$/;

/**
 * Gives the request an id for the logs: the caller's `X-Request-Id` when it is well-formed, else a
 * new one. Only problem responses carry it back (header and `instance`): that is when someone asks
 * support about a request, and a cacheable success must not carry a per-request value.
 */
export function assignRequestId(c: Context): string {
  const incoming = requestHeader(c, 'X-Request-Id');
  const id = incoming && VALID.test(incoming) ? incoming : randomUUID();
  (c as WithId)[ID] = id;
  return id;
}

export function requestIdOf(c: Context): string | undefined {
  return (c as WithId)[ID];
}
