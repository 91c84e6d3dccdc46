import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import * as v from 'valibot';
import type { EndpointDefinition } from './contract.ts';
import {
  OtklikAbortedError,
  OtklikNetworkError,
  OtklikResponseShapeError,
  OtklikTimeoutError,
} from './errors.ts';
import { fillPath, problemFromResponse, toSearchParams } from './http.ts';

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
  readonly retries: number;
}

export function createTransport(options: TransportOptions): Transport {
  const timeout = options.timeout ?? 10_000;
  const base = String(options.baseUrl).replace(/\/+$/, '');
  const retries = options.retries ?? 2;
  return {
    timeout,
    retries,
    ky: ky.create({
      prefixUrl: base,
      timeout,
      retry: {
        limit: retries,
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

/** The JSON body an endpoint takes, as the caller writes it. */
export type BodyOf<TEndpoint extends EndpointDefinition> = TEndpoint extends { body: infer B }
  ? B extends v.GenericSchema
    ? v.InferInput<B>
    : never
  : never;

/**
 * Input of {@link request}: `params` when the path has placeholders, `query` when it takes one,
 * `body` for writes, `idempotencyKey` for writes that must happen once (reuse the same key when you
 * retry the same action), `accessSecret` for an applicant's calls on their appeal.
 */
export type RequestInput<TEndpoint extends EndpointDefinition> = ([ParamsOf<TEndpoint>] extends [never]
  ? { params?: never }
  : { params: ParamsOf<TEndpoint> }) &
  ([QueryOf<TEndpoint>] extends [never] ? { query?: never } : { query?: QueryOf<TEndpoint> }) &
  ([BodyOf<TEndpoint>] extends [never] ? { body?: never } : { body: BodyOf<TEndpoint> }) &
  (TEndpoint extends { idempotent: true } ? { idempotencyKey: string } : { idempotencyKey?: never }) &
  (TEndpoint extends { auth: 'appeal-secret' } ? { accessSecret: string } : { accessSecret?: never });

/** Headers a call needs for its idempotency key and access secret. */
export function callHeaders(input: {
  idempotencyKey?: string;
  accessSecret?: string;
}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (input.idempotencyKey !== undefined) headers['Idempotency-Key'] = input.idempotencyKey;
  if (input.accessSecret !== undefined) headers.Authorization = `Bearer ${input.accessSecret}`;
  return headers;
}

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
  // ky's prefixUrl wants a path without its leading slash, which fillPath drops.
  const path = fillPath(endpoint.path, (input.params ?? {}) as Record<string, unknown>);
  let response: Response;
  try {
    response = await transport.ky(path, {
      method: endpoint.method,
      searchParams: toSearchParams((input.query ?? {}) as Record<string, unknown>),
      headers: callHeaders(input),
      ...(input.body === undefined ? {} : { json: input.body }),
      // A write is repeated only under an idempotency key: the portal then answers a retry with the
      // first response instead of writing twice.
      ...(input.idempotencyKey === undefined
        ? {}
        : { retry: { limit: transport.retries, methods: ['post', 'put', 'patch', 'delete'] } }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    });
  } catch (error) {
    throw await toClientError(error, options.timeout ?? transport.timeout, options.signal);
  }
  return parseBody(response, endpoint.response);
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
