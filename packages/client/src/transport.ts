import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import * as v from 'valibot';
import type { EndpointDefinition } from './contract.ts';
import {
  OtklikAbortedError,
  OtklikNetworkError,
  OtklikProblemError,
  OtklikResponseShapeError,
  OtklikTimeoutError,
} from './errors.ts';
import { type Problem, Problem as ProblemSchema, type ProblemCode } from './schemas/problem.ts';

export interface TransportOptions {
  /** Where the portal is, e.g. `https://otklik.example.org` (the `/v1/...` paths are added). */
  baseUrl: string | URL;
  /** Milliseconds to wait for each attempt before giving up. Default 10 000. */
  timeout?: number;
  /**
   * How many times to retry a request that may safely be repeated (reads) after a network error
   * or a 408/429/500/502/503/504 answer, honouring `Retry-After`. Default 2; 0 disables retries.
   */
  retries?: number;
  /** Headers sent with every request (for example `Authorization` for staff calls). */
  headers?: Record<string, string>;
  /** A `fetch` implementation to use instead of the global one. */
  fetch?: typeof fetch;
}

/** Options of a single call. */
export interface CallOptions {
  /** Cancels the call; the promise then rejects with `OtklikAbortedError`. */
  signal?: AbortSignal;
  /** Overrides the transport's timeout for this call. */
  timeout?: number;
}

/** A configured connection to one portal; create it once and share it. */
export interface Transport {
  readonly ky: KyInstance;
  readonly timeout: number;
}

export function createTransport(options: TransportOptions): Transport {
  const timeout = options.timeout ?? 10_000;
  const base = String(options.baseUrl).replace(/\/+$/, '');
  return {
    timeout,
    ky: ky.create({
      prefixUrl: base,
      timeout,
      retry: {
        limit: options.retries ?? 2,
        methods: ['get', 'head'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: [413, 429, 503],
      },
      headers: { accept: 'application/json', ...options.headers },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  };
}

type ObjectOutput<TSchema> = TSchema extends v.GenericSchema ? v.InferOutput<TSchema> : never;

/** Path parameters an endpoint needs, by name. */
export type ParamsOf<TEndpoint extends EndpointDefinition> = TEndpoint extends { params: infer P }
  ? ObjectOutput<P>
  : never;

/** Query parameters an endpoint accepts; all optional (the portal applies the defaults). */
export type QueryOf<TEndpoint extends EndpointDefinition> = TEndpoint extends { query: infer Q }
  ? Partial<ObjectOutput<Q>>
  : never;

/** What a successful call resolves to. */
export type ResponseOf<TEndpoint extends EndpointDefinition> = v.InferOutput<TEndpoint['response']>;

/** Input of {@link request}: `params` when the path has placeholders, `query` when it takes one. */
export type RequestInput<TEndpoint extends EndpointDefinition> = ([ParamsOf<TEndpoint>] extends [never]
  ? { params?: never }
  : { params: ParamsOf<TEndpoint> }) &
  ([QueryOf<TEndpoint>] extends [never] ? { query?: never } : { query?: QueryOf<TEndpoint> });

/**
 * Calls one endpoint of the contract: fills the path, sends the query, maps failures to the typed
 * errors of `errors.ts` and checks the response against the endpoint's schema.
 */
export async function request<TEndpoint extends EndpointDefinition>(
  transport: Transport,
  endpoint: TEndpoint,
  input: RequestInput<TEndpoint>,
  options: CallOptions = {},
): Promise<ResponseOf<TEndpoint>> {
  const path = fillPath(endpoint.path, (input.params ?? {}) as Record<string, unknown>);
  let response: Response;
  try {
    response = await transport.ky(path, {
      method: endpoint.method,
      searchParams: toSearchParams((input.query ?? {}) as Record<string, unknown>),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    });
  } catch (error) {
    throw await toClientError(error, options.timeout ?? transport.timeout, options.signal);
  }
  return parseBody(response, endpoint.response);
}

function fillPath(template: string, params: Record<string, unknown>): string {
  // ky's prefixUrl requires a path without the leading slash.
  return template.slice(1).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Missing path parameter "${name}"`);
    return encodeURIComponent(String(value));
  });
}

function toSearchParams(query: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  return params;
}

async function parseBody<TSchema extends v.GenericSchema>(
  response: Response,
  schema: TSchema,
): Promise<v.InferOutput<TSchema>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new OtklikResponseShapeError(response.status, []);
  }
  const result = v.safeParse(schema, body);
  if (!result.success) throw new OtklikResponseShapeError(response.status, result.issues);
  return result.output;
}

async function toClientError(error: unknown, timeoutMs: number, signal: AbortSignal | undefined) {
  if (error instanceof HTTPError) return problemFromResponse(error.response);
  if (error instanceof TimeoutError) return new OtklikTimeoutError(timeoutMs);
  if (signal?.aborted) return new OtklikAbortedError({ cause: error });
  return new OtklikNetworkError({ cause: error });
}

async function problemFromResponse(response: Response): Promise<OtklikProblemError> {
  const retryAfterHeader = Number(response.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retryAfterHeader) && retryAfterHeader > 0 ? retryAfterHeader : undefined;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = v.safeParse(ProblemSchema, body);
  return new OtklikProblemError(parsed.success ? parsed.output : genericProblem(response), retryAfter);
}

/** A problem for error answers that carry no problem document (a proxy's HTML page, say). */
function genericProblem(response: Response): Problem {
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: codeForStatus(response.status),
  };
}

function codeForStatus(status: number): ProblemCode {
  const known: Partial<Record<number, ProblemCode>> = {
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not-found',
    405: 'method-not-allowed',
    409: 'conflict',
    413: 'payload-too-large',
    415: 'unsupported-media-type',
    422: 'validation-failed',
    429: 'rate-limited',
    503: 'service-unavailable',
  };
  return known[status] ?? (status >= 500 ? 'internal-error' : 'bad-request');
}
