import { createHmac } from 'node:crypto';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { requestHeader } from '../http/headers.ts';
import { ProblemError } from '../http/problem.ts';
import type { RateLimitStore } from './rate-limit.ts';

export interface RateLimitOptions<E extends Env = Env> {
  store: RateLimitStore;
  /** Requests allowed per key and window; the next one is answered 429. */
  limit: number;
  windowMs: number;
  /** What is limited, e.g. the client's IP or an organisation id; null = this request is not limited. */
  key: (c: Context<E>) => string | null;
  /** Names this limit (e.g. `appeal-submit`), so limits on different routes count separately. */
  scope: string;
  /**
   * When set, keys are stored as an HMAC with this secret instead of in clear: the store (a table,
   * Redis) then holds no IP addresses. Use the same secret on every instance.
   */
  keySecret?: string;
  /** When the store fails (Redis down): true lets requests through, false (default) fails them (500). */
  failOpen?: boolean;
}

/**
 * Limits requests per key. Over the limit it throws a `ProblemError` (429, code `rate-limited`,
 * `Retry-After` in seconds) for the app's error handler; under it, it adds nothing to the response.
 * Keys are never logged or put in responses (they are usually IP addresses: personal data).
 */
export function rateLimit<E extends Env = Env>(options: RateLimitOptions<E>): MiddlewareHandler<E> {
  const { store, limit, windowMs, scope, keySecret, failOpen = false } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new Error('rateLimit: limit must be a positive integer');
  if (!(windowMs > 0)) throw new Error('rateLimit: windowMs must be positive');
  return async (c, next) => {
    const key = options.key(c);
    if (key !== null) await enforceLimit(store, limitKey(scope, key, keySecret), limit, windowMs, failOpen);
    return next();
  };
}

/** The store key of `key` within `scope`; with a secret, an HMAC so that stores hold no IP addresses. */
export function limitKey(scope: string, key: string, keySecret?: string): string {
  return keySecret
    ? `${scope}:${createHmac('sha256', keySecret).update(key).digest('base64url')}`
    : `${scope}:${key}`;
}

/**
 * Counts one hit of `key` and throws the 429 problem (`rate-limited`, `Retry-After` in seconds) when
 * it is over `limit` in the window; a failing store throws unless `failOpen`. Shared by the
 * middleware and the intake guard.
 */
export async function enforceLimit(
  store: RateLimitStore,
  key: string,
  limit: number,
  windowMs: number,
  failOpen = false,
): Promise<void> {
  let hit: Awaited<ReturnType<RateLimitStore['hit']>>;
  try {
    hit = await store.hit(key, windowMs);
  } catch (error) {
    if (failOpen) return;
    // The error names the store's failure, never the key.
    throw error;
  }
  if (hit.count > limit) {
    const retryAfter = Math.max(1, Math.ceil((hit.resetAt - Date.now()) / 1000));
    throw new ProblemError(
      429,
      'rate-limited',
      `Too many requests; try again in ${retryAfter} s`,
      undefined,
      {
        'Retry-After': String(retryAfter),
      },
    );
  }
}

export interface ClientIpOptions {
  /**
   * Take the address from the first `X-Forwarded-For` entry instead of the socket. Set it only when
   * every request reaches the portal through your own reverse proxy that *replaces* the header with
   * the address it sees (nginx: `proxy_set_header X-Forwarded-For $remote_addr;`):
   * - without a proxy, `X-Forwarded-For` is whatever the client writes, so a client could pick a
   *   new key for every request and never be limited;
   * - behind a proxy, the socket address is the proxy's, so without this every client would share
   *   one counter and one busy client would lock everybody out.
   * A proxy that appends (`$proxy_add_x_forwarded_for`) keeps the client's own first entry: the
   * first entry is then spoofable, so configure it to replace.
   */
  trustProxy: boolean;
}

/**
 * The client's IP address for rate-limit keys, or null when unknown (e.g. `app.request` in tests).
 * IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) come back as IPv4. Personal data: never log it.
 */
export function clientIp(c: Context, options: ClientIpOptions): string | null {
  let ip: string | undefined;
  if (options.trustProxy) {
    ip = requestHeader(c, 'X-Forwarded-For')?.split(',', 1)[0]?.trim();
  } else {
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    ip = env?.incoming?.socket?.remoteAddress;
  }
  if (!ip) return null;
  return ip.toLowerCase().startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

/**
 * A rate-limit key for an IP address: IPv4 as is, IPv6 reduced to its /64 network, because one
 * subscriber usually gets a whole /64 and could otherwise take a fresh address for every request.
 */
export function ipKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('%', 1)[0]?.toLowerCase().split('::') ?? [''];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
