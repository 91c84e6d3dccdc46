/**
 * The shape of an endpoint definition: everything both sides need to know about one endpoint —
 * its route, its documentation, the schemas of what goes in and comes out, and who may call it.
 * The portal registers, validates and documents endpoints from these definitions; the client builds
 * its calls from them.
 */
import type * as v from 'valibot';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A schema of named values (path parameters, a query): an object, possibly with checks piped after it. */
export type RecordSchema = v.GenericSchema<Record<string, unknown>, Record<string, unknown>>;

/**
 * Who may call a public endpoint, and from which web origins. `organization`: widgets on an
 * organisation's site; only that organisation's allowed origins may call it cross-origin (the path
 * has `{organizationId}`). `appeal`: the same, for the organisation the appeal belongs to (the path
 * has `{appealId}`). `directory`: public directory data; an origin allowed by any organisation may
 * call it.
 */
export type PublicAccess = 'organization' | 'appeal' | 'directory';

/**
 * `console`: an anonymous call of the console itself (signing in, accepting an invitation): only
 * from the portal's own web origin, never cross-origin, with no credentials.
 */
export type ConsoleAccess = 'console';

/**
 * `staff`: a staff actor of an organisation — an API key today, a person signed in to the console
 * later — holding the endpoint's {@link StaffPermission}; never callable cross-origin. (Portal
 * administrators will be a third kind.)
 */
export type Access = PublicAccess | ConsoleAccess | 'staff';

/**
 * What a staff actor may do, with where it applies: `organization` permissions reach personal data
 * and apply to the actor's own organisation only; `subtree` ones read figures without personal data
 * and apply to the actor's organisation and every organisation below it; `portal` ones belong to
 * the portal's administrators (no organisation scope); `self` ones concern the signed-in person's
 * own account and session.
 */
export const STAFF_PERMISSIONS = {
  /** The queue and the appeals with the applicants' data, their attachments. */
  'appeals.read': 'organization',
  /** Moving an appeal on (in review, forwarded, extended, left without answer) and writing to the applicant. */
  'appeals.process': 'organization',
  /** Assigning appeals to executors, merging duplicates, keeping the answer templates. */
  'appeals.assign': 'organization',
  /** Drafting the answer to an appeal assigned to oneself and sending it for approval. */
  'appeals.draft': 'organization',
  /** Approving (signing) and sending the answer on the merits, or returning the draft. */
  'appeals.answer': 'organization',
  /** Origins, languages, how ratings are taken, criteria sets. */
  'settings.manage': 'organization',
  /** Rating comments and the ratings export. */
  'ratings.read': 'subtree',
  /** The monthly appeal report and its exports: figures, no personal data. */
  'reports.read': 'subtree',
  /** The organisation's people: inviting, changing and removing roles. */
  'people.manage': 'organization',
  /** The organisation's API keys: creating and revoking them. */
  'keys.manage': 'organization',
  /** The organisation's audit log. */
  'audit.read': 'organization',
  /** Portal administrators: creating and importing organisations, inviting their administrators. */
  'organizations.manage': 'portal',
  /** A signed-in person's own session and second factor. */
  'account.manage': 'self',
} as const satisfies Record<string, 'organization' | 'subtree' | 'portal' | 'self'>;
export type StaffPermission = keyof typeof STAFF_PERMISSIONS;

interface Common {
  /** OpenAPI-style path with `{name}` placeholders for path parameters. */
  readonly path: `/v1/${string}`;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: RecordSchema;
  /** Every query parameter is optional: the schema supplies the defaults. */
  readonly query?: RecordSchema;
  /** Status of a successful answer (200 unless given). */
  readonly successStatus?: 200 | 201 | 202 | 204;
  /**
   * Writes that take an `Idempotency-Key`: a retry with the same key returns the first answer and
   * writes nothing (even when rate limits would refuse a new request); the same key with another
   * body (compared as canonical JSON) is refused (422 `idempotency-key-reused`), one while the first
   * request still runs gets 409 `conflict` with `Retry-After`.
   */
  readonly idempotent?: boolean;
  /** Whether CDNs and browsers may cache the response (sent with `ETag` and `Cache-Control`). */
  readonly cacheable: boolean;
  /** A larger JSON body than the usual 64 KiB, for the few writes that carry a file's text. */
  readonly maxBodyBytes?: number;
}

/** A read or a delete carries no body; a write carries JSON (`body`) or one file (`upload`). */
type Request =
  | { readonly method: 'GET' | 'DELETE'; readonly body?: never; readonly upload?: never }
  | { readonly method: 'POST' | 'PUT' | 'PATCH'; readonly body?: v.GenericSchema; readonly upload?: never }
  | {
      readonly method: 'POST' | 'PUT';
      /** `multipart/form-data` with one file in the field `file`. */
      readonly upload: 'multipart';
      readonly body?: never;
    };

/** A successful answer is JSON (`response`), a file (`download`) or nothing at all (204). */
type Reply =
  | { readonly response: v.GenericSchema; readonly download?: never }
  | {
      /** A file sent as an attachment: CSV text or bytes of the type detected at upload. */
      readonly download: 'text/csv' | 'binary';
      readonly response?: never;
    }
  | { readonly successStatus: 204; readonly response?: never; readonly download?: never };

type Caller =
  | {
      readonly access: PublicAccess;
      readonly permission?: never;
      /**
       * `appeal-secret`: the appeal's access secret as `Authorization: Bearer <secret>`;
       * `upload-token`: the token returned with an upload, the same way.
       */
      readonly auth?: 'appeal-secret' | 'upload-token';
    }
  | { readonly access: ConsoleAccess; readonly permission?: never; readonly auth?: never }
  | { readonly access: 'staff'; readonly permission: StaffPermission; readonly auth?: never };

/** One endpoint of the portal API. Declare one `as const satisfies EndpointDefinition`. */
export type EndpointDefinition = Common & Request & Reply & Caller;
