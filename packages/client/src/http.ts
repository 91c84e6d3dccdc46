/** Request and response plumbing shared by both transports (ky-based and fetch-only). */
import { OtklikProblemError } from './errors.ts';
import type { Problem, ProblemCode } from './schemas/problem.ts';

/** `template` with each `{name}` replaced by the encoded parameter; no leading slash. */
export function fillPath(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.slice(1).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Missing path parameter "${name}"`);
    return encodeURIComponent(String(value));
  });
}

/** Query values as text; `undefined` and `null` are left out. */
export function toSearchParams(query: Readonly<Record<string, unknown>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  return params;
}

/** The typed error for an error answer, from its problem document or, lacking one, its status. */
export async function problemFromResponse(response: Response): Promise<OtklikProblemError> {
  const retryAfterHeader = Number(response.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retryAfterHeader) && retryAfterHeader > 0 ? retryAfterHeader : undefined;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  return new OtklikProblemError(isProblem(body) ? body : genericProblem(response), retryAfter);
}

// A structural check rather than the valibot schema: the fetch-only path must not bundle schemas.
function isProblem(body: unknown): body is Problem {
  const candidate = body as Partial<Problem> | null | undefined;
  return (
    typeof candidate?.code === 'string' &&
    typeof candidate.status === 'number' &&
    typeof candidate.title === 'string' &&
    (candidate.issues === undefined || Array.isArray(candidate.issues))
  );
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

/**
 * The stable code for an error status that came without a problem document (a proxy's page, say;
 * the portal itself always sends one, with its own codes such as `headers-too-large`).
 */
function codeForStatus(status: number): ProblemCode {
  if (status >= 500) return status === 503 ? 'service-unavailable' : 'internal-error';
  return (
    (
      {
        401: 'unauthorized',
        403: 'forbidden',
        404: 'not-found',
        405: 'method-not-allowed',
        409: 'conflict',
        413: 'payload-too-large',
        415: 'unsupported-media-type',
        422: 'validation-failed',
        429: 'rate-limited',
      } as const satisfies Partial<Record<number, ProblemCode>>
    )[status as 401] ?? 'bad-request'
  );
}
