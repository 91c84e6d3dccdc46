import type * as v from 'valibot';
import type { FieldIssue, Problem, ProblemCode } from './schemas/problem.ts';

/**
 * Every error the client throws is one of these classes. Switch on `kind` to handle each case:
 * `problem` — the portal refused the request (read `code` and `issues`);
 * `network` — no response (offline, DNS, CORS refused by the browser);
 * `timeout` — no response within the time limit; `aborted` — your AbortSignal fired;
 * `response-shape` — a response arrived but is not what the API promises (wrong version or proxy).
 */
export type OtklikClientError =
  | OtklikProblemError
  | OtklikNetworkError
  | OtklikTimeoutError
  | OtklikAbortedError
  | OtklikResponseShapeError;

abstract class OtklikErrorBase extends Error {
  abstract readonly kind: OtklikClientError['kind'];
}

/** The portal answered with an error status and RFC 9457 problem details. */
export class OtklikProblemError extends OtklikErrorBase {
  readonly kind = 'problem';
  override readonly name = 'OtklikProblemError';
  /** HTTP status, e.g. 404. */
  readonly status: number;
  /** Stable machine code, e.g. `organization-not-found`. */
  readonly code: ProblemCode;
  /** Per-field input problems (empty when the problem is not about input). */
  readonly issues: readonly FieldIssue[];
  /** Seconds to wait before retrying, from `Retry-After`, when the portal sent one. */
  readonly retryAfter: number | undefined;

  constructor(
    /**
     * The problem as sent; `problem.reason` tells which situation of `code` this is (`PROBLEM_REASONS`),
     * where the portal tells several apart (kept off the class: every widget bundle carries it).
     */
    readonly problem: Problem,
    retryAfter?: number,
  ) {
    super(problem.detail ?? problem.title);
    this.status = problem.status;
    this.code = problem.code;
    this.issues = problem.issues ?? [];
    this.retryAfter = retryAfter;
  }
}

/** No response arrived: the network failed or the browser blocked the request. */
export class OtklikNetworkError extends OtklikErrorBase {
  readonly kind = 'network';
  override readonly name = 'OtklikNetworkError';
  constructor(options: { cause: unknown }) {
    super('The portal could not be reached', options);
  }
}

/** No response arrived within `timeout` milliseconds (after any retries). */
export class OtklikTimeoutError extends OtklikErrorBase {
  readonly kind = 'timeout';
  override readonly name = 'OtklikTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`The portal did not answer within ${timeoutMs} ms`);
  }
}

/** The caller's AbortSignal cancelled the request. */
export class OtklikAbortedError extends OtklikErrorBase {
  readonly kind = 'aborted';
  override readonly name = 'OtklikAbortedError';
  constructor(options: { cause: unknown }) {
    super('The request was aborted', options);
  }
}

/** A response arrived but its body does not match the API's schema. */
export class OtklikResponseShapeError extends OtklikErrorBase {
  readonly kind = 'response-shape';
  override readonly name = 'OtklikResponseShapeError';
  constructor(
    readonly status: number,
    readonly issues: readonly v.BaseIssue<unknown>[],
  ) {
    super(`Unexpected response from the portal (status ${status})`);
  }
}

/** True for any error thrown by this client. */
export function isOtklikError(error: unknown): error is OtklikClientError {
  return error instanceof OtklikErrorBase;
}
