import {
  type FieldIssue,
  type FieldIssueKind,
  PROBLEM_REASONS,
  type Problem,
  type ProblemCode,
  type ProblemReason,
} from '@otklik/client/schemas';
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
    readonly reason?: ProblemReason,
  ) {
    super(detail ?? TITLES[code]);
    this.name = 'ProblemError';
  }
}

/**
 * A refusal for one of the situations clients tell apart: the status and code come from the reason
 * (`PROBLEM_REASONS` in the contract), so a throw site cannot pair a reason with the wrong code.
 */
export function refusal(
  reason: ProblemReason,
  detail: string,
  options: { issues?: FieldIssue[]; headers?: Record<string, string> } = {},
): ProblemError {
  const { status, code } = PROBLEM_REASONS[reason];
  return new ProblemError(status, code, detail, options.issues, options.headers, reason);
}

/** A 422 about one field, for a rule of the portal's own: the reason goes on the problem and the issue. */
export function fieldRefusal(reason: ProblemReason, path: string, message: string, detail = message) {
  return refusal(reason, detail, { issues: [{ path, message, reason }] });
}

export function problemBody(
  status: number,
  code: ProblemCode,
  detail?: string,
  issues?: FieldIssue[],
  reason?: ProblemReason,
): Problem {
  return {
    // Stable, documented URI per code; the code itself is what clients branch on.
    type: `https://otklik.dev/problems/${code}`,
    title: TITLES[code],
    status,
    code,
    ...(reason === undefined ? {} : { reason }),
    ...(detail === undefined ? {} : { detail }),
    ...(issues === undefined ? {} : { issues }),
  };
}

export function problemResponse(c: Context, error: ProblemError): Response {
  const requestId = requestIdOf(c);
  const body = problemBody(error.status, error.code, error.detail, error.issues, error.reason);
  if (requestId !== undefined) body.instance = `urn:otklik:request:${requestId}`;
  return send(c, JSON.stringify(body), error.status, {
    ...error.headers,
    ...(requestId === undefined ? {} : { 'X-Request-Id': requestId }),
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
}

/** Which check failed, in the contract's words (`FieldIssueKind`), from a valibot issue. */
function kindOf(issue: v.BaseIssue<unknown>): { kind?: FieldIssueKind; limit?: number } {
  const requirement = (issue as { requirement?: unknown }).requirement;
  const limit = typeof requirement === 'number' ? { limit: requirement } : {};
  const empty = issue.input === undefined || issue.input === null || issue.input === '';
  switch (issue.type) {
    case 'non_empty':
      return { kind: 'required' };
    case 'min_length':
    case 'min_graphemes':
    case 'min_words':
      return { kind: empty ? 'required' : 'too-short', ...limit };
    case 'max_length':
    case 'max_graphemes':
    case 'max_words':
    case 'max_bytes':
    case 'max_size':
      return { kind: 'too-long', ...limit };
    case 'min_value':
      return { kind: 'too-small', ...limit };
    case 'max_value':
      return { kind: 'too-large', ...limit };
    case 'email':
    case 'url':
    case 'regex':
    case 'iso_date':
    case 'iso_timestamp':
    case 'uuid':
      return { kind: 'format' };
    case 'picklist':
    case 'enum':
    case 'literal':
    case 'union':
    case 'variant':
      return { kind: empty ? 'required' : 'choice' };
    case 'check':
    case 'custom':
    case 'partial_check':
    case 'raw_check':
      // A rule of the schema's own, told only by its message: clients say "check this field".
      return {};
    default:
      return { kind: empty ? 'required' : 'type' };
  }
}

/** Converts valibot issues to `{ path, message, kind }` with the part of the request as the first segment. */
export function toFieldIssues(
  where: 'params' | 'query' | 'body',
  issues: readonly v.BaseIssue<unknown>[],
): FieldIssue[] {
  return issues.map((issue) => {
    const path = getDotPath(issue);
    return { path: path ? `${where}.${path}` : where, message: issue.message, ...kindOf(issue) };
  });
}

export function validationProblem(
  where: 'params' | 'query' | 'body',
  issues: readonly v.BaseIssue<unknown>[],
) {
  return new ProblemError(422, 'validation-failed', `Invalid ${where}`, toFieldIssues(where, issues));
}
