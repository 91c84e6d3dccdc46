import type { Context } from 'hono';
import { etagOf, matchesIfNoneMatch } from './cache.ts';
import { requestHeader, send, setHeader } from './headers.ts';

/** CDNs and browsers may reuse for a minute and serve stale while revalidating for five. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

export interface Representation {
  readonly json: string;
  readonly etag: string;
}

export function represent(body: unknown): Representation {
  const json = JSON.stringify(body);
  return { json, etag: etagOf(json) };
}

export function sendJson(c: Context, body: unknown, cacheable: boolean): Response {
  return sendRepresentation(c, represent(body), cacheable);
}

/** Sends JSON; with `cacheable`, adds ETag and Cache-Control and answers 304 to a matching tag. */
export function sendRepresentation(c: Context, rep: Representation, cacheable: boolean): Response {
  if (cacheable) {
    setHeader(c, 'ETag', rep.etag);
    setHeader(c, 'Cache-Control', PUBLIC_CACHE_CONTROL);
    if (matchesIfNoneMatch(requestHeader(c, 'If-None-Match'), rep.etag)) return send(c, null, 304);
  } else {
    setHeader(c, 'Cache-Control', 'no-store');
  }
  return send(c, rep.json, 200, { 'Content-Type': 'application/json; charset=utf-8' });
}
