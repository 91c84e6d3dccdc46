import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { type Portal, startPortal } from '../server.ts';
import { testBackends } from '../testing/backends.ts';

const backends = await testBackends();

/** The value of an unlabelled sample, or of the first sample whose labels contain `labels`. */
function sample(text: string, name: string, labels = ''): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    if (labels && !(match[2] ?? '').includes(labels)) continue;
    return Number(match[3]);
  }
  return undefined;
}

describe.each(backends)('operations on $name', (backend) => {
  let portal: Portal;
  let cleanup = async () => {};
  const TOKEN = 'metrics-token-for-the-test-0123456789';
  const test = it.skipIf(backend.skipReason !== null);

  beforeAll(async () => {
    if (backend.skipReason) return;
    const fresh = await backend.fresh();
    cleanup = fresh.cleanup;
    portal = await startPortal({
      database: fresh.database,
      port: 0,
      seed: 'demo',
      metricsToken: TOKEN,
      logger: createLogger('error'),
    });
  }, 60_000);
  afterAll(async () => {
    await portal?.close();
    await cleanup();
  });

  test('liveness, readiness and the old /health answer 200 on a migrated database', async () => {
    for (const path of ['/health', '/health/live', '/health/ready']) {
      const res = await fetch(`${portal.url}${path}`);
      expect(res.status, path).toBe(200);
    }
  });

  test('readiness is 503 naming the missing migration; liveness stays 200', async () => {
    const [last] = await portal.db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version DESC LIMIT 1',
    );
    if (!last) throw new Error('no migrations recorded');
    await portal.db.query('DELETE FROM schema_migrations WHERE version = $1', [last.version]);
    try {
      const ready = await fetch(`${portal.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await ready.json()).detail).toBe(`Migrations not applied: ${last.version}`);
      expect((await fetch(`${portal.url}/health/live`)).status).toBe(200);
    } finally {
      await portal.db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        last.version,
        last.name,
      ]);
    }
    expect((await fetch(`${portal.url}/health/ready`)).status).toBe(200);
  });

  test('/metrics: a direct local connection or the token; a proxied or foreign request is refused', async () => {
    const local = await fetch(`${portal.url}/metrics`);
    expect(local.status).toBe(200);
    expect(local.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    // Behind nginx every request comes from loopback: a forwarded one is not local.
    const proxied = await fetch(`${portal.url}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(proxied.status).toBe(401);
    expect(proxied.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await fetch(`${portal.url}/metrics`, {
      headers: { 'X-Forwarded-For': '203.0.113.9', Authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${portal.url}/metrics`, {
      headers: { 'X-Forwarded-For': '203.0.113.9', Authorization: `Bearer ${TOKEN}` },
    });
    expect(right.status).toBe(200);
  });

  test('requests and latency are counted by route pattern, never by raw URL', async () => {
    const missing = randomUUID();
    for (let i = 0; i < 3; i++) await fetch(`${portal.url}/v1/organizations/demo-school/appeal-counter`);
    await fetch(`${portal.url}/v1/appeals/${missing}?secret=abc`);
    await fetch(`${portal.url}/no/such/${missing}`);
    const text = await (await fetch(`${portal.url}/metrics`)).text();
    expect(text).not.toContain(missing);
    expect(text).not.toContain('demo-school');
    expect(
      sample(
        text,
        'otklik_http_requests_total',
        'method="GET",route="/v1/organizations/:organizationId/appeal-counter",status="200"',
      ),
    ).toBe(3);
    expect(
      sample(text, 'otklik_http_requests_total', 'route="/v1/appeals/:appealId"'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'otklik_http_requests_total', 'route="(unmatched)",status="404"')).toBe(1);
    expect(
      sample(
        text,
        'otklik_http_request_duration_seconds_count',
        'method="GET",route="/v1/organizations/:organizationId/appeal-counter"',
      ),
    ).toBe(3);
    expect(text).toMatch(/^otklik_process_resident_memory_bytes \d+/m);
  });

  test('the outbox backlog and the overdue appeals come from the database at each scrape', async () => {
    const scrape = async () => (await fetch(`${portal.url}/metrics`)).text();
    const [expected] = await portal.db.query<{ overdue: number; pending: number }>(
      `SELECT (SELECT count(*)::int FROM appeals
                WHERE status IN ('registered', 'in_review', 'extended')
                  AND COALESCE(extended_until, due_at) < now()) AS overdue,
              (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL) AS pending`,
    );
    const before = await scrape();
    expect(sample(before, 'otklik_appeals_overdue')).toBe(expected?.overdue);
    expect(sample(before, 'otklik_outbox_pending')).toBe(expected?.pending);
    await portal.db.query(
      `INSERT INTO outbox (id, kind, recipient, payload, created_at)
       VALUES ($1, 'test', 'someone@example.org', '{}', now() - interval '90 seconds')`,
      [randomUUID()],
    );
    const after = await scrape();
    expect(sample(after, 'otklik_outbox_pending')).toBe((expected?.pending ?? 0) + 1);
    expect(sample(after, 'otklik_outbox_oldest_pending_seconds')).toBeGreaterThanOrEqual(89);
  });
});
