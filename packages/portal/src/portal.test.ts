import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { endpoints } from '@otklik/client/contract';
import {
  AppealCounter,
  OrganizationPage,
  PROBLEM_REASONS,
  Problem,
  ServicePage,
  WidgetSettings,
} from '@otklik/client/schemas';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import type { Database } from './db/types.ts';
import { createLogger } from './log.ts';
import { type Portal, startPortal } from './server.ts';
import { createApiKey } from './staff/api-keys.ts';
import { testBackends } from './testing/backends.ts';

const backends = await testBackends();
const SITE = 'http://localhost:8788';
const FOREIGN = 'https://evil.example';

const widgetsDir = mkdtempSync(join(tmpdir(), 'otklik-widgets-'));
mkdirSync(join(widgetsDir, 'widgets'));
writeFileSync(join(widgetsDir, 'otklik.js'), 'console.log("loader");\n');
writeFileSync(join(widgetsDir, 'widgets', 'counter-abc123.js'), 'export const x = 1;\n');
writeFileSync(join(tmpdir(), 'otklik-secret.txt'), 'secret');
afterAll(() => rmSync(widgetsDir, { recursive: true, force: true }));

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = v.parse(Problem, await res.json());
  expect(body.code).toBe(code);
  expect(body.status).toBe(status);
  return body;
}

/** Raw HTTP so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Records every statement, to prove what the server did not do. */
function spyOn(db: Database): { db: Database; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    db: {
      ...db,
      query: (sql, params) => {
        statements.push(sql);
        return db.query(sql, params);
      },
    },
  };
}

describe.each(backends)('portal on $name', (backend) => {
  let portal: Portal;
  let cleanup = async () => {};
  let url: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers });

  beforeAll(async () => {
    if (backend.skipReason) return;
    const fresh = await backend.fresh();
    cleanup = fresh.cleanup;
    portal = await startPortal({ database: fresh.database, port: 0, seed: 'demo', widgetsDir });
    url = portal.url;
  }, 60_000);
  afterAll(async () => {
    await portal?.close();
    await cleanup();
  });

  const test = it.skipIf(backend.skipReason !== null);

  test('health pings the database', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  test('seeding again changes nothing (idempotent)', async () => {
    const count = async () =>
      (await portal.db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeals'))[0]?.n ?? -1;
    const before = await count();
    const { seedDemo } = await import('./seed/demo.ts');
    await seedDemo(portal.db);
    expect(await count()).toBe(before);
    expect(before).toBeGreaterThan(0);
  });

  describe('organisation search', () => {
    test('filters by parent, sphere, category, country and words', async () => {
      const page = async (query: string) =>
        v.parse(OrganizationPage, await (await get(`/v1/organizations?${query}`)).json());
      const subordinates = await page('parent=demo-edu-dept');
      expect(subordinates.total).toBeGreaterThanOrEqual(3);
      expect(subordinates.items.every((o) => o.parentId === 'demo-edu-dept')).toBe(true);
      const dept = v.parse(OrganizationPage, await (await get('/v1/organizations?q=управление')).json());
      expect(dept.items.map((o) => o.id)).toEqual(['demo-edu-dept']);
      expect(dept.items[0]?.subordinateCount).toBe(subordinates.total);
      expect((await page('country=BY')).items.map((o) => o.id)).toEqual(['demo-by', 'demo-by-state']);
      const schools = await page('sphere=education&category=school');
      expect(schools.items.every((o) => o.category === 'school' && o.sphere === 'education')).toBe(true);
      expect((await page(`q=${encodeURIComponent('ЛИЦЕЙ № 3')}`)).items.map((o) => o.id)).toEqual([
        'demo-lyceum-3',
      ]);
      expect((await page('q=%25')).total).toBe(0); // a literal %, not a wildcard
      expect((await page('q=nothing-like-this')).total).toBe(0);
    });

    test('paginates with limit/offset and a stable total', async () => {
      const all = v.parse(OrganizationPage, await (await get('/v1/organizations?limit=100')).json());
      const first = v.parse(OrganizationPage, await (await get('/v1/organizations?limit=2')).json());
      const second = v.parse(
        OrganizationPage,
        await (await get('/v1/organizations?limit=2&offset=2')).json(),
      );
      expect(first.total).toBe(all.total);
      expect(first).toMatchObject({ limit: 2, offset: 0 });
      expect([...first.items, ...second.items].map((o) => o.id)).toEqual(
        all.items.slice(0, 4).map((o) => o.id),
      );
      const beyond = v.parse(OrganizationPage, await (await get('/v1/organizations?offset=1000')).json());
      expect(beyond).toMatchObject({ items: [], total: all.total });
    });

    test('wrong query types give 422 with issue paths', async () => {
      const body = await expectProblem(
        await get('/v1/organizations?limit=abc&country=XX'),
        422,
        'validation-failed',
      );
      expect(body.issues?.map((i) => i.path)).toEqual(
        expect.arrayContaining(['query.limit', 'query.country']),
      );
      const bounds = await expectProblem(await get('/v1/organizations?limit=101'), 422, 'validation-failed');
      expect(bounds.issues?.[0]?.path).toBe('query.limit');
    });
  });

  test('profile, services and widget settings match the contract schemas', async () => {
    const org = await (await get('/v1/organizations/demo-by')).json();
    expect(org).toMatchObject({
      id: 'demo-by',
      country: 'BY',
      jurisdiction: 'by-300z',
      timeZone: 'Europe/Minsk',
    });
    const services = v.parse(
      ServicePage,
      await (await get('/v1/organizations/demo-school/services?limit=1')).json(),
    );
    expect(services.items).toHaveLength(1);
    expect(services.total).toBeGreaterThan(1);
    const settings = v.parse(
      WidgetSettings,
      await (await get('/v1/organizations/demo-school/widget-settings')).json(),
    );
    expect(settings.allowedOrigins).toEqual(['http://127.0.0.1:8788', 'http://localhost:8788']);
    expect(settings.jurisdiction).toBe('ru-59fz');
    await expectProblem(await get('/v1/organizations/no-such-org'), 404, 'organization-not-found');
    const bad = await expectProblem(await get('/v1/organizations/Not_A_Slug'), 422, 'validation-failed');
    expect(bad.issues?.[0]?.path).toBe('params.organizationId');
  });

  describe('appeal counter', () => {
    const ORG = 'counter-vl';
    beforeAll(async () => {
      if (backend.skipReason) return;
      // Vladivostok is UTC+10: local midnight of 1 March 2025 is 2025-02-28T14:00Z.
      await portal.db.query(
        `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, time_zone)
         VALUES ($1, 'Counter test', 'RU', 'ru-59fz', 'education', 'school', 'Asia/Vladivostok'),
                ('counter-other', 'Other', 'RU', 'ru-59fz', 'education', 'school', 'Asia/Vladivostok')`,
        [ORG],
      );
      const rows: [string, string, string, string | null, string, string, Record<string, string>?][] = [
        // [org, type, status, result, registered_at, due_at, other instants]
        [ORG, 'proposal', 'registered', null, '2025-02-28T14:30:00Z', '2025-03-31T00:00:00Z'], // a1: 1 Mar local, overdue
        [
          ORG,
          'application',
          'answered',
          'supported',
          '2025-02-28T13:30:00Z',
          '2099-01-01T00:00:00Z',
          { answered_at: '2025-03-05T00:00:00Z' },
        ], // a2: 28 Feb local
        [
          ORG,
          'proposal',
          'answered',
          'explained',
          '2024-12-31T13:59:00Z',
          '2099-01-01T00:00:00Z',
          { answered_at: '2025-03-10T00:00:00Z' },
        ], // a3: 2024 local
        [
          ORG,
          'complaint',
          'extended',
          null,
          '2025-12-31T13:59:00Z',
          '2025-01-01T00:00:00Z',
          { extended_until: '2099-01-01T00:00:00Z' },
        ], // a4: 31 Dec 2025 local; extended, so not overdue
        [ORG, 'complaint', 'registered', null, '2025-12-31T14:00:00Z', '2026-01-01T00:00:00Z'], // a5: 1 Jan 2026 local
        [
          ORG,
          'complaint',
          'forwarded',
          null,
          '2025-03-31T13:59:00Z',
          '2099-01-01T00:00:00Z',
          { forwarded_at: '2025-03-31T14:00:00Z' },
        ], // a6: 31 Mar local, forwarded 1 Apr local
        [
          ORG,
          'proposal',
          'left_without_answer',
          null,
          '2025-03-02T00:00:00Z',
          '2099-01-01T00:00:00Z',
          { closed_at: '2025-03-03T00:00:00Z', left_without_answer_reason: 'obscene' },
        ], // a7
        [
          ORG,
          'application',
          'withdrawn',
          null,
          '2025-03-03T00:00:00Z',
          '2099-01-01T00:00:00Z',
          { closed_at: '2025-03-04T00:00:00Z' },
        ], // a8
        [ORG, 'complaint', 'in_review', null, '2025-03-04T00:00:00Z', '2099-01-01T00:00:00Z'], // a9: open, not due
        ['counter-other', 'proposal', 'registered', null, '2025-03-05T00:00:00Z', '2025-03-06T00:00:00Z'], // another org
      ];
      let n = 0;
      for (const [org, type, status, result, registered, due, extra = {}] of rows) {
        n++;
        await portal.db.query(
          `INSERT INTO appeals (id, organization_id, registration_number, type, status, result, received_at,
             registered_at, due_at, forwarded_at, answered_at, closed_at, extended_until, left_without_answer_reason)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12)`,
          [
            org,
            `T-${n}`,
            type,
            status,
            result,
            registered,
            due,
            extra.forwarded_at ?? null,
            extra.answered_at ?? null,
            extra.closed_at ?? null,
            extra.extended_until ?? null,
            extra.left_without_answer_reason ?? null,
          ],
        );
      }
    });

    const counter = async (on: string) =>
      v.parse(AppealCounter, await (await get(`/v1/organizations/${ORG}/appeal-counter?on=${on}`)).json());

    test('exact figures for the month and year, in the organisation’s time zone', async () => {
      const march = await counter('2025-03-15');
      expect(march).toMatchObject({ organizationId: ORG, asOf: '2025-03-15', timeZone: 'Asia/Vladivostok' });
      expect(march.month).toEqual({
        from: '2025-03-01',
        to: '2025-03-31',
        received: 5, // a1 a6 a7 a8 a9
        byType: { proposal: 2, application: 1, complaint: 2 },
        inProgress: 2, // a1 a9
        considered: { total: 2, supported: 1, supportedMeasuresTaken: 0, notSupported: 0, explained: 1 }, // a2 a3
        forwarded: 0, // a6 was forwarded on 1 April local time
        leftWithoutAnswer: 1, // a7
        overdue: 1, // a1
      });
      expect(march.year).toEqual({
        from: '2025-01-01',
        to: '2025-12-31',
        received: 7, // a1 a2 a4 a6 a7 a8 a9
        byType: { proposal: 2, application: 2, complaint: 3 },
        inProgress: 3, // a1 a4 a9
        considered: { total: 2, supported: 1, supportedMeasuresTaken: 0, notSupported: 0, explained: 1 },
        forwarded: 1,
        leftWithoutAnswer: 1,
        overdue: 1,
      });
      const february = await counter('2025-02-28');
      expect(february.month).toMatchObject({
        from: '2025-02-01',
        to: '2025-02-28',
        received: 1,
        inProgress: 0,
      });
      expect(february.month.byType).toEqual({ proposal: 0, application: 1, complaint: 0 });
      const april = await counter('2025-04-01');
      expect(april.month).toMatchObject({ received: 0, forwarded: 1 });
      const nextYear = await counter('2026-01-01');
      expect(nextYear.year).toMatchObject({ received: 1, overdue: 1, inProgress: 1 }); // a5
    });

    test('defaults to today and refuses future or impossible dates', async () => {
      const today = v.parse(
        AppealCounter,
        await (await get(`/v1/organizations/${ORG}/appeal-counter`)).json(),
      );
      expect(today.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const future = await expectProblem(
        await get(`/v1/organizations/${ORG}/appeal-counter?on=2999-01-01`),
        422,
        'validation-failed',
      );
      expect(future.issues?.[0]?.path).toBe('query.on');
      await expectProblem(
        await get(`/v1/organizations/${ORG}/appeal-counter?on=2025-02-30`),
        422,
        'validation-failed',
      );
      await expectProblem(
        await get(`/v1/organizations/${ORG}/appeal-counter?on=yesterday`),
        422,
        'validation-failed',
      );
    });

    test('demo organisations show non-zero figures in every category this year', async () => {
      const demo = v.parse(
        AppealCounter,
        await (await get('/v1/organizations/demo-school/appeal-counter')).json(),
      );
      expect(demo.month.received).toBeGreaterThan(0);
      const y = demo.year;
      for (const n of [
        y.received,
        y.inProgress,
        y.forwarded,
        y.leftWithoutAnswer,
        y.overdue,
        ...Object.values(y.byType),
        ...Object.values(y.considered),
      ]) {
        expect(n).toBeGreaterThan(0);
      }
    });

    test('ETag, Cache-Control and 304 to a matching If-None-Match', async () => {
      const path = `/v1/organizations/${ORG}/appeal-counter?on=2025-03-15`;
      const first = await get(path);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
      const again = await get(path, { 'If-None-Match': etag ?? '' });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
      expect((await get(path, { 'If-None-Match': `W/${etag}, "other"` })).status).toBe(304);
      expect((await get(path, { 'If-None-Match': '"stale"' })).status).toBe(200);
      const org = await get('/v1/organizations/demo-school');
      expect(
        (await get('/v1/organizations/demo-school', { 'If-None-Match': org.headers.get('etag') ?? '' }))
          .status,
      ).toBe(304);
    });
  });

  describe('CORS', () => {
    test('a foreign origin is refused with 403 before any counter query', async () => {
      const spy = spyOn(portal.db);
      const app = createApp({ db: spy.db, widgetsDir });
      const res = await app.request('/v1/organizations/demo-school/appeal-counter', {
        headers: { Origin: FOREIGN },
      });
      await expectProblem(res, 403, 'origin-not-allowed');
      // The refusal itself is readable by the refused page, so its widget can say why (no data in it).
      expect(res.headers.get('access-control-allow-origin')).toBe(FOREIGN);
      expect(spy.statements.some((sql) => /appeals/.test(sql))).toBe(false);
      // The same request from an allowed origin does run it.
      const ok = await app.request('/v1/organizations/demo-school/appeal-counter', {
        headers: { Origin: SITE },
      });
      expect(ok.status).toBe(200);
      expect(spy.statements.some((sql) => /appeals/.test(sql))).toBe(true);
    });

    test('an allowed origin gets Access-Control-Allow-Origin and Vary', async () => {
      const res = await get('/v1/organizations/demo-school/appeal-counter', { Origin: SITE });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
      expect(res.headers.get('vary')).toMatch(/Origin/);
      expect(res.headers.get('access-control-expose-headers')).toMatch(/ETag/);
      const noOrigin = await get('/v1/organizations/demo-school');
      expect(noOrigin.status).toBe(200);
      expect(noOrigin.headers.get('access-control-allow-origin')).toBeNull();
    });

    test('unknown organisation gives 404, whatever the origin', async () => {
      await expectProblem(
        await get('/v1/organizations/ghost/appeal-counter', { Origin: FOREIGN }),
        404,
        'organization-not-found',
      );
    });

    test('directory endpoints accept an origin any organisation allows, or the portal’s own', async () => {
      expect((await get('/v1/organizations', { Origin: 'http://127.0.0.1:8788' })).status).toBe(200);
      await expectProblem(await get('/v1/organizations', { Origin: FOREIGN }), 403, 'origin-not-allowed');
      const own = createApp({ db: portal.db, publicUrl: 'https://portal.example/', widgetsDir });
      expect(
        (await own.request('/v1/organizations', { headers: { Origin: 'https://portal.example' } })).status,
      ).toBe(200);
    });

    test('with PUBLIC_URL set, the Host header does not make an origin the portal’s own (DNS rebinding)', async () => {
      const own = createApp({ db: portal.db, publicUrl: 'https://portal.example/', widgetsDir });
      const rebound = { Host: 'evil.example', Origin: 'http://evil.example' };
      const challenge = await own.request('http://evil.example/v1/organizations/demo-school/challenges', {
        method: 'POST',
        headers: { ...rebound, 'Content-Type': 'application/json' },
        body: '{}',
      });
      await expectProblem(challenge, 403, 'origin-not-allowed');
      await expectProblem(
        await own.request('http://evil.example/v1/organizations', { headers: rebound }),
        403,
        'origin-not-allowed',
      );
      await expectProblem(
        await own.request('http://evil.example/v1/staff/appeals', { headers: rebound }),
        403,
        'origin-not-allowed',
      );
      // The configured origin still writes.
      const ok = await own.request('https://portal.example/v1/organizations/demo-school/challenges', {
        method: 'POST',
        headers: { Origin: 'https://portal.example', 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(ok.status).toBe(201);
    });

    test('a PUBLIC_URL on loopback is the portal’s own under each loopback name, and no other port', async () => {
      const own = createApp({ db: portal.db, publicUrl: 'http://localhost:8787', widgetsDir });
      const challenge = (origin: string) =>
        own.request('http://127.0.0.1:8787/v1/organizations/demo-school/challenges', {
          method: 'POST',
          headers: { Origin: origin, 'Content-Type': 'application/json' },
          body: '{}',
        });
      expect((await challenge('http://127.0.0.1:8787')).status).toBe(201);
      expect((await challenge('http://[::1]:8787')).status).toBe(201);
      await expectProblem(await challenge('http://127.0.0.1:8799'), 403, 'origin-not-allowed');
      await expectProblem(await challenge('https://localhost:8787'), 403, 'origin-not-allowed');
    });

    test('preflight answers like the request would', async () => {
      const preflight = (origin: string) =>
        fetch(`${url}/v1/organizations/demo-school/appeal-counter`, {
          method: 'OPTIONS',
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': 'GET',
            'Access-Control-Request-Headers': 'if-none-match',
          },
        });
      const ok = await preflight(SITE);
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(SITE);
      expect(ok.headers.get('access-control-allow-methods')).toContain('GET');
      const allowHeaders = ok.headers.get('access-control-allow-headers') ?? '';
      for (const h of ['Idempotency-Key', 'If-None-Match', 'Content-Type']) expect(allowHeaders).toContain(h);
      expect(Number(ok.headers.get('access-control-max-age'))).toBeGreaterThan(0);
      await expectProblem(await preflight(FOREIGN), 403, 'origin-not-allowed');
    });
  });

  describe('errors', () => {
    test('unknown route 404, known path with wrong method 405 with Allow', async () => {
      await expectProblem(await get('/v1/nothing-here'), 404, 'not-found');
      const res = await fetch(`${url}/v1/organizations`, { method: 'DELETE' });
      await expectProblem(res, 405, 'method-not-allowed');
      expect(res.headers.get('allow')).toContain('GET');
      const staff = await fetch(`${url}/v1/staff/organizations/demo-school/settings`, { method: 'PUT' });
      await expectProblem(staff, 405, 'method-not-allowed');
      expect(staff.headers.get('allow')).toContain('PATCH');
    });

    test('an unexpected error is 500 internal-error without a stack trace; health 503 without a database', async () => {
      const broken: Database = {
        ...portal.db,
        query: () => Promise.reject(new Error('connection lost at /secret/path.ts:12')),
      };
      const lines: string[] = [];
      const app = createApp({ db: broken, widgetsDir, logger: createLogger('error', (l) => lines.push(l)) });
      const res = await app.request('/v1/organizations');
      const body = await expectProblem(res, 500, 'internal-error');
      expect(JSON.stringify(body)).not.toMatch(/secret|at |\.ts/);
      expect(lines.some((l) => l.includes('connection lost'))).toBe(true);
      await expectProblem(await app.request('/health'), 503, 'service-unavailable');
    });
  });

  describe('staff settings endpoint', () => {
    let key: string;
    let otherKey: string;
    const path = '/v1/staff/organizations/demo-by/settings';
    const patch = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, {
        method: 'PATCH',
        body,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}`, ...headers },
      });
    beforeAll(async () => {
      if (backend.skipReason) return;
      key = await createApiKey(portal.db, 'demo-by');
      otherKey = await createApiKey(portal.db, 'demo-school');
    });

    test('stores only the key hash', async () => {
      const rows = await portal.db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
      expect(rows.some((r) => r.key_hash === key)).toBe(false);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key_hash))).toBe(true);
    });

    test('missing or wrong key 401, another organisation’s key 403', async () => {
      const none = await fetch(`${url}${path}`, {
        method: 'PATCH',
        body: '{}',
        headers: { 'Content-Type': 'application/json' },
      });
      await expectProblem(none, 401, 'unauthorized');
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      await expectProblem(
        await patch('{}', { Authorization: `Bearer otk_${'x'.repeat(43)}` }),
        401,
        'unauthorized',
      );
      await expectProblem(await patch('{}', { Authorization: 'Bearer nope' }), 401, 'unauthorized');
      await expectProblem(await patch('{}', { Authorization: `Bearer ${otherKey}` }), 403, 'forbidden');
    });

    test('malformed JSON 400, wrong content type 415, oversize 413, wrong types 422', async () => {
      await expectProblem(await patch('{"allowedOrigins": ['), 400, 'malformed-json');
      await expectProblem(await patch('{}', { 'Content-Type': 'text/plain' }), 415, 'unsupported-media-type');
      const huge = JSON.stringify({ allowedOrigins: ['x'.repeat(70 * 1024)] });
      await expectProblem(await patch(huge), 413, 'payload-too-large');
      const wrong = await expectProblem(
        await patch(
          JSON.stringify({
            allowedOrigins: ['https://ok.example', 'https://bad.example/path'],
            languages: ['de'],
          }),
        ),
        422,
        'validation-failed',
      );
      expect(wrong.issues?.map((i) => i.path)).toEqual(
        expect.arrayContaining(['body.allowedOrigins.1', 'body.languages.0']),
      );
    });

    test('updates origins and languages; the new origin is allowed at once', async () => {
      const NEW = 'https://tcson.example.by';
      await expectProblem(
        await get('/v1/organizations/demo-by/widget-settings', { Origin: NEW }),
        403,
        'origin-not-allowed',
      );
      const res = await patch(JSON.stringify({ allowedOrigins: [NEW, SITE], languages: ['ru', 'be'] }));
      expect(res.status).toBe(200);
      const settings = v.parse(WidgetSettings, await res.json());
      expect(settings).toMatchObject({ allowedOrigins: [SITE, NEW].sort(), languages: ['ru', 'be'] });
      const after = await get('/v1/organizations/demo-by/widget-settings', { Origin: NEW });
      expect(after.status).toBe(200);
      expect(after.headers.get('access-control-allow-origin')).toBe(NEW);
    });
  });

  describe('OpenAPI and docs', () => {
    test('the document is OpenAPI 3.1 with every contract path and the staff endpoint', async () => {
      const doc = (await (await get('/v1/openapi.json')).json()) as {
        openapi: string;
        paths: Record<
          string,
          Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>
        >;
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      expect(doc.openapi).toBe('3.1.0');
      for (const e of Object.values(endpoints)) {
        const op = doc.paths[e.path]?.[e.method.toLowerCase()];
        expect(op, `${e.method} ${e.path}`).toBeDefined();
        expect(
          op?.responses[String(('successStatus' in e ? e.successStatus : undefined) ?? 200)],
        ).toBeDefined();
        for (const name of e.path.match(/\{(\w+)\}/g) ?? []) {
          expect(op?.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name)).toBe(true);
        }
      }
      expect(doc.paths['/v1/organizations']?.get?.parameters?.map((p) => p.name)).toEqual(
        expect.arrayContaining(['q', 'limit', 'offset', 'parent']),
      );
      expect(doc.paths['/v1/staff/organizations/{organizationId}/settings']?.patch).toBeDefined();
      expect(doc.paths['/v1/staff/appeals']?.get).toBeDefined();
      expect(doc.paths['/v1/staff/appeals/{appealId}/status']?.post).toBeDefined();
      // A subordinate in the rating analytics, and a comment's organisation, have the full name and
      // the short name or null.
      type Schema = { properties?: Record<string, Schema>; items?: Schema; required?: string[] };
      const response = (path: string) =>
        (
          doc.paths[path]?.get?.responses['200'] as
            | { content: { 'application/json': { schema: Schema } } }
            | undefined
        )?.content['application/json'].schema;
      const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] };
      const subordinate = response('/v1/organizations/{organizationId}/rating/analytics')?.properties
        ?.subordinates?.items;
      expect(subordinate?.required).toEqual(expect.arrayContaining(['name', 'shortName']));
      expect(subordinate?.properties?.shortName).toEqual(nullableString);
      const comment = response('/v1/staff/organizations/{organizationId}/rating-comments')?.properties?.items
        ?.items;
      expect(comment?.required).toEqual(
        expect.arrayContaining(['organizationName', 'organizationShortName']),
      );
      expect(comment?.properties?.organizationShortName).toEqual(nullableString);
      expect(Object.keys(doc.components.schemas.Problem?.properties ?? {})).toEqual(
        expect.arrayContaining(['type', 'title', 'status', 'code', 'reason', 'issues']),
      );
      // Every reason of the contract is listed, on the problem and on its issues, with the kinds.
      const problem = doc.components.schemas.Problem as {
        properties: {
          reason: { enum: string[] };
          issues: { items: { properties: Record<string, { enum?: string[] }> } };
        };
      };
      expect(problem.properties.reason.enum).toEqual(Object.keys(PROBLEM_REASONS));
      const issue = problem.properties.issues.items.properties;
      expect(issue.reason?.enum).toEqual(Object.keys(PROBLEM_REASONS));
      expect(issue.kind?.enum).toContain('too-long');
    });

    test('the HTML reference has a strict CSP and no script', async () => {
      const res = await get('/v1/docs');
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      const html = await res.text();
      expect(html).not.toMatch(/<script/i);
      for (const e of Object.values(endpoints)) expect(html).toContain(e.path);
    });
  });

  describe('widget bundles', () => {
    test('loader and hashed chunks with their cache headers', async () => {
      const loader = await get('/otklik.js');
      expect(loader.status).toBe(200);
      expect(loader.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
      expect(loader.headers.get('x-content-type-options')).toBe('nosniff');
      expect(loader.headers.get('access-control-allow-origin')).toBe('*');
      const chunk = await get('/widgets/counter-abc123.js');
      expect(chunk.status).toBe(200);
      expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await chunk.text()).toContain('export const x');
      await expectProblem(await get('/widgets/missing.js'), 404, 'not-found');
    });

    test('sends the precompressed variant the browser accepts, never a stale one', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'otklik-widgets-'));
      try {
        mkdirSync(join(dir, 'widgets'));
        const source = 'export const answer = 42;\n'.repeat(20);
        const chunk = join(dir, 'widgets', 'chunk-abc.js');
        writeFileSync(chunk, source);
        writeFileSync(`${chunk}.gz`, gzipSync(source));
        writeFileSync(`${chunk}.br`, brotliCompressSync(source));
        writeFileSync(join(dir, 'otklik.js'), 'new loader');
        writeFileSync(join(dir, 'otklik.js.gz'), gzipSync('old loader'));
        // The loader was rebuilt after its .gz was written: the .gz must not be sent.
        utimesSync(join(dir, 'otklik.js.gz'), new Date(2020, 0, 1), new Date(2020, 0, 1));
        const app = createApp({ db: portal.db, widgetsDir: dir });
        const fetchWith = (path: string, acceptEncoding?: string) =>
          app.request(path, acceptEncoding ? { headers: { 'Accept-Encoding': acceptEncoding } } : {});

        const br = await fetchWith('/widgets/chunk-abc.js', 'gzip, deflate, br');
        expect(br.headers.get('content-encoding')).toBe('br');
        expect(br.headers.get('vary')).toBe('Accept-Encoding');
        expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(source);

        const gzip = await fetchWith('/widgets/chunk-abc.js', 'gzip');
        expect(gzip.headers.get('content-encoding')).toBe('gzip');
        expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(source);

        const identity = await fetchWith('/widgets/chunk-abc.js');
        expect(identity.headers.get('content-encoding')).toBeNull();
        expect(await identity.text()).toBe(source);

        const loader = await fetchWith('/otklik.js', 'gzip');
        expect(loader.headers.get('content-encoding')).toBeNull();
        expect(await loader.text()).toBe('new loader');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('refuses directory traversal', async () => {
      for (const path of [
        '/widgets/../otklik-secret.txt',
        '/widgets/..%2f..%2fotklik-secret.txt',
        '/widgets/%2e%2e/%2e%2e/otklik-secret.txt',
        '/widgets/.%2e/package.json',
      ]) {
        const res = await rawGet(url, path);
        expect(res.body).not.toContain('secret"');
        expect(res.body).not.toBe('secret');
        expect([400, 404]).toContain(res.status);
      }
    });

    test('a missing widgets directory gives 404 problem', async () => {
      const app = createApp({ db: portal.db, widgetsDir: join(widgetsDir, 'nope') });
      await expectProblem(await app.request('/otklik.js'), 404, 'not-found');
    });
  });

  test('logs one JSON line per request with the route pattern, no query string or id values', async () => {
    const lines: string[] = [];
    const app = createApp({ db: portal.db, widgetsDir, logger: createLogger('info', (l) => lines.push(l)) });
    await app.request('/v1/organizations/demo-school/services?limit=5', {
      headers: { 'X-Request-Id': 'req-1' },
    });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/v1/organizations/:organizationId/services',
      status: 200,
      requestId: 'req-1',
    });
    expect(typeof line.ms).toBe('number');
    expect(lines[0]).not.toContain('limit=5');
  });

  test('problems carry the request id (header and instance); cacheable successes carry none', async () => {
    const app = createApp({ db: portal.db, widgetsDir });
    const problem = await app.request('/v1/organizations/no-such-org', {
      headers: { 'X-Request-Id': 'req-2' },
    });
    expect(problem.headers.get('x-request-id')).toBe('req-2');
    expect(await problem.json()).toMatchObject({ instance: 'urn:otklik:request:req-2' });
    const generated = await app.request('/v1/nowhere');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const ok = await app.request('/v1/organizations/demo-school', { headers: { 'X-Request-Id': 'req-3' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toBeNull();
  });
});
