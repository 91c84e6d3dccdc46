import type { EndpointDefinition } from '@otklik/client/contract';
import type { Problem } from '@otklik/client/schemas';
import { Hono } from 'hono';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { OrganizationAccess } from './cors.ts';
import { type Gates, Router, registerEndpoint } from './endpoint.ts';
import { ProblemError, problemResponse } from './problem.ts';
import { Download, represent } from './respond.ts';

/**
 * registerEndpoint on its own: a Hono app with gates that record what they were asked, and
 * endpoints declared here the way the contract declares them. (Every real endpoint is exercised
 * through the portal's own tests.)
 */
const SITE = 'https://school.example';
const Org = v.object({ organizationId: v.pipe(v.string(), v.regex(/^[a-z-]+$/)) });
const Item = v.object({ id: v.string(), n: v.number() });

const read = {
  method: 'GET',
  path: '/v1/test/{organizationId}/items',
  summary: 'Items',
  tags: ['test'],
  params: Org,
  query: v.object({ limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '10') }),
  response: v.object({ limit: v.number() }),
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;

const write = {
  method: 'POST',
  path: '/v1/test/{organizationId}/items',
  summary: 'Add an item',
  tags: ['test'],
  params: Org,
  body: Item,
  response: Item,
  successStatus: 201,
  access: 'organization',
  idempotent: true,
  cacheable: false,
} as const satisfies EndpointDefinition;

const staffWrite = {
  method: 'PATCH',
  path: '/v1/test-staff/{organizationId}',
  summary: 'Change',
  tags: ['test'],
  params: Org,
  body: Item,
  response: Item,
  access: 'staff',
  permission: 'settings.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

const removal = {
  method: 'DELETE',
  path: '/v1/test/{organizationId}/items/{itemId}',
  summary: 'Remove',
  tags: ['test'],
  params: v.object({ ...Org.entries, itemId: v.string() }),
  successStatus: 204,
  access: 'organization',
  auth: 'upload-token',
  cacheable: false,
} as const satisfies EndpointDefinition;

const file = {
  method: 'GET',
  path: '/v1/test/{organizationId}/file',
  summary: 'A file',
  tags: ['test'],
  params: Org,
  download: 'text/csv',
  access: 'organization',
  cacheable: false,
} as const satisfies EndpointDefinition;

interface Actor {
  organizationId: string;
}

function setup() {
  const asked: string[] = [];
  const org: OrganizationAccess = {
    id: 'school',
    name: 'School',
    languages: ['ru'],
    timeZone: 'Europe/Moscow',
    origins: new Set([SITE]),
  };
  const gates: Gates<never, Actor> = {
    origins: {
      publicOrigin: 'https://portal.example',
      access: {
        organization: async (id) => (asked.push(`origins:${id}`), id === org.id ? org : null),
        appealOrganization: async () => null,
        anyOrganizationAllows: async (origin) => origin === SITE,
      },
    },
    appealSecret: async () => {
      throw new Error('no appeal endpoints here');
    },
    staff: {
      async authenticate(c) {
        asked.push('authenticate');
        const key = c.req.header('Authorization');
        if (key !== 'Bearer school-key' && key !== 'Bearer other-key')
          throw new ProblemError(401, 'unauthorized');
        return { organizationId: key === 'Bearer school-key' ? 'school' : 'other' };
      },
      async authorize(actor, permission, { organizationId }) {
        asked.push(`authorize:${permission}:${organizationId}`);
        if (actor.organizationId !== organizationId) throw new ProblemError(403, 'forbidden');
        return actor;
      },
    },
    // Nothing stored here: every request is a first one.
    idempotency: (scope, key, requestHash, status) => ({
      scope,
      key,
      requestHash,
      status,
      replay: async () => null,
      once: () => Promise.reject(new Error('no database here')),
    }),
  };
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    throw error;
  });
  const router = new Router(app, gates);
  app.notFound((c) => {
    const allowed = router.routes.allowed(c.req.path);
    return problemResponse(
      c,
      allowed.length > 0
        ? new ProblemError(405, 'method-not-allowed', undefined, undefined, { Allow: allowed.join(', ') })
        : new ProblemError(404, 'not-found'),
    );
  });
  return { app, router, asked };
}

const problemOf = async (res: Response) => (await res.json()) as Problem;

describe('registerEndpoint', () => {
  it('parses params and query with the schemas, defaults applied, and answers with the definition', async () => {
    const { app, router } = setup();
    registerEndpoint(router, read, async ({ query, org }) => ({ limit: query.limit + org.name.length }));
    const res = await app.request('/v1/test/school/items');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ limit: 16 });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=60/);

    const etag = res.headers.get('etag') ?? '';
    const again = await app.request('/v1/test/school/items', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);

    const bad = await app.request('/v1/test/School!/items?limit=many');
    expect(bad.status).toBe(422);
    expect((await problemOf(bad)).issues?.map((issue) => issue.path)).toEqual(['params.organizationId']);
    const badQuery = await app.request('/v1/test/school/items?limit=many');
    expect((await problemOf(badQuery)).issues?.map((issue) => issue.path)).toEqual(['query.limit']);
  });

  it('refuses a foreign origin before the key, the guard or the body is looked at', async () => {
    const { app, router, asked } = setup();
    const guarded: string[] = [];
    registerEndpoint(router, write, async ({ body }) => body, {
      guard: async (_c, organizationId) => {
        guarded.push(organizationId);
      },
    });
    const foreign = await app.request('/v1/test/school/items', {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      body: '{ not json',
    });
    expect(foreign.status).toBe(403);
    expect((await problemOf(foreign)).code).toBe('origin-not-allowed');
    // The refusal is readable by the page, so its widget can say why.
    expect(foreign.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(guarded).toEqual([]);
    expect(asked).toEqual(['origins:school']);

    const unknown = await app.request('/v1/test/nobody/items', { method: 'POST' });
    expect((await problemOf(unknown)).code).toBe('organization-not-found');
  });

  it('checks the key first, then runs the guard, then the body: 415, 400, 422 with body paths, 413', async () => {
    const { app, router } = setup();
    const seen: { hash: string; status: number }[] = [];
    const guarded: string[] = [];
    registerEndpoint(
      router,
      write,
      async ({ body, idempotency }) => {
        seen.push({ hash: idempotency.requestHash, status: idempotency.status });
        return body;
      },
      { guard: async (_c, organizationId) => void guarded.push(organizationId) },
    );
    const post = (body: string, headers: Record<string, string> = {}) =>
      app.request('/v1/test/school/items', {
        method: 'POST',
        headers: {
          Origin: SITE,
          'Content-Type': 'application/json',
          'Idempotency-Key': 'key-00000001',
          ...headers,
        },
        body,
      });
    expect((await problemOf(await post('{}', { 'Idempotency-Key': '' }))).code).toBe('bad-request');
    expect(guarded).toEqual([]);
    expect((await post('{}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await problemOf(await post('{ nope'))).code).toBe('malformed-json');
    const invalid = await problemOf(await post('{"id": 1}'));
    expect(invalid.issues?.map((issue) => issue.path)).toEqual(['body.id', 'body.n']);
    expect(guarded).toEqual(['school', 'school', 'school']);
    // An oversized body is cut off by the limit ahead of every gate.
    expect((await post(JSON.stringify({ id: 'x'.repeat(70 * 1024), n: 1 }))).status).toBe(413);
    expect(guarded).toHaveLength(3);
    expect(seen).toEqual([]);

    const ok = await post('{"id":"a","n":1}');
    expect(ok.status).toBe(201);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(seen).toEqual([{ hash: expect.stringMatching(/^[0-9a-f]{64}$/), status: 201 }]);
  });

  it('gives every public path one preflight listing all its methods, and 405 for the others', async () => {
    const { app, router } = setup();
    registerEndpoint(router, read, async () => ({ limit: 1 }));
    registerEndpoint(router, write, async ({ body }) => body);
    const preflight = await app.request('/v1/test/school/items', {
      method: 'OPTIONS',
      headers: { Origin: SITE, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    const put = await app.request('/v1/test/school/items', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
  });

  it('authenticates staff before reading anything, authorises for the path, and never from another origin', async () => {
    const { app, router, asked } = setup();
    registerEndpoint(router, staffWrite, async ({ actor, body }) => ({ ...body, id: actor.organizationId }));
    const patch = (path: string, headers: Record<string, string>) =>
      app.request(path, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: '{"id":"x","n":2}',
      });
    expect((await patch('/v1/test-staff/Bad!', {})).status).toBe(401);
    expect((await patch('/v1/test-staff/Bad!', { Authorization: 'Bearer school-key' })).status).toBe(422);
    expect((await patch('/v1/test-staff/school', { Authorization: 'Bearer other-key' })).status).toBe(403);
    const ok = await patch('/v1/test-staff/school', { Authorization: 'Bearer school-key' });
    expect(await ok.json()).toEqual({ id: 'school', n: 2 });
    expect(asked).toEqual([
      'authenticate',
      'authenticate',
      'authenticate',
      'authorize:settings.manage:school',
      'authenticate',
      'authorize:settings.manage:school',
    ]);
    const foreign = await patch('/v1/test-staff/school', {
      Authorization: 'Bearer school-key',
      Origin: SITE,
    });
    expect((await problemOf(foreign)).code).toBe('origin-not-allowed');
    expect(asked).toHaveLength(6);
    const own = await patch('/v1/test-staff/school', {
      Authorization: 'Bearer school-key',
      Origin: 'https://portal.example',
    });
    expect(own.status).toBe(200);
    // No preflight: staff endpoints are not for other origins.
    expect((await app.request('/v1/test-staff/school', { method: 'OPTIONS' })).status).toBe(405);
  });

  it('sends a stored JSON reply with its own status, a download, and nothing for a 204', async () => {
    const { app, router } = setup();
    const readToken: string[] = [];
    registerEndpoint(router, read, async () => represent({ limit: 3 }));
    registerEndpoint(router, removal, async ({ uploadToken }) => {
      readToken.push(uploadToken);
      return undefined;
    });
    registerEndpoint(
      router,
      file,
      async () => new Download(new TextEncoder().encode('a,b\r\n'), { 'Content-Type': 'text/csv' }),
    );
    expect(await (await app.request('/v1/test/school/items')).json()).toEqual({ limit: 3 });
    const gone = await app.request('/v1/test/school/items/one', {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${'t'.repeat(24)}` },
    });
    expect(gone.status).toBe(204);
    expect(await gone.text()).toBe('');
    expect(readToken).toEqual(['t'.repeat(24)]);
    const noToken = await app.request('/v1/test/school/items/one', { method: 'DELETE' });
    expect(noToken.status).toBe(401);
    const csv = await app.request('/v1/test/school/file');
    expect(csv.headers.get('content-type')).toBe('text/csv');
    expect(csv.headers.get('cache-control')).toBe('no-store');
    expect(await csv.text()).toBe('a,b\r\n');
  });

  it('refuses definitions it cannot serve, twice-registered endpoints, and reports unserved ones', () => {
    const { router } = setup();
    expect(() =>
      registerEndpoint(router, { ...read, path: '/v1/test/items' } as const, async () => ({ limit: 1 })),
    ).toThrow(/needs \{organizationId\}/);
    registerEndpoint(router, read, async () => ({ limit: 1 }));
    expect(() => registerEndpoint(router, read, async () => ({ limit: 1 }))).toThrow(/registered twice/);
    expect(() => router.assertServes({ read, write })).toThrow('Endpoints not served: write');
    expect(() => router.assertServes({ read })).not.toThrow();
  });
});
