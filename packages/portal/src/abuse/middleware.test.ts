import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ProblemError, problemResponse } from '../http/problem.ts';
import { clientIp, ipKey, rateLimit } from './middleware.ts';
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit.ts';

type Bindings = { incoming?: { socket: { remoteAddress?: string }; headers: Record<string, string> } };

/** A small app like the portal: the limiter in front of a route, ProblemError turned into problem JSON. */
function appWith(options: Partial<Parameters<typeof rateLimit>[0]> = {}) {
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    return c.text('internal', 500);
  });
  app.use(
    '/limited/*',
    rateLimit({
      store: new MemoryRateLimitStore(),
      limit: 3,
      windowMs: 60_000,
      scope: 'test',
      key: (c) => c.req.header('X-Test-Client') ?? null,
      ...options,
    }),
  );
  app.get('/limited/ok', (c) => c.text('ok'));
  return app;
}

const get = (app: Hono, client?: string) =>
  app.request('/limited/ok', { headers: client ? { 'X-Test-Client': client } : {} });

describe('rateLimit', () => {
  it('lets `limit` requests through, then answers 429 problem JSON with Retry-After', async () => {
    const app = appWith();
    for (let i = 0; i < 3; i++) {
      const ok = await get(app, 'alice');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('Retry-After')).toBeNull();
      expect(await ok.text()).toBe('ok');
    }
    const refused = await get(app, 'alice');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 429, code: 'rate-limited', title: 'Too many requests' });
    // The key (an IP address in production) is not echoed.
    expect(JSON.stringify(body)).not.toContain('alice');
    // Other clients are counted separately.
    expect((await get(app, 'bob')).status).toBe(200);
  });

  it('does not limit requests whose key is null', async () => {
    const app = appWith({ limit: 1 });
    for (let i = 0; i < 5; i++) expect((await get(app)).status).toBe(200);
  });

  it('counts each scope separately on a shared store and can store keys as an HMAC', async () => {
    const keys: string[] = [];
    const inner = new MemoryRateLimitStore();
    const store: RateLimitStore = { hit: (key, windowMs) => (keys.push(key), inner.hit(key, windowMs)) };
    const a = appWith({ store, scope: 'a', limit: 1, keySecret: 'secret' });
    const b = appWith({ store, scope: 'b', limit: 1 });
    expect((await get(a, '203.0.113.7')).status).toBe(200);
    expect((await get(b, '203.0.113.7')).status).toBe(200);
    expect((await get(a, '203.0.113.7')).status).toBe(429);
    expect(keys[0]).toMatch(/^a:[\w-]{43}$/);
    expect(keys[0]).not.toContain('203.0.113.7');
    expect(keys[1]).toBe('b:203.0.113.7');
  });

  it('fails the request when the store fails, unless failOpen', async () => {
    const broken: RateLimitStore = { hit: () => Promise.reject(new Error('store down')) };
    expect((await get(appWith({ store: broken }), 'x')).status).toBe(500);
    expect((await get(appWith({ store: broken, failOpen: true }), 'x')).status).toBe(200);
  });

  it('rejects a nonsensical configuration', () => {
    expect(() => appWith({ limit: 0 })).toThrow(/limit/);
    expect(() => appWith({ windowMs: 0 })).toThrow(/windowMs/);
  });
});

describe('clientIp', () => {
  const ipOf = async (env: Bindings, trustProxy: boolean, headers: Record<string, string> = {}) => {
    const app = new Hono<{ Bindings: Bindings }>();
    app.get('/', (c) => c.text(clientIp(c, { trustProxy }) ?? '(none)'));
    return (await app.request('/', { headers }, env)).text();
  };
  const node = (remoteAddress: string | undefined, headers: Record<string, string> = {}): Bindings => ({
    incoming: { socket: remoteAddress === undefined ? {} : { remoteAddress }, headers },
  });

  it('reads the socket address and ignores X-Forwarded-For without trustProxy', async () => {
    expect(await ipOf(node('198.51.100.4', { 'x-forwarded-for': '1.1.1.1' }), false)).toBe('198.51.100.4');
    expect(await ipOf(node('::ffff:198.51.100.4'), false)).toBe('198.51.100.4');
    expect(await ipOf(node('2001:db8::1'), false)).toBe('2001:db8::1');
    expect(await ipOf(node(undefined), false)).toBe('(none)');
    expect(await ipOf({}, false)).toBe('(none)');
  });

  it('takes the first X-Forwarded-For entry with trustProxy', async () => {
    const headers = { 'x-forwarded-for': ' 203.0.113.9 , 10.0.0.2' };
    expect(await ipOf(node('10.0.0.1', headers), true)).toBe('203.0.113.9');
    // Outside @hono/node-server (app.request) the header comes from the request itself.
    expect(await ipOf({}, true, { 'X-Forwarded-For': '203.0.113.10' })).toBe('203.0.113.10');
    expect(await ipOf(node('10.0.0.1'), true)).toBe('(none)');
  });

  it('reads the real socket address under @hono/node-server and limits by it', async () => {
    const app = new Hono();
    app.onError((error, c) => (error instanceof ProblemError ? problemResponse(c, error) : c.text('x', 500)));
    const key = (c: Parameters<typeof clientIp>[0]) => {
      const ip = clientIp(c, { trustProxy: false });
      return ip === null ? null : ipKey(ip);
    };
    app.use(rateLimit({ store: new MemoryRateLimitStore(), limit: 2, windowMs: 60_000, scope: 's', key }));
    app.get('/', (c) => c.text(clientIp(c, { trustProxy: false }) ?? '(none)'));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const first = await fetch(url, { headers: { 'X-Forwarded-For': '203.0.113.1' } });
      expect(await first.text()).toBe('127.0.0.1');
      expect((await fetch(url)).status).toBe(200);
      const third = await fetch(url);
      expect(third.status).toBe(429);
      expect(third.headers.get('Retry-After')).toMatch(/^(59|60)$/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('ipKey', () => {
  it('keeps IPv4 and reduces IPv6 to its /64', () => {
    expect(ipKey('198.51.100.4')).toBe('198.51.100.4');
    expect(ipKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(ipKey('2001:0DB8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(ipKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipKey('::1')).toBe('0:0:0:0::/64');
    expect(ipKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
