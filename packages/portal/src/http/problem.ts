import type { FieldIssue, Problem, ProblemCode } from '@otklik/client/schemas';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as v from 'valibot';
import { getDotPath } from 'valibot';
import { send } from './headers.ts';
import { requestIdOf } from './request-id.ts';

const TITLES: Record<ProblemCode, string> = {
  'bad-request': 'Bad request',
  'headers-too-large': 'The request line or headers are too large',
  'request-timeout': 'The request took too long to arrive',
  'malformed-json': 'The request body is not valid JSON',
  'validation-failed': 'The request did not pass validation',
  'unsupported-media-type': 'Unsupported media type',
  'payload-too-large': 'The request body is too large',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  'organization-not-found': 'Organisation not found',
  'origin-not-allowed': 'This web origin may not call this organisation',
  unauthorized: 'Authentication required',
  forbidden: 'Forbidden',
  conflict: 'Conflict',
  'last-administrator': 'The organisation would be left without an administrator',
  'rate-limited': 'Too many requests',
  'idempotency-key-reused': 'This Idempotency-Key was used with another request',
  'proof-of-work-invalid': 'The proof of work is missing, expired or wrong',
  'proof-of-work-replayed': 'This proof of work was already used',
  'identity-required': 'A verified identity is required',
  'identity-invalid': 'The identity token is invalid, expired or for another e-mail',
  'consent-required': 'Consent to the current personal-data document is required',
  'appeals-handed-off': 'This organisation takes electronic appeals through another system',
  'already-rated': 'This service was already rated today from this person or device',
  'ratings-disabled': 'This organisation does not take ratings',
  'internal-error': 'Internal server error',
  'service-unavailable': 'Service unavailable',
};

/** Thrown anywhere in a handler; the app's error handler turns it into problem JSON. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly issues?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? TITLES[code]);
    this.name = 'ProblemError';
  }
}

export function problemBody(
  status: number,
  code: ProblemCode,
  detail?: string,
  issues?: FieldIssue[],
): Problem {
  return {
    // Stable, documented URI per code; the code itself is what clients branch on.
    type: `https://otklik.dev/problems/${code}`,
    title: TITLES[code],
    status,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(issues === undefined ? {} : { issues }),
  };
}

export function problemResponse(c: Context, error: ProblemError): Response {
  const requestId = requestIdOf(c);
  const body = problemBody(error.status, error.code, error.detail, error.issues);
  if (requestId !== undefined) body.instance = `urn:otklik:request:${requestId}`;
  return send(c, JSON.stringify(body), error.status, {
    ...error.headers,
    ...(requestId === undefined ? {} : { 'X-Request-Id': requestId }),
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
}

/** Converts valibot issues to `{ path, message }` with the part of the request as the first segment. */
export function toFieldIssues(where: 'params' | 'query' | 'body', issues: readonly v.BaseIssue<unknown>[]) {
  return issues.map((issue) => {
    const path = getDotPath(issue);
    return { path: path ? `${where}.${path}` : where, message: issue.message };
  });
}

export function validationProblem(
  where: 'params' | 'query' | 'body',
  issues: readonly v.BaseIssue<unknown>[],
) {
  return new ProblemError(422, 'validation-failed', `Invalid ${where}`, toFieldIssues(where, issues));
}
