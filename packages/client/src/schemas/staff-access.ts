/**
 * Staff access: signing in to the console, the session, the second factor, the organisation's people,
 * API keys and audit log, and the portal administrators' organisations.
 */
import * as v from 'valibot';
import { STAFF_ROLES } from '../contract/staff-roles.ts';
import {
  Country,
  IsoTimestamp,
  JurisdictionProfileId,
  Language,
  OrganizationId,
  queryInteger,
} from './common.ts';

/** A staff member's e-mail address (trimmed, compared in lower case). */
export const StaffEmail = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254),
  v.email('Enter a valid e-mail address'),
);

/** A role held in an organisation. */
export const StaffRoleSchema = v.picklist(STAFF_ROLES);

/** Six digits: an e-mail code or an authenticator's code. */
const SixDigits = v.pipe(v.string(), v.regex(/^\d{6}$/, 'Six digits'));

/** Body of `POST /v1/staff/sign-in`. */
export const StaffSignInRequest = v.object({ email: StaffEmail, language: v.optional(Language) });
/**
 * Answer of `POST /v1/staff/sign-in`: always the same shape (202), whether or not the address has an
 * account, so the answer does not tell which addresses do.
 */
export const StaffSignInStarted = v.object({
  signInId: v.pipe(v.string(), v.uuid()),
  expiresAt: IsoTimestamp,
});
export type StaffSignInStarted = v.InferOutput<typeof StaffSignInStarted>;

/** Path of `POST /v1/staff/sign-in/{signInId}`. */
export const StaffSignInParams = v.object({ signInId: v.pipe(v.string(), v.uuid()) });
/** Body of `POST /v1/staff/sign-in/{signInId}`: the mailed code, and the authenticator's code when asked. */
export const StaffSignInVerification = v.object({ code: SixDigits, totp: v.optional(SixDigits) });

/**
 * Answer of `GET /v1/staff/sign-in-methods`: how staff may sign in on this portal. `oidc` names the
 * OpenID Connect provider the portal configured for staff (the button reads "Sign in with {name}").
 */
export const StaffSignInMethods = v.object({
  emailCode: v.boolean(),
  oidc: v.nullable(v.object({ name: v.string() })),
});
export type StaffSignInMethods = v.InferOutput<typeof StaffSignInMethods>;

/** Answer of `POST /v1/staff/oidc-sign-in`: where to send the browser (the provider's login page). */
export const StaffOidcSignInStarted = v.object({
  authorizationUrl: v.pipe(v.string(), v.url()),
  expiresAt: IsoTimestamp,
});
export type StaffOidcSignInStarted = v.InferOutput<typeof StaffOidcSignInStarted>;

/** An OAuth parameter echoed back by the provider in the console's callback URL. */
const CallbackParameter = v.pipe(v.string(), v.minLength(1), v.maxLength(2048));

/**
 * Body of `POST /v1/staff/oidc-sign-in/complete`: the parameters the provider added to the console's
 * callback URL (`state`, `code`, and `iss` when it sends one), and the authenticator's code when asked.
 */
export const StaffOidcSignInCompletion = v.object({
  state: CallbackParameter,
  code: CallbackParameter,
  iss: v.optional(CallbackParameter),
  totp: v.optional(SixDigits),
});
export type StaffOidcSignInCompletion = v.InferOutput<typeof StaffOidcSignInCompletion>;

/** A role held in an organisation, as the session and the people list show it. */
export const StaffMembership = v.object({
  organizationId: OrganizationId,
  organizationName: v.string(),
  /** Its short name ("МБОУ СОШ № 1"), which the console's header shows where a phone has no room; null when none. */
  organizationShortName: v.optional(v.nullable(v.string())),
  /** Its time zone (IANA), the clock of its days and months; the session sends it. */
  organizationTimeZone: v.optional(v.string()),
  role: StaffRoleSchema,
  /** Whether the role reaches the organisations below for figures. */
  subtree: v.boolean(),
});
export type StaffMembership = v.InferOutput<typeof StaffMembership>;

/** The signed-in person: who they are, their roles, what they may do where. */
export const StaffSession = v.object({
  person: v.object({
    id: v.pipe(v.string(), v.uuid()),
    email: v.string(),
    displayName: v.string(),
    totpEnabled: v.boolean(),
  }),
  portalAdministrator: v.boolean(),
  memberships: v.array(StaffMembership),
  /** The permissions held in each organisation (by id); subtree figures reach further. */
  permissions: v.record(v.string(), v.array(v.string())),
  /** Send as `X-CSRF-Token` with every state-changing staff call made with the session cookie. */
  csrfToken: v.string(),
  /** When the session ends at the latest (idle sessions end sooner). */
  expiresAt: IsoTimestamp,
});
export type StaffSession = v.InferOutput<typeof StaffSession>;

/** Answer of `POST /v1/staff/account/totp`: the new secret to put into an authenticator app. */
export const TotpEnrolment = v.object({
  /** Base32 secret, for typing in by hand. */
  secret: v.string(),
  /** `otpauth://totp/…` URI, for a QR code. */
  uri: v.string(),
});
export type TotpEnrolment = v.InferOutput<typeof TotpEnrolment>;
/** Body of the TOTP confirmation and removal: a current code of the authenticator. */
export const TotpCode = v.object({ code: SixDigits });

/** An invitation to a role, as its organisation's administrators see it (never its token). */
export const StaffInvitation = v.object({
  id: v.pipe(v.string(), v.uuid()),
  email: v.string(),
  organizationId: OrganizationId,
  role: StaffRoleSchema,
  subtree: v.boolean(),
  createdAt: IsoTimestamp,
  expiresAt: IsoTimestamp,
  acceptedAt: v.nullable(IsoTimestamp),
});
export type StaffInvitation = v.InferOutput<typeof StaffInvitation>;

/** Body of an invitation: who, and which role. */
export const StaffInvitationInput = v.object({
  email: StaffEmail,
  role: StaffRoleSchema,
  subtree: v.optional(v.boolean(), false),
  language: v.optional(Language),
});

/** A person with their roles in one organisation. */
export const StaffPerson = v.object({
  id: v.pipe(v.string(), v.uuid()),
  email: v.string(),
  displayName: v.string(),
  roles: v.array(v.object({ role: StaffRoleSchema, subtree: v.boolean() })),
});
export type StaffPerson = v.InferOutput<typeof StaffPerson>;

/** The organisation's people and its open invitations. */
export const StaffPeople = v.object({
  people: v.array(StaffPerson),
  invitations: v.array(StaffInvitation),
});
export type StaffPeople = v.InferOutput<typeof StaffPeople>;

/** Path of one person in an organisation. */
export const StaffPersonParams = v.object({
  organizationId: OrganizationId,
  personId: v.pipe(v.string(), v.uuid()),
});
/** Body of `PUT …/people/{personId}/roles`: the person's roles there; empty removes them all. */
export const StaffRolesInput = v.object({
  roles: v.pipe(
    v.array(v.object({ role: StaffRoleSchema, subtree: v.optional(v.boolean(), false) })),
    v.maxLength(STAFF_ROLES.length),
  ),
});

/** Body of `POST /v1/staff/invitations/accept`: the token from the invitation's link. */
export const InvitationAcceptance = v.object({
  token: v.pipe(v.string(), v.regex(/^[\w-]{20,100}$/, 'Not an invitation token')),
});
/** The accepted invitation: sign in with this address next. */
export const InvitationAccepted = v.object({
  email: v.string(),
  organizationId: OrganizationId,
  /** The organisation's name, what the invitee knows it by (the invitation mail names it so too). */
  organizationName: v.string(),
  role: StaffRoleSchema,
});
export type InvitationAccepted = v.InferOutput<typeof InvitationAccepted>;

/** An API key of the organisation (never the key itself, except once when created). */
export const StaffApiKey = v.object({
  id: v.pipe(v.string(), v.uuid()),
  label: v.nullable(v.string()),
  createdAt: IsoTimestamp,
  /** When the key was last used, to the minute (refreshed at most once a minute). */
  lastUsedAt: v.nullable(IsoTimestamp),
  revokedAt: v.nullable(IsoTimestamp),
});
export type StaffApiKey = v.InferOutput<typeof StaffApiKey>;
export const StaffApiKeyList = v.object({ items: v.array(StaffApiKey) });
/** Body of `POST …/api-keys`. */
export const StaffApiKeyInput = v.object({
  label: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
});
/** A new key: `key` is shown this once and stored only as a hash. */
export const CreatedApiKey = v.object({ ...StaffApiKey.entries, key: v.string() });
export type CreatedApiKey = v.InferOutput<typeof CreatedApiKey>;
export const ApiKeyParams = v.object({ organizationId: OrganizationId, keyId: v.pipe(v.string(), v.uuid()) });

/** One line of the audit log: who, what, which appeal, never personal data. */
export const AuditEntry = v.object({
  id: v.number(),
  at: IsoTimestamp,
  action: v.string(),
  appealId: v.nullable(v.string()),
  /** The appeal's registration number, what people know it by (null: no appeal, or it is gone). */
  appealNumber: v.nullable(v.string()),
  /** The person's e-mail, or the API key's label, or null when that actor is gone. */
  actor: v.nullable(v.object({ kind: v.picklist(['person', 'api-key']), name: v.string() })),
  details: v.nullable(v.record(v.string(), v.unknown())),
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;
/**
 * `details` of a session entry of the audit log (`session.sign-in`, `session.totp-failed`): how the
 * person signed in — `email-code`, or `oidc:{provider id}` with the provider's name as it was then
 * (entries written before the name was recorded carry the id alone).
 */
export const SessionAuditDetails = v.object({
  method: v.union([
    v.literal('email-code'),
    v.custom<`oidc:${string}`>((m) => typeof m === 'string' && m.startsWith('oidc:')),
  ]),
  provider: v.optional(v.string()),
});
export type SessionAuditDetails = v.InferOutput<typeof SessionAuditDetails>;
/** Query of the audit log: newest first, `before` an entry id for the next page. */
export const AuditQuery = v.object({
  limit: v.optional(queryInteger(1, 200), '50'),
  before: v.optional(queryInteger(1, 2_000_000_000)),
});
export const AuditPage = v.object({
  items: v.array(AuditEntry),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: v.nullable(v.number()),
});
export type AuditPage = v.InferOutput<typeof AuditPage>;

/** An organisation as the portal's administrators create it (and one row of the CSV import). */
export const NewOrganization = v.object({
  id: OrganizationId,
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500)),
  shortName: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(200)))),
  country: Country,
  jurisdiction: JurisdictionProfileId,
  parentId: v.optional(v.nullable(OrganizationId)),
  sphere: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'A lowercase key, e.g. education')),
  category: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'A lowercase key, e.g. school')),
  timeZone: v.pipe(
    v.string(),
    v.check((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'Not an IANA time zone'),
  ),
  contactEmail: v.optional(v.nullable(StaffEmail)),
  /** The site that embeds the widgets, as an origin (`https://school.example`). */
  siteOrigin: v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/, 'An origin, e.g. https://school.example'),
      ),
    ),
  ),
});
export type NewOrganization = v.InferOutput<typeof NewOrganization>;

/** An organisation in the portal administrators' list. */
export const AdminOrganization = v.object({
  id: OrganizationId,
  name: v.string(),
  parentId: v.nullable(v.string()),
  country: Country,
  jurisdiction: JurisdictionProfileId,
  /** How many people administer it (0: invite one). */
  administrators: v.number(),
  createdAt: IsoTimestamp,
});
export type AdminOrganization = v.InferOutput<typeof AdminOrganization>;
export const AdminOrganizationQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(queryInteger(1, 100), '50'),
  offset: v.optional(queryInteger(0, 1_000_000), '0'),
});
export const AdminOrganizationPage = v.object({
  items: v.array(AdminOrganization),
  total: v.number(),
});

/** Body of the CSV import: the file's text and whether to only check it. */
export const OrganizationImport = v.object({
  csv: v.pipe(v.string(), v.minLength(1), v.maxLength(16_000_000)),
  dryRun: v.optional(v.boolean(), true),
});
/** What the import did (or, on a dry run, would do): created ids and every refused row with why. */
export const OrganizationImportResult = v.object({
  dryRun: v.boolean(),
  rows: v.number(),
  created: v.number(),
  refused: v.array(v.object({ line: v.number(), id: v.nullable(v.string()), reasons: v.array(v.string()) })),
});
export type OrganizationImportResult = v.InferOutput<typeof OrganizationImportResult>;

/** Body of inviting an organisation's administrator. */
export const AdministratorInvitationInput = v.object({ email: StaffEmail, language: v.optional(Language) });
