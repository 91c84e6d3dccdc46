/**
 * The shipped nginx site (deploy/nginx/otklik.conf) in a real nginx in front of a real portal: `nginx
 * -t` accepts it, TLS and the redirect work, and the cache rules do what the site says — the counter,
 * rating badges and organisation profiles cached for the portal's max-age and answered 304 from the
 * cache, widget files immutable, nothing personal or written ever cached, X-Forwarded-For replaced.
 */

import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../packages/portal/src/log.ts';
import { type Portal, startPortal } from '../../packages/portal/src/server.ts';
import { httpsClient, type Nginx, prepareNginx } from './harness/nginx.ts';
import { missingServices } from './harness/services.ts';

const skip = await missingServices(['nginx', 'openssl']);
const COUNTER = '/v1/organizations/demo-school/appeal-counter';

describe.skipIf(skip !== null)('the nginx site in front of a portal', () => {
  let portal: Portal;
  let nginx: Nginx;
  let client: ReturnType<typeof httpsClient>;
  const widgetsDir = mkdtempSync(join(tmpdir(), 'otklik-widgets-'));

  beforeAll(async () => {
    mkdirSync(join(widgetsDir, 'widgets'));
    writeFileSync(join(widgetsDir, 'otklik.js'), 'console.log("loader");\n');
    writeFileSync(join(widgetsDir, 'widgets', 'counter-abc123.js'), 'export const x = 1;\n');
    portal = await startPortal({
      database: { kind: 'pglite' },
      port: 0,
      seed: 'demo',
      widgetsDir,
      rateLimit: { trustProxy: true },
      logger: createLogger('silent'),
    });
    nginx = await prepareNginx([Number(new URL(portal.url).port)]);
    await nginx.start();
    client = httpsClient(nginx);
  }, 60_000);
  afterAll(async () => {
    client?.close();
    await nginx?.stop();
    await portal?.close();
    rmSync(widgetsDir, { recursive: true, force: true });
  });

  it('nginx -t accepts the site with its TLS settings', () => {
    const { ok, output } = nginx.check();
    expect(output).toContain('test is successful');
    expect(ok).toBe(true);
  });

  it('plain HTTP redirects to HTTPS; HTTPS carries HSTS', async () => {
    const redirect = await new Promise<{ status: number; location: string | undefined }>(
      (resolve, reject) => {
        const url = new URL(nginx.httpUrl);
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: `${COUNTER}?x=1`,
            headers: { Host: 'portal.example.org' },
          },
          (res) => {
            res.resume();
            resolve({ status: res.statusCode ?? 0, location: res.headers.location });
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(redirect).toEqual({ status: 301, location: `https://portal.example.org${COUNTER}?x=1` });
    const res = await client.request('GET', '/health/live');
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=63072000');
  });

  it('the counter is cached for its max-age, per Origin, and answered 304 from the cache', async () => {
    const first = await client.request('GET', COUNTER);
    expect(first.status).toBe(200);
    expect(first.headers['x-cache-status']).toBe('MISS');
    const second = await client.request('GET', COUNTER);
    expect(second.headers['x-cache-status']).toBe('HIT');
    expect(second.body).toBe(first.body);
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const conditional = await client.request('GET', COUNTER, { 'If-None-Match': String(etag) });
    expect(conditional.status).toBe(304);
    expect(conditional.headers['x-cache-status']).toBe('HIT');
    // Another page's origin gets its own entry (the CORS headers differ).
    const site = await client.request('GET', COUNTER, { Origin: 'http://localhost:8788' });
    expect(site.headers['x-cache-status']).toBe('MISS');
    expect(site.headers['access-control-allow-origin']).toBe('http://localhost:8788');
    expect(
      (await client.request('GET', COUNTER, { Origin: 'http://localhost:8788' })).headers['x-cache-status'],
    ).toBe('HIT');
  });

  it('rating badges and organisation profiles are cached; widget files immutable', async () => {
    for (const path of [
      '/v1/organizations/demo-school',
      '/v1/organizations/demo-school/rating',
      '/v1/spheres',
    ]) {
      const first = await client.request('GET', path);
      expect(first.status, path).toBe(200);
      expect((await client.request('GET', path)).headers['x-cache-status'], path).toBe('HIT');
    }
    const chunk = await client.request('GET', '/widgets/counter-abc123.js');
    expect(chunk.status).toBe(200);
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await client.request('GET', '/widgets/counter-abc123.js')).headers['x-cache-status']).toBe('HIT');
  });

  it('never caches the applicant’s, the staff’s or any write', async () => {
    const appeal = `/v1/appeals/${randomUUID()}`;
    for (let i = 0; i < 2; i++) {
      const res = await client.request('GET', appeal);
      expect(res.status).toBe(404);
      expect(res.headers['x-cache-status']).toBeUndefined();
    }
    const staff = await client.request('GET', '/v1/staff/appeals');
    expect(staff.status).toBe(401);
    expect(staff.headers['x-cache-status']).toBeUndefined();
    const write = await client.request(
      'POST',
      '/v1/organizations/demo-school/challenges',
      { 'Content-Type': 'application/json' },
      '{}',
    );
    expect(write.headers['x-cache-status']).toBeUndefined();
  });

  it('replaces X-Forwarded-For: a proxied request is never local, so /metrics needs the token', async () => {
    expect((await fetch(`${portal.url}/metrics`)).status).toBe(200);
    const viaNginx = await client.request('GET', '/metrics');
    expect(viaNginx.status).toBe(401);
    expect(viaNginx.headers['x-cache-status']).toBeUndefined();
  });
});
