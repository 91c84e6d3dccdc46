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

/**
 * Why the portal refused, where one `code` covers situations a person must tell apart (many different
 * `conflict`s, say). Each reason always comes with the status and code listed here. Clients translate
 * by `reason`; a client older than the portal may meet a reason it does not know and falls back to
 * `code`. Add a reason here (and its text in every client that shows it), never rename one.
 */
export const PROBLEM_REASONS = {
  // The desk: the appeal's state
  'appeal-closed': { status: 409, code: 'conflict' },
  'transition-not-allowed': { status: 409, code: 'conflict' },
  'appeal-merged': { status: 409, code: 'conflict' },
  'appeal-withdrawn': { status: 409, code: 'conflict' },
  'extension-limit': { status: 409, code: 'conflict' },
  'extension-date-out-of-range': { status: 422, code: 'validation-failed' },
  'internal-due-after-legal': { status: 422, code: 'validation-failed' },
  'executor-only': { status: 403, code: 'forbidden' },
  'not-an-executor': { status: 422, code: 'validation-failed' },
  // The desk: merging duplicates
  'duplicate-of-itself': { status: 422, code: 'validation-failed' },
  'duplicate-not-found': { status: 422, code: 'validation-failed' },
  'duplicate-not-open': { status: 409, code: 'conflict' },
  'duplicate-already-merged': { status: 409, code: 'conflict' },
  'duplicate-has-duplicates': { status: 409, code: 'conflict' },
  // The desk: the answer's draft
  'draft-missing': { status: 409, code: 'conflict' },
  'draft-on-approval': { status: 409, code: 'conflict' },
  'answer-already-sent': { status: 409, code: 'conflict' },
  'draft-not-on-approval': { status: 409, code: 'conflict' },
  'draft-result-missing': { status: 422, code: 'validation-failed' },
  'draft-text-missing': { status: 422, code: 'validation-failed' },
  'answer-has-blanks': { status: 422, code: 'validation-failed' },
  'answer-files-limit': { status: 409, code: 'conflict' },
  'due-period-reversed': { status: 422, code: 'validation-failed' },
  // The staff gate: who may call
  'csrf-token-invalid': { status: 403, code: 'forbidden' },
  'api-key-invalid': { status: 401, code: 'unauthorized' },
  'permission-missing': { status: 403, code: 'forbidden' },
  'api-key-other-organization': { status: 403, code: 'forbidden' },
  'mine-needs-person': { status: 422, code: 'validation-failed' },
  // People, organisations, access
  'person-only': { status: 403, code: 'forbidden' },
  'portal-administrator-only': { status: 403, code: 'forbidden' },
  'last-administrator': { status: 409, code: 'conflict' },
  'invitation-invalid': { status: 404, code: 'not-found' },
  'organization-id-taken': { status: 409, code: 'conflict' },
  'parent-organization-unknown': { status: 422, code: 'validation-failed' },
  'csv-columns-missing': { status: 422, code: 'validation-failed' },
  // Signing in and the authenticator
  'sign-in-code-wrong': { status: 422, code: 'validation-failed' },
  'sign-in-code-expired': { status: 422, code: 'validation-failed' },
  'sign-in-code-used': { status: 422, code: 'validation-failed' },
  'sign-in-unknown': { status: 404, code: 'not-found' },
  'totp-code-missing': { status: 422, code: 'validation-failed' },
  'totp-code-wrong': { status: 422, code: 'validation-failed' },
  'totp-code-reused': { status: 422, code: 'validation-failed' },
  'too-many-wrong-codes': { status: 429, code: 'rate-limited' },
  'too-many-codes-requested': { status: 429, code: 'rate-limited' },
  'totp-already-set-up': { status: 409, code: 'conflict' },
  'totp-enrolment-not-started': { status: 409, code: 'conflict' },
  'totp-not-set-up': { status: 409, code: 'conflict' },
  'totp-required-by-organization': { status: 409, code: 'conflict' },
  'oidc-sign-in-expired': { status: 422, code: 'validation-failed' },
  'oidc-other-browser': { status: 422, code: 'validation-failed' },
  'oidc-not-confirmed': { status: 422, code: 'validation-failed' },
  'oidc-email-unverified': { status: 403, code: 'identity-required' },
  'no-staff-account': { status: 403, code: 'forbidden' },
  'identity-provider-unavailable': { status: 503, code: 'service-unavailable' },
  // Settings
  'origins-limit': { status: 422, code: 'validation-failed' },
  'first-language-required': { status: 422, code: 'validation-failed' },
  'language-not-offered': { status: 422, code: 'validation-failed' },
  'topic-order-incomplete': { status: 422, code: 'validation-failed' },
  'oidc-provider-unknown': { status: 422, code: 'validation-failed' },
  'identity-method-required': { status: 422, code: 'validation-failed' },
  'above-portal-limit': { status: 422, code: 'validation-failed' },
  'media-type-not-taken': { status: 422, code: 'validation-failed' },
  'criteria-set-unknown': { status: 422, code: 'validation-failed' },
  'criteria-set-id-taken': { status: 409, code: 'conflict' },
  'host-not-found': { status: 422, code: 'validation-failed' },
  'address-not-public': { status: 422, code: 'validation-failed' },
  'too-many-redirects': { status: 422, code: 'validation-failed' },
  // Webhooks, calendars, the classifier
  'webhooks-limit': { status: 409, code: 'conflict' },
  'day-kind-mismatch': { status: 422, code: 'validation-failed' },
  'day-already-ordinary': { status: 404, code: 'not-found' },
  'classifier-rows-refused': { status: 422, code: 'validation-failed' },
  'classifier-code-format': { status: 422, code: 'validation-failed' },
  'classifier-title-length': { status: 422, code: 'validation-failed' },
  'classifier-title-unreadable': { status: 422, code: 'validation-failed' },
  'classifier-code-twice': { status: 422, code: 'validation-failed' },
  'classifier-code-unknown': { status: 422, code: 'validation-failed' },
  'csv-empty': { status: 422, code: 'validation-failed' },
} as const satisfies Record<string, { status: number; code: ProblemCode }>;

export const ProblemReason = v.picklist(
  Object.keys(PROBLEM_REASONS) as [keyof typeof PROBLEM_REASONS, ...(keyof typeof PROBLEM_REASONS)[]],
);
export type ProblemReason = v.InferOutput<typeof ProblemReason>;

/**
 * Which check of the contract's schema failed, for an issue the schema found (an issue found by the
 * portal's own rules carries a `reason` instead). `limit` gives its number where there is one.
 */
export const FieldIssueKind = v.picklist([
  'required',
  'too-short',
  'too-long',
  'too-small',
  'too-large',
  'format',
  'choice',
  'type',
]);
export type FieldIssueKind = v.InferOutput<typeof FieldIssueKind>;

/** One input problem, located by a dotted path such as `query.limit` or `body.applicant.email`. */
export const FieldIssue = v.object({
  path: v.string(),
  /** English text for the developer; clients show their own words for `reason` or `kind`. */
  message: v.string(),
  reason: v.optional(ProblemReason),
  kind: v.optional(FieldIssueKind),
  limit: v.optional(v.number()),
});
export type FieldIssue = v.InferOutput<typeof FieldIssue>;

/** RFC 9457 problem details, extended with `code`, `reason` and per-field `issues`. */
export const Problem = v.object({
  type: v.string(),
  title: v.string(),
  status: v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599)),
  code: ProblemCode,
  /** Which situation of `code` this is, where a person must tell several apart. */
  reason: v.optional(ProblemReason),
  /** English text for API users; clients show their own words for `code` and `reason`. */
  detail: v.optional(v.string()),
  instance: v.optional(v.string()),
  issues: v.optional(v.array(FieldIssue)),
});
export type Problem = v.InferOutput<typeof Problem>;
