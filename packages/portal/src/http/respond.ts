import type { Context } from 'hono';
import type { StatusCode } from 'hono/utils/http-status';
import { etagOf, matchesIfNoneMatch } from './cache.ts';
import { requestHeader, send, setHeader } from './headers.ts';

/** CDNs and browsers may reuse for a minute and serve stale while revalidating for five. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * JSON serialised ahead of time — a cached representation with its tag, or a stored idempotent
 * answer with its status — that encodes a `T` (a type the handler's endpoint checks it against).
 */
export class JsonReply<T> {
  /** Never set: carries `T` for the type checker only. */
  declare readonly encodes?: T;
  constructor(
    readonly json: string,
    readonly etag?: string,
    readonly status?: StatusCode,
  ) {}
}

/** `value` serialised once, with its strong tag: what a cache keeps so that a 304 costs no work. */
export function represent<T>(value: T): JsonReply<T> {
  const json = JSON.stringify(value);
  return new JsonReply(json, etagOf(json));
}

/** A file sent as an attachment: its bytes or a stream, with the headers that describe it. */
export class Download {
  constructor(
    readonly body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array<ArrayBuffer>>,
    /** `Content-Type` and `Content-Disposition` at least. */
    readonly headers: Readonly<Record<string, string>>,
  ) {}
}

/**
 * Sends JSON; with `cacheable`, adds ETag and Cache-Control and answers 304 to a matching tag,
 * otherwise `Cache-Control: no-store`.
 */
export function sendJsonReply(
  c: Context,
  reply: JsonReply<unknown>,
  cacheable: boolean,
  status: StatusCode = 200,
): Response {
  if (cacheable) {
    const etag = reply.etag ?? etagOf(reply.json);
    setHeader(c, 'ETag', etag);
    setHeader(c, 'Cache-Control', PUBLIC_CACHE_CONTROL);
    if (matchesIfNoneMatch(requestHeader(c, 'If-None-Match'), etag)) return send(c, null, 304);
  } else {
    setHeader(c, 'Cache-Control', 'no-store');
  }
  return send(c, reply.json, reply.status ?? status, { 'Content-Type': JSON_TYPE });
}

/** Sends `value` as JSON (see {@link sendJsonReply}); for routes outside the contract, like /health. */
export function sendJson(c: Context, value: unknown, cacheable: boolean, status: StatusCode = 200): Response {
  return sendJsonReply(
    c,
    cacheable ? represent(value) : new JsonReply(JSON.stringify(value)),
    cacheable,
    status,
  );
}

/** Sends a file: never cached, never sniffed, never run if a browser renders it anyway. */
export function sendDownload(c: Context, download: Download, status: StatusCode = 200): Response {
  return send(c, download.body, status, {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...download.headers,
  });
}
