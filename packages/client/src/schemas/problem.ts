import * as v from 'valibot';

/**
 * Stable machine-readable error codes. Clients branch on these, never on `title` or `detail`,
 * which are human text and may change.
 */
export const ProblemCode = v.picklist([
  'bad-request',
  'headers-too-large',
  'request-timeout',
  'malformed-json',
  'validation-failed',
  'unsupported-media-type',
  'payload-too-large',
  'not-found',
  'method-not-allowed',
  'organization-not-found',
  'origin-not-allowed',
  'unauthorized',
  'forbidden',
  'conflict',
  'last-administrator',
  'rate-limited',
  'idempotency-key-reused',
  'proof-of-work-invalid',
  'proof-of-work-replayed',
  'identity-required',
  'identity-invalid',
  'consent-required',
  'appeals-handed-off',
  'already-rated',
  'ratings-disabled',
  'internal-error',
  'service-unavailable',
]);
export type ProblemCode = v.InferOutput<typeof ProblemCode>;

/** One input problem, located by a dotted path such as `query.limit` or `body.applicant.email`. */
export const FieldIssue = v.object({
  path: v.string(),
  message: v.string(),
});
export type FieldIssue = v.InferOutput<typeof FieldIssue>;

/** RFC 9457 problem details, extended with `code` and per-field `issues`. */
export const Problem = v.object({
  type: v.string(),
  title: v.string(),
  status: v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599)),
  code: ProblemCode,
  detail: v.optional(v.string()),
  instance: v.optional(v.string()),
  issues: v.optional(v.array(FieldIssue)),
});
export type Problem = v.InferOutput<typeof Problem>;
