import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointDefinition, RequestInput } from './contract/index.ts';
import { getAppealCounterEndpoint, searchOrganizationsEndpoint } from './contract/index.ts';
import { isOtklikError, type OtklikClientError } from './errors.ts';
import { fetchRoute } from './fetch-route.ts';
import { type CallOptions, createTransport, request } from './transport.ts';

/**
 * The transport against a real HTTP server whose answers each test chooses, to pin down how every
 * kind of failure maps to a typed error. (The real portal is exercised in client.integration.test.ts.)
 */
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler;
let hits = 0;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

async function failure(promise: Promise<unknown>): Promise<OtklikClientError> {
  try {
    await promise;
  } catch (error) {
    if (isOtklikError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const emptyPage = { items: [], total: 0, limit: 20, offset: 0 };

/** Both call paths, ky-based `request` and fetch-only `fetchRoute`, must fail the same way. */
type Call = <E extends EndpointDefinition & { response: v.GenericSchema }>(
  settings: { baseUrl: string; timeout?: number; retries?: number },
  endpoint: E,
  input: RequestInput<E>,
  options?: CallOptions,
) => Promise<unknown>;

const callPaths: { name: string; call: Call }[] = [
  {
    name: 'request (ky)',
    call: (settings, endpoint, input, options) =>
      request(createTransport(settings), endpoint, input, options),
  },
  {
    name: 'fetchRoute',
    call: (settings, endpoint, input, options) =>
      fetchRoute({ baseUrl: settings.baseUrl }, endpoint, input, {
        ...options,
        ...(settings.timeout ? { timeout: settings.timeout } : {}),
      }),
  },
];

describe.each(callPaths)('$name', ({ call }) => {
  it('fills path parameters (encoded) and sends the query as text', async () => {
    let seenUrl = '';
    handler = (req, res) => {
      seenUrl = req.url ?? '';
      answer(200, emptyPage)(req, res);
    };
    await call({ baseUrl: `${baseUrl}/` }, searchOrganizationsEndpoint, {
      query: { q: 'школа №1', limit: 5 },
    });
    expect(seenUrl).toBe('/v1/organizations?q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0+%E2%84%961&limit=5');

    handler = (req, res) => {
      seenUrl = req.url ?? '';
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{}');
    };
    await failure(call({ baseUrl }, getAppealCounterEndpoint, { params: { organizationId: '../admin?x' } }));
    expect(seenUrl).toBe('/v1/organizations/..%2Fadmin%3Fx/appeal-counter');
  });

  it('turns problem documents into OtklikProblemError with code and field issues', async () => {
    handler = answer(
      422,
      {
        type: 'https://otklik.example/problems/validation-failed',
        title: 'Invalid input',
        status: 422,
        code: 'validation-failed',
        issues: [{ path: 'query.limit', message: 'Expected at most 100' }],
      },
      { 'content-type': 'application/problem+json' },
    );
    const error = await failure(call({ baseUrl }, searchOrganizationsEndpoint, {}));
    expect(error.kind).toBe('problem');
    if (error.kind !== 'problem') return;
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation-failed');
    expect(error.issues).toEqual([{ path: 'query.limit', message: 'Expected at most 100' }]);
  });

  it('gives a generic problem for error answers without a problem document', async () => {
    handler = (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>');
    const error = await failure(call({ baseUrl }, searchOrganizationsEndpoint, {}));
    expect(error).toMatchObject({ kind: 'problem', status: 404, code: 'not-found' });
  });

  it('reports a body that is not JSON as a response-shape error', async () => {
    handler = answer(200, 'not json at all');
    expect((await failure(call({ baseUrl }, searchOrganizationsEndpoint, {}))).kind).toBe('response-shape');
  });

  it('times out with OtklikTimeoutError', async () => {
    handler = (req, res) => setTimeout(() => answer(200, emptyPage)(req, res), 500);
    const error = await failure(call({ baseUrl, timeout: 100, retries: 0 }, searchOrganizationsEndpoint, {}));
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 100 });
  });

  it('reports an aborted call as OtklikAbortedError', async () => {
    handler = (req, res) => setTimeout(() => answer(200, emptyPage)(req, res), 500);
    const controller = new AbortController();
    const pending = call({ baseUrl }, searchOrganizationsEndpoint, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await failure(pending)).kind).toBe('aborted');
  });

  it('reports an unreachable portal as OtklikNetworkError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(
      call({ baseUrl: `http://127.0.0.1:${port}`, retries: 0 }, searchOrganizationsEndpoint, {}),
    );
    expect(error.kind).toBe('network');
  });
});

describe('request (ky) only', () => {
  it('retries reads on 503 honouring Retry-After, then succeeds', async () => {
    hits = 0;
    handler = (req, res) =>
      (hits < 2 ? answer(503, '{}', { 'retry-after': '0' }) : answer(200, emptyPage))(req, res);
    const page = await request(createTransport({ baseUrl, retries: 2 }), searchOrganizationsEndpoint, {});
    expect(page.total).toBe(0);
    expect(hits).toBe(2);
  });

  it('does not retry when retries is 0 and reports Retry-After', async () => {
    hits = 0;
    handler = answer(
      429,
      { type: 'about:blank', title: 'Slow down', status: 429, code: 'rate-limited' },
      {
        'retry-after': '7',
      },
    );
    const error = await failure(
      request(createTransport({ baseUrl, retries: 0 }), searchOrganizationsEndpoint, {}),
    );
    expect(error).toMatchObject({ kind: 'problem', code: 'rate-limited', retryAfter: 7 });
    expect(hits).toBe(1);
  });

  it('rejects a response that does not match the schema', async () => {
    handler = answer(200, { items: 'nope' });
    const error = await failure(request(createTransport({ baseUrl }), searchOrganizationsEndpoint, {}));
    expect(error.kind).toBe('response-shape');
  });
});

describe('fetchRoute only', () => {
  it('retries a read once after a 503 or a network error, not twice', async () => {
    hits = 0;
    handler = (req, res) => (hits < 2 ? answer(503, '{}') : answer(200, emptyPage))(req, res);
    await expect(fetchRoute({ baseUrl }, searchOrganizationsEndpoint, {})).resolves.toEqual(emptyPage);
    expect(hits).toBe(2);

    hits = 0;
    handler = answer(503, '{}');
    expect(await failure(fetchRoute({ baseUrl }, searchOrganizationsEndpoint, {}))).toMatchObject({
      code: 'service-unavailable',
    });
    expect(hits).toBe(2);
  });
});
