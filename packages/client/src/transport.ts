import ky, { HTTPError, type KyInstance, type Options, TimeoutError } from 'ky';
import * as v from 'valibot';
import type { EndpointDefinition } from './contract/endpoint.ts';
import type { RequestInput, ResponseOf, UploadProgress } from './contract/types.ts';
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
   * How many times to retry a request that may safely be repeated (reads, and writes under an
   * idempotency key) after a network error or a 408/429/500/502/503/504 answer, honouring
   * `Retry-After`. Default 2; 0 disables retries.
   */
  retries?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** A `fetch` implementation to use instead of the global one. */
  fetch?: typeof fetch;
}

/**
 * Who staff calls are made as: an organisation's API key (`apiKey`, sent as `Authorization: Bearer
 * otk_…` with calls to staff endpoints only, never to public ones, whose `Authorization` carries an
 * appeal's secret), or the console's session (`session`): the browser sends the HttpOnly session
 * cookie by itself (`credentials: 'include'`) and staff calls carry the session's CSRF token as
 * `X-CSRF-Token`. The two are exclusive.
 */
export type StaffCredentials =
  | {
      /** An organisation's API key, `otk_…` (shown once when created). */
      apiKey?: string;
      session?: never;
    }
  | {
      apiKey?: never;
      /** A console session: where to read the current CSRF token (it changes at each sign-in). */
      session: StaffSessionCredentials;
    };

/** The console's session as the client sees it: the cookie is the browser's, the CSRF token the app's. */
export interface StaffSessionCredentials {
  /** The CSRF token returned by sign-in and by `getStaffSession` (undefined while signed out). */
  csrfToken(): string | undefined;
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
  /** Headers that authenticate calls to staff endpoints (empty without credentials). */
  readonly staffHeaders: Readonly<Record<string, string>>;
  /** The console session's CSRF token source, when the client was created with one. */
  readonly session?: StaffSessionCredentials;
}

export function createTransport(options: TransportOptions & StaffCredentials): Transport {
  const timeout = options.timeout ?? 10_000;
  const base = String(options.baseUrl).replace(/\/+$/, '');
  const retries = options.retries ?? 2;
  return {
    timeout,
    retries,
    staffHeaders: options.apiKey === undefined ? {} : { Authorization: `Bearer ${options.apiKey}` },
    ...(options.session ? { session: options.session } : {}),
    ky: ky.create({
      ...(options.session ? { credentials: 'include' as const } : {}),
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

/** {@link RequestInput} with every member optional: what the shared code below reads. */
interface AnyInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  file?: Blob;
  fileName?: string;
  onProgress?: (progress: UploadProgress) => void;
  idempotencyKey?: string;
  accessSecret?: string;
  uploadToken?: string;
}

/** What goes in the request besides the path: headers, the query, a JSON body or the file. */
function requestOptions(transport: Transport, endpoint: EndpointDefinition, input: AnyInput): Options {
  const headers = callHeaders(input);
  if (endpoint.access === 'staff') Object.assign(headers, transport.staffHeaders);
  const csrf = transport.session?.csrfToken();
  if (endpoint.access === 'staff' && csrf !== undefined) headers['X-CSRF-Token'] = csrf;
  if (input.uploadToken !== undefined) headers.Authorization = `Bearer ${input.uploadToken}`;
  if (endpoint.download !== undefined) headers.accept = endpoint.download === 'text/csv' ? 'text/csv' : '*/*';
  const options: Options = {
    method: endpoint.method,
    searchParams: toSearchParams(input.query ?? {}),
    headers,
  };
  if (input.body !== undefined) options.json = input.body;
  if (input.file !== undefined) {
    const form = new FormData();
    const name = input.fileName ?? (input.file instanceof File ? input.file.name : 'file');
    form.append('file', input.file, name);
    options.body = form;
    const { onProgress } = input;
    // Progress needs a streamed request body (Node, or a browser over HTTP/2).
    if (onProgress)
      options.onUploadProgress = ({ percent, transferredBytes, totalBytes }) =>
        onProgress({ percent, transferredBytes, totalBytes });
  }
  // A write is repeated only under an idempotency key: the portal then answers a retry with the
  // first response instead of writing twice.
  if (input.idempotencyKey !== undefined) {
    options.retry = { limit: transport.retries, methods: ['post', 'put', 'patch', 'delete'] };
  }
  return options;
}

/**
 * Calls one endpoint of the contract: fills the path, sends the query, the JSON body or the file,
 * the idempotency key and whatever credentials the endpoint takes, maps failures to the typed
 * errors of `errors.ts` and checks a JSON response against the endpoint's schema. A download
 * resolves to a `Blob`, a 204 to `undefined`.
 */
export async function request<TEndpoint extends EndpointDefinition>(
  transport: Transport,
  endpoint: TEndpoint,
  input: RequestInput<TEndpoint>,
  options: CallOptions = {},
): Promise<ResponseOf<TEndpoint>> {
  const given = input as AnyInput;
  // ky's prefixUrl wants a path without its leading slash, which fillPath drops.
  const path = fillPath(endpoint.path, given.params ?? {});
  let response: Response;
  try {
    response = await transport.ky(path, {
      ...requestOptions(transport, endpoint, given),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    });
  } catch (error) {
    throw await toClientError(error, options.timeout ?? transport.timeout, options.signal);
  }
  if (endpoint.response !== undefined) {
    return (await parseBody(response, endpoint.response)) as ResponseOf<TEndpoint>;
  }
  if (endpoint.download !== undefined) return (await response.blob()) as ResponseOf<TEndpoint>;
  return undefined as ResponseOf<TEndpoint>;
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
