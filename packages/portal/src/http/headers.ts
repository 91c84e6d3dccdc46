import type { Context } from 'hono';

/**
 * Reads a request header. Under @hono/node-server the Node request's headers are read directly:
 * touching `c.req.raw.headers` makes the adapter build a full fetch `Request` for every request,
 * which costs more than the whole cached-counter path (measured by the bench).
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (
    c.env as { incoming?: { headers: Record<string, string | string[] | undefined> } } | undefined
  )?.incoming;
  if (incoming) {
    const value = incoming.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return c.req.header(name);
}
