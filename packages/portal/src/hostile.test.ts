/**
 * An attacker's requests against a running portal (real sockets, PGlite in memory, PUBLIC_URL set):
 * bytes that are not UTF-8, cut-short bodies, impossible dates in every staff filter, HEAD, OPTIONS
 * and unknown methods on every route, spoofed Host and Origin, X-Forwarded-For without TRUST_PROXY,
 * hostile file names. Every answer is a 4xx problem with a stable code, nothing is logged as a
 * failure of ours, and nothing refused changes the database.
 */
import { connect } from 'node:net';
import { type EndpointDefinition, endpoints, STAFF_PERMISSIONS } from '@otklik/client/contract';
import { AttachmentUpload, Problem, ProblemCode } from '@otklik/client/schemas';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from './log.ts';
import { ensurePerson } from './people/members.ts';
import { createKeyRing } from './security/keys.ts';
import { type Portal, startPortal } from './server.ts';
import { createApiKey } from './staff/api-keys.ts';
import { createSession } from './staff/sessions.ts';

const PUBLIC_URL = 'https://portal.example';
const SITE = 'http://localhost:8788';
const ORG = 'demo-by';
const CODES = new Set<string>(ProblemCode.options);

interface Answer {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

/** Sends raw bytes (nothing normalised) and reads one HTTP/1.1 answer up to the connection's end. */
function raw(url: string, request: Buffer | string, closeAfterMs?: number): Promise<Answer | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(request);
      if (closeAfterMs !== undefined) setTimeout(() => socket.destroy(), closeAfterMs);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return resolve(null);
      const [statusLine = '', ...lines] = all.subarray(0, end).toString('latin1').split('\r\n');
      const headers = new Map(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: all.subarray(end + 4) });
    });
    // The server may answer and close before a huge body is all written: the answer is still read.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
  });
}

/** A request as bytes: `Connection: close`, `Host` of the portal unless given, `Content-Length` of the body. */
function request(
  portal: Portal,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Buffer {
  const bytes = body === undefined ? undefined : Buffer.from(body);
  const all: Record<string, string> = {
    Host: new URL(portal.url).host,
    Connection: 'close',
    ...(bytes === undefined || 'Transfer-Encoding' in headers
      ? {}
      : { 'Content-Length': String(bytes.length) }),
    ...headers,
  };
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(all)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes ?? Buffer.alloc(0)]);
}

/** The answer is a problem with a documented code and this status (a HEAD's has no body to read). */
function expectProblem(answer: Answer | null, status: number, where = ''): Problem | null {
  expect(answer?.status, where).toBe(status);
  expect(answer?.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
  if (answer === null || answer.body.length === 0) return null;
  const problem = v.parse(Problem, JSON.parse(answer.body.toString('utf8')));
  expect(CODES.has(problem.code), where).toBe(true);
  expect(problem.status, where).toBe(status);
  return problem;
}

describe('a hostile client against a running portal', () => {
  let portal: Portal;
  let apiKey = '';
  /** The console's session of a portal administrator (the portal-wide filters are theirs alone). */
  let cookie = '';
  const failures: string[] = [];
  const logger: Logger = {
    log(level, message, fields) {
      if (level === 'error') failures.push(`${message} ${JSON.stringify(fields).slice(0, 300)}`);
    },
  };
  const send = (
    method: string,
    target: string,
    headers: Record<string, string> = {},
    body?: Buffer | string,
  ) => raw(portal.url, request(portal, method, target, headers, body));
  const staff = () => ({ Authorization: `Bearer ${apiKey}` });
  /** Rows of the tables a refused write could have touched. */
  const counts = async () =>
    (
      await portal.db.query<{ n: string }>(
        `SELECT concat_ws(',', (SELECT count(*) FROM appeals), (SELECT count(*) FROM appeal_messages),
           (SELECT count(*) FROM attachments), (SELECT count(*) FROM idempotency_keys),
           (SELECT count(*) FROM audit_log), (SELECT count(*) FROM calendar_days)) AS n`,
      )
    )[0]?.n;

  beforeAll(async () => {
    portal = await startPortal({
      database: { kind: 'pglite' },
      port: 0,
      seed: 'demo',
      publicUrl: PUBLIC_URL,
      logger,
      rateLimit: { limits: { challenge: { perClient: 3, perOrganization: 1000, windowMs: 60_000 } } },
    });
    apiKey = await createApiKey(portal.db, ORG, 'hostile');
    const person = await ensurePerson(portal.db, 'hostile-admin@example.com');
    await portal.db.query('INSERT INTO portal_administrators (person_id) VALUES ($1)', [person]);
    const session = await createSession(portal.db, createKeyRing(portal.db), person, new Date());
    cookie = `otklik-session=${session.token}`;
  }, 60_000);
  afterAll(async () => {
    await portal?.close();
  });

  it('a body cut short by the client is a 400, not a failure of ours', async () => {
    const before = await counts();
    const upload = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n',
    );
    for (const [target, headers, body] of [
      [
        '/v1/staff/appeals/00000000-0000-0000-0000-000000000000/messages',
        { ...staff(), 'Content-Type': 'application/json', 'Content-Length': '1000' },
        '{"text":"',
      ],
      [
        `/v1/organizations/${ORG}/attachments`,
        { Origin: SITE, 'Content-Type': 'multipart/form-data; boundary=b', 'Content-Length': '100000' },
        upload,
      ],
      [
        `/v1/organizations/${ORG}/attachments`,
        { Origin: SITE, 'Content-Type': 'multipart/form-data; boundary=b', 'Transfer-Encoding': 'chunked' },
        Buffer.concat([Buffer.from(`${upload.length.toString(16)}\r\n`), upload, Buffer.from('\r\n')]),
      ],
    ] as const) {
      const answer = await raw(portal.url, request(portal, 'POST', target, headers, body), 200);
      expect(answer, target).toBeNull();
    }
    // The handler's answer goes nowhere; what counts is what the portal recorded and did.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(failures).toEqual([]);
    expect(await counts()).toBe(before);
  });

  it('bytes that are not UTF-8 in a JSON body, a query or a path are a 400', async () => {
    const before = await counts();
    const body = Buffer.concat([
      Buffer.from('{"text":"'),
      Buffer.from([0xc0, 0xaf, 0xff]),
      Buffer.from('"}'),
    ]);
    const [appeal] = await portal.db.query<{ id: string }>(
      'SELECT id FROM appeals WHERE organization_id = $1 LIMIT 1',
      [ORG],
    );
    const message = await send(
      'POST',
      `/v1/staff/appeals/${appeal?.id}/messages`,
      { ...staff(), 'Content-Type': 'application/json' },
      body,
    );
    expect(expectProblem(message, 400)?.code).toBe('malformed-json');
    for (const target of [
      '/v1/staff/appeals?q=%FF%FE',
      `/v1/organizations?q=%C0%AF`,
      `/v1/organizations/${ORG}%FF`,
      '/console/%FF',
      '/r/%E2%82',
      '/widgets/%ED%A0%80.js',
    ]) {
      expect(expectProblem(await send('GET', target, staff()), 400, target)?.code).toBe('bad-request');
    }
    expect(await counts()).toBe(before);
    expect(failures).toEqual([]);
  });

  it('impossible dates and numbers out of range in every staff filter are a 422, never a 5xx', async () => {
    const dates = ['2024-02-30', '2023-02-29', '0000-01-01', '2024-13-01', '99999-01-01', '2024-1-1'];
    const numbers = ['-1', '1e309', '99999999999999999999', 'NaN', '0x10', '1.5'];
    const months = ['0000-01', '2024-13', '2024-00', '24-01'];
    const dateKeys = new Set(['from', 'to', 'dueFrom', 'dueTo', 'dueBefore', 'on', 'before']);
    const numberKeys = new Set(['limit', 'offset', 'dueWithinDays', 'months']);
    let tried = 0;
    for (const endpoint of Object.values(endpoints) as EndpointDefinition[]) {
      if (endpoint.method !== 'GET' || endpoint.query === undefined) continue;
      const keys = Object.keys((endpoint.query as unknown as { entries: Record<string, unknown> }).entries);
      const path = endpoint.path
        .replace('{organizationId}', ORG)
        .replace('{webhookId}', '00000000-0000-0000-0000-000000000000');
      for (const key of keys) {
        const values = dateKeys.has(key)
          ? dates
          : numberKeys.has(key)
            ? numbers
            : key === 'month'
              ? months
              : [];
        for (const value of values) {
          const target = `${path}?${key}=${encodeURIComponent(value)}`;
          const permission = (endpoint as { permission?: string }).permission ?? '';
          const credentials =
            endpoint.access !== 'staff'
              ? { Origin: SITE }
              : STAFF_PERMISSIONS[permission as keyof typeof STAFF_PERMISSIONS] === 'portal'
                ? { Cookie: cookie }
                : staff();
          const answer = await send('GET', target, credentials);
          const problem = expectProblem(answer, 422, target);
          expect(problem?.issues?.[0]?.path, target).toBe(`query.${key}`);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  it('HEAD, OPTIONS and unknown methods on every route: problems, with Allow on a 405', async () => {
    const sample: Record<string, string> = {
      organizationId: ORG,
      appealId: '00000000-0000-0000-0000-000000000000',
      country: 'BY',
      year: '2026',
      date: '2026-11-02',
    };
    const targets = [
      ...(Object.values(endpoints) as EndpointDefinition[]).map((e) =>
        e.path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name] ?? 'x'),
      ),
      '/health',
      '/metrics',
      '/v1/openapi.json',
      '/console/',
      '/console/assets/none.js',
      '/r/demo-by',
      '/consent/demo-by/1',
      '/nowhere',
    ];
    for (const target of new Set(targets)) {
      for (const method of ['HEAD', 'OPTIONS', 'PROPFIND', 'BREW']) {
        const answer = await send(method, target, { ...staff(), Origin: SITE });
        const where = `${method} ${target}`;
        expect(answer?.status, where).toBeLessThan(500);
        if (answer === null || answer.status < 400) continue;
        expectProblem(answer, answer.status, where);
        if (method === 'HEAD') expect(answer.body.length, where).toBe(0);
        if (answer.status === 405) expect(answer.headers.get('allow'), where).toMatch(/^[A-Z, ]+$/);
      }
    }
    expect(failures).toEqual([]);
  });

  it('an array for a settings patch, or JSON nested thousands deep in it, is a 422 and changes nothing', async () => {
    const before = await counts();
    const organization = async () =>
      (
        await portal.db.query<{ row: string }>('SELECT o::text AS row FROM organizations o WHERE id = $1', [
          ORG,
        ])
      )[0]?.row;
    const row = await organization();
    const json = { ...staff(), 'Content-Type': 'application/json' };
    for (const [target, body] of [
      [`/v1/staff/organizations/${ORG}/settings`, '[]'],
      [`/v1/staff/organizations/${ORG}/appeal-options`, '[[[]]]'],
      [
        `/v1/staff/organizations/${ORG}/appeal-options`,
        `{"identity":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      ],
    ] as const) {
      expect(expectProblem(await send('PATCH', target, json, body), 422, body.slice(0, 20))?.code).toBe(
        'validation-failed',
      );
    }
    expect(await organization()).toBe(row);
    expect(await counts()).toBe(before);
    expect(failures).toEqual([]);
  });

  it('a NUL in a page path is a 404, not a 500 from PostgreSQL', async () => {
    for (const target of [`/consent/${ORG}/a%00`, `/r/${ORG}%00`]) {
      expect(expectProblem(await send('GET', target), 404, target)?.code).toMatch(/not-found$/);
      expect((await send('GET', target, { Accept: 'text/html' }))?.status, target).toBe(404);
    }
    expect(failures).toEqual([]);
  });

  it("headers or a URL over Node's limit are a 431 problem, not Node's empty answer", async () => {
    expect(expectProblem(await send('GET', '/health', { 'X-Big': 'x'.repeat(20_000) }), 431)?.code).toBe(
      'headers-too-large',
    );
    expect(expectProblem(await send('GET', `/v1/organizations?q=${'x'.repeat(20_000)}`), 431)?.code).toBe(
      'headers-too-large',
    );
  });

  it('with PUBLIC_URL set, a spoofed Host with its own Origin is refused on staff and organisation calls', async () => {
    const before = await counts();
    const spoofed = { Host: 'evil.example', Origin: 'http://evil.example' };
    const list = await send('GET', '/v1/staff/appeals', { ...staff(), ...spoofed });
    expect(expectProblem(list, 403)?.code).toBe('origin-not-allowed');
    const challenge = await send(
      'POST',
      `/v1/organizations/${ORG}/challenges`,
      { ...spoofed, 'Content-Type': 'application/json', 'Idempotency-Key': 'hostile-0001' },
      '{}',
    );
    expect(expectProblem(challenge, 403)?.code).toBe('origin-not-allowed');
    expect(await counts()).toBe(before);
  });

  it('X-Forwarded-For does not buy a fresh rate limit without TRUST_PROXY', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await send(
        'POST',
        '/v1/organizations/demo-school/challenges',
        {
          Origin: SITE,
          'Content-Type': 'application/json',
          'X-Forwarded-For': `203.0.113.${i}`,
        },
        '{}',
      );
      statuses.push(answer?.status ?? 0);
    }
    expect(statuses.slice(0, 3).every((status) => status === 201 || status === 200)).toBe(true);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it('file names with path separators, NUL or bytes that are not UTF-8 are stored as plain names', async () => {
    for (const name of [
      Buffer.from('../../etc/a.pdf'),
      Buffer.from('C:\\temp\\a.pdf'),
      Buffer.from('a\u0000.pdf'),
      Buffer.concat([Buffer.from('a'), Buffer.from([0xff]), Buffer.from('.pdf')]),
    ]) {
      const body = Buffer.concat([
        Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="'),
        name,
        Buffer.from('"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--b--\r\n'),
      ]);
      const answer = await send(
        'POST',
        `/v1/organizations/${ORG}/attachments`,
        { Origin: SITE, 'Content-Type': 'multipart/form-data; boundary=b' },
        body,
      );
      expect(answer?.status).toBe(201);
      const upload = v.parse(AttachmentUpload, JSON.parse(answer?.body.toString('utf8') ?? ''));
      expect(upload.name).toMatch(/^[^/\\\u0000]+\.pdf$/);
    }
  });

  it('multipart without a boundary, cut short, with many parts or a file over the limit: problems, nothing stored', async () => {
    const before = await counts();
    const target = `/v1/organizations/${ORG}/attachments`;
    const part = (name: string, body: string) =>
      `--b\r\nContent-Disposition: form-data; name="${name}"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n${body}\r\n`;
    const multipart = { Origin: SITE, 'Content-Type': 'multipart/form-data; boundary=b' };
    const cases: [Record<string, string>, string, number][] = [
      [{ Origin: SITE, 'Content-Type': 'multipart/form-data' }, `${part('file', '%PDF-1.4')}--b--\r\n`, 415],
      [multipart, part('file', '%PDF-1.4\n%%EOF').slice(0, 90), 400],
      [multipart, '', 400],
      [multipart, `${Array.from({ length: 2000 }, (_, i) => part(`f${i}`, 'v')).join('')}--b--\r\n`, 400],
      [multipart, `${part('file', `%PDF-1.4\n${'x'.repeat(30_000_000)}`)}--b--\r\n`, 413],
    ];
    for (const [headers, body, status] of cases) {
      expectProblem(await send('POST', target, headers, body), status, body.slice(0, 60));
    }
    expect(await counts()).toBe(before);
  });

  it('a JSON body over the limit is a 413 with or without Content-Length, deep nesting a 422; nothing changes', async () => {
    const before = await counts();
    const big = `{"text":"${'x'.repeat(200_000)}"}`;
    const target = '/v1/staff/appeals/00000000-0000-0000-0000-000000000000/messages';
    const json = { ...staff(), 'Content-Type': 'application/json' };
    expectProblem(await send('POST', target, json, big), 413);
    const chunked = `${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`;
    expectProblem(await send('POST', target, { ...json, 'Transfer-Encoding': 'chunked' }, chunked), 413);
    // Deep nesting within the limit parses (V8's parser does not recurse) and fails the schema.
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    expectProblem(await send('POST', target, json, deep), 422);
    expectProblem(await send('POST', target, json, `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`), 413);
    expect(await counts()).toBe(before);
  });
});
