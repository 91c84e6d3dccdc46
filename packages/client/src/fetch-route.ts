import type * as v from 'valibot';
import type { EndpointDefinition } from './contract/endpoint.ts';
import type { RequestInput, ResponseOf } from './contract/types.ts';
import {
  OtklikAbortedError,
  OtklikNetworkError,
  OtklikResponseShapeError,
  OtklikTimeoutError,
} from './errors.ts';
import { fillPath, problemFromResponse, toSearchParams } from './http.ts';
import { type CallOptions, callHeaders } from './transport.ts';

export interface FetchRouteOptions {
  /** Where the portal is, e.g. `https://otklik.example.org`. */
  baseUrl: string;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
}

/**
 * The lean way to call one endpoint, for browser code with a tight size budget (the counter badge):
 * plain `fetch` instead of ky and no schema, so nothing but this function is bundled. It throws the
 * same typed errors as {@link request} and retries once after a network error or a 502/503/504
 * answer (reads, and writes under an idempotency key), but it trusts the response body's shape:
 * check what you read, or use {@link request}, which validates.
 *
 * Name the endpoint as the type argument and pass its route; the two must agree on the path. Only
 * public endpoints that answer JSON: downloads, uploads and staff calls go through {@link request}.
 *
 * @example
 * const counter = await fetchRoute<typeof getAppealCounterEndpoint>(
 *   { baseUrl }, getAppealCounterRoute, { params: { organizationId: 'demo-school' } },
 * );
 */
export async function fetchRoute<TEndpoint extends EndpointDefinition & { response: v.GenericSchema }>(
  options: FetchRouteOptions,
  route: Pick<TEndpoint, 'method' | 'path'>,
  input: RequestInput<TEndpoint>,
  callOptions: CallOptions = {},
): Promise<ResponseOf<TEndpoint>> {
  const url = new URL(
    fillPath(route.path, (input.params ?? {}) as Record<string, unknown>),
    `${options.baseUrl.replace(/\/+$/, '')}/`,
  );
  url.search = toSearchParams((input.query ?? {}) as Record<string, unknown>).toString();
  const timeout = callOptions.timeout ?? 10_000;
  const { signal } = callOptions;
  // Reads may be repeated; writes only under an idempotency key (the portal answers the repeat).
  const canRetry = route.method === 'GET' || input.idempotencyKey !== undefined;
  const headers: Record<string, string> = { accept: 'application/json', ...callHeaders(input) };
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  const body = input.body === undefined ? null : JSON.stringify(input.body);

  for (let attempt = 1; ; attempt++) {
    const retryable = canRetry && attempt === 1;
    const deadline = AbortSignal.timeout(timeout);
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(url, {
        method: route.method,
        headers,
        body,
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      });
    } catch (error) {
      if (signal?.aborted) throw new OtklikAbortedError({ cause: error });
      if (deadline.aborted) throw new OtklikTimeoutError(timeout);
      if (retryable) continue;
      throw new OtklikNetworkError({ cause: error });
    }
    if (retryable && response.status >= 502 && response.status <= 504) continue;
    if (!response.ok) throw await problemFromResponse(response);
    try {
      return (await response.json()) as ResponseOf<TEndpoint>;
    } catch {
      throw new OtklikResponseShapeError(response.status, []);
    }
  }
}
