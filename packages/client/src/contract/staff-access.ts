/**
 * Staff access: people sign in to the console with an e-mail code (and an authenticator's code when
 * they enrolled one or their organisation requires it); the session is an HttpOnly cookie and every
 * state-changing call carries `X-CSRF-Token`. Organisation administrators manage people, API keys and
 * read the audit log; portal administrators create and import organisations and invite their first
 * administrators.
 */
import * as routes from '../routes/staff-access.ts';
import { OrganizationParams } from '../schemas/common.ts';
import {
  AdministratorInvitationInput,
  AdminOrganization,
  AdminOrganizationPage,
  AdminOrganizationQuery,
  ApiKeyParams,
  AuditPage,
  AuditQuery,
  CreatedApiKey,
  InvitationAcceptance,
  InvitationAccepted,
  NewOrganization,
  OrganizationImport,
  OrganizationImportResult,
  StaffApiKeyInput,
  StaffApiKeyList,
  StaffInvitation,
  StaffInvitationInput,
  StaffOidcSignInCompletion,
  StaffOidcSignInStarted,
  StaffPeople,
  StaffPerson,
  StaffPersonParams,
  StaffRolesInput,
  StaffSession,
  StaffSignInMethods,
  StaffSignInParams,
  StaffSignInRequest,
  StaffSignInStarted,
  StaffSignInVerification,
  TotpCode,
  TotpEnrolment,
} from '../schemas/staff-access.ts';
import type { EndpointDefinition } from './endpoint.ts';

const SESSION =
  'A signed-in person (the session cookie; writes also send `X-CSRF-Token`) or, where the permission allows, an API key.';

export const requestStaffSignInEndpoint = {
  ...routes.requestStaffSignInRoute,
  summary: 'Start a staff sign-in: e-mails a one-time code',
  description:
    'Always 202 with a sign-in id, whether or not the address has an account (only accounts get the ' +
    'mail). Limited per address and per client (429 `rate-limited`). From the portal’s own origin only.',
  tags: ['staff-access'],
  body: StaffSignInRequest,
  response: StaffSignInStarted,
  successStatus: 202,
  access: 'console',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const verifyStaffSignInEndpoint = {
  ...routes.verifyStaffSignInRoute,
  summary: 'Finish a staff sign-in with the code (and the authenticator’s code when needed)',
  description:
    'Sets a new session cookie (a cookie sent along is never adopted) and returns the session with its ' +
    'CSRF token. A wrong code: 422; an authenticator code needed: 422 on `body.totp`; five wrong codes ' +
    'or an expired sign-in: 422, ask for a new code.',
  tags: ['staff-access'],
  params: StaffSignInParams,
  body: StaffSignInVerification,
  response: StaffSession,
  access: 'console',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const getStaffSignInMethodsEndpoint = {
  ...routes.getStaffSignInMethodsRoute,
  summary: 'How staff may sign in here: the e-mail code, and the OpenID Connect provider if configured',
  description:
    'The console shows a "Sign in with {name}" button when `oidc` is set (the portal’s administrator ' +
    'configures one provider for staff). From the portal’s own origin only.',
  tags: ['staff-access'],
  response: StaffSignInMethods,
  access: 'console',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const startStaffOidcSignInEndpoint = {
  ...routes.startStaffOidcSignInRoute,
  summary: 'Start a staff sign-in with the portal’s OpenID Connect provider',
  description:
    'Returns the provider’s authorization URL (authorization code flow with PKCE, `state` and `nonce`); ' +
    'the provider sends the browser back to `/console/sign-in/oidc`. Sets a short-lived HttpOnly cookie ' +
    'that ties the sign-in to this browser. No provider configured: 404. ' +
    'The provider does not answer: 503. Limited per client (429). From the portal’s own origin only.',
  tags: ['staff-access'],
  response: StaffOidcSignInStarted,
  access: 'console',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const completeStaffOidcSignInEndpoint = {
  ...routes.completeStaffOidcSignInRoute,
  summary: 'Finish a staff sign-in with OpenID Connect (and the authenticator’s code when needed)',
  description:
    'Exchanges the code for tokens, checks the ID token’s nonce and the state, and matches the person ' +
    'by the provider’s verified e-mail address; nobody is created. Sets a new session cookie like the ' +
    'e-mail code sign-in. An unknown or used `state`, an expired sign-in, or one started in another ' +
    'browser (without its cookie): 422 on `body.state`; an ' +
    'address without a staff account or one the provider has not verified: 403 `forbidden`; an ' +
    'authenticator code needed or wrong: 422 on `body.totp` (send the same body with `totp`); five ' +
    'wrong authenticator codes: 429.',
  tags: ['staff-access'],
  body: StaffOidcSignInCompletion,
  response: StaffSession,
  access: 'console',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const acceptStaffInvitationEndpoint = {
  ...routes.acceptStaffInvitationRoute,
  summary: 'Accept an invitation (the token from its link); then sign in with the invited address',
  description: 'An unknown, used or expired token: 404. From the portal’s own origin only.',
  tags: ['staff-access'],
  body: InvitationAcceptance,
  response: InvitationAccepted,
  access: 'console',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const getStaffSessionEndpoint = {
  ...routes.getStaffSessionRoute,
  summary: 'The signed-in person, their roles and permissions per organisation, the CSRF token',
  description: 'Session cookie only (401 without a live session).',
  tags: ['staff-access'],
  response: StaffSession,
  access: 'staff',
  permission: 'account.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const signOutStaffEndpoint = {
  ...routes.signOutStaffRoute,
  summary: 'Sign out (this session)',
  tags: ['staff-access'],
  successStatus: 204,
  access: 'staff',
  permission: 'account.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const signOutStaffEverywhereEndpoint = {
  ...routes.signOutStaffEverywhereRoute,
  summary: 'Sign out everywhere: ends every session of the person',
  tags: ['staff-access'],
  successStatus: 204,
  access: 'staff',
  permission: 'account.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const startTotpEnrolmentEndpoint = {
  ...routes.startTotpEnrolmentRoute,
  summary: 'Start enrolling an authenticator app (TOTP): a new secret, pending until confirmed',
  description: 'Already enrolled: 409 `conflict` (disable first).',
  tags: ['staff-access'],
  response: TotpEnrolment,
  access: 'staff',
  permission: 'account.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const confirmTotpEndpoint = {
  ...routes.confirmTotpRoute,
  summary: 'Confirm the authenticator with a current code; sign-in asks for it from then on',
  tags: ['staff-access'],
  body: TotpCode,
  successStatus: 204,
  access: 'staff',
  permission: 'account.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const disableTotpEndpoint = {
  ...routes.disableTotpRoute,
  summary: 'Remove the authenticator (with a current code)',
  description: 'Refused (409 `conflict`) while an organisation of the person requires the second factor.',
  tags: ['staff-access'],
  body: TotpCode,
  successStatus: 204,
  access: 'staff',
  permission: 'account.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const listStaffPeopleEndpoint = {
  ...routes.listStaffPeopleRoute,
  summary: 'The organisation’s people with their roles, and open invitations',
  description: SESSION,
  tags: ['staff-access'],
  params: OrganizationParams,
  response: StaffPeople,
  access: 'staff',
  permission: 'people.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const inviteStaffPersonEndpoint = {
  ...routes.inviteStaffPersonRoute,
  summary: 'Invite a person by e-mail to a role in the organisation',
  description: `${SESSION} The mail carries a link to the console; the invitation lasts 7 days.`,
  tags: ['staff-access'],
  params: OrganizationParams,
  body: StaffInvitationInput,
  response: StaffInvitation,
  successStatus: 201,
  access: 'staff',
  permission: 'people.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const setStaffPersonRolesEndpoint = {
  ...routes.setStaffPersonRolesRoute,
  summary: 'Set a person’s roles in the organisation (an empty list removes the person)',
  description: `${SESSION} The organisation’s last administrator cannot be removed or given another role (409 \`conflict\`, reason \`last-administrator\`).`,
  tags: ['staff-access'],
  params: StaffPersonParams,
  body: StaffRolesInput,
  response: StaffPerson,
  access: 'staff',
  permission: 'people.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const listStaffApiKeysEndpoint = {
  ...routes.listStaffApiKeysRoute,
  summary: 'The organisation’s API keys (never the keys themselves)',
  description: SESSION,
  tags: ['staff-access'],
  params: OrganizationParams,
  response: StaffApiKeyList,
  access: 'staff',
  permission: 'keys.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const createStaffApiKeyEndpoint = {
  ...routes.createStaffApiKeyRoute,
  summary: 'Create an API key for an integration; the key is in this answer only',
  description: SESSION,
  tags: ['staff-access'],
  params: OrganizationParams,
  body: StaffApiKeyInput,
  response: CreatedApiKey,
  successStatus: 201,
  access: 'staff',
  permission: 'keys.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const revokeStaffApiKeyEndpoint = {
  ...routes.revokeStaffApiKeyRoute,
  summary: 'Revoke an API key (at once, for good)',
  description: SESSION,
  tags: ['staff-access'],
  params: ApiKeyParams,
  successStatus: 204,
  access: 'staff',
  permission: 'keys.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const listStaffAuditLogEndpoint = {
  ...routes.listStaffAuditLogRoute,
  summary: 'The organisation’s audit log, newest first',
  description: SESSION,
  tags: ['staff-access'],
  params: OrganizationParams,
  query: AuditQuery,
  response: AuditPage,
  access: 'staff',
  permission: 'audit.read',
  cacheable: false,
} as const satisfies EndpointDefinition;

const PORTAL = 'Portal administrators only.';

export const listPortalAuditLogEndpoint = {
  ...routes.listPortalAuditLogRoute,
  summary: 'The portal’s own audit log, newest first',
  description:
    `${PORTAL} What happens at the portal level rather than in one organisation: portal administrators ` +
    'signing in and out (and anyone signing in who holds no role in an organisation), organisations ' +
    'created and imported, administrators invited, the classifier imported, calendar days changed. ' +
    'An entry about one organisation names it in `details.organizationId`.',
  tags: ['staff-access'],
  query: AuditQuery,
  response: AuditPage,
  access: 'staff',
  permission: 'organizations.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const listPortalOrganizationsEndpoint = {
  ...routes.listPortalOrganizationsRoute,
  summary: 'Every organisation of the portal, with how many administrators each has',
  description: PORTAL,
  tags: ['staff-access'],
  query: AdminOrganizationQuery,
  response: AdminOrganizationPage,
  access: 'staff',
  permission: 'organizations.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const createPortalOrganizationEndpoint = {
  ...routes.createPortalOrganizationRoute,
  summary: 'Create an organisation',
  description: `${PORTAL} A taken id: 409 \`conflict\`; an unknown parent: 422 on \`body.parentId\`.`,
  tags: ['staff-access'],
  body: NewOrganization,
  response: AdminOrganization,
  successStatus: 201,
  access: 'staff',
  permission: 'organizations.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const importPortalOrganizationsEndpoint = {
  ...routes.importPortalOrganizationsRoute,
  summary: 'Import organisations from CSV (dry run by default): every refused row with why',
  description:
    `${PORTAL} Columns (header row, comma or semicolon): id, name, short_name, country, jurisdiction, ` +
    'parent_id, sphere, category, time_zone, contact_email, site_origin. Parents may come earlier in ' +
    'the file. All rows or none: with any refused row nothing is created.',
  tags: ['staff-access'],
  body: OrganizationImport,
  maxBodyBytes: 16 * 1024 * 1024,
  response: OrganizationImportResult,
  access: 'staff',
  permission: 'organizations.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const invitePortalOrganizationAdministratorEndpoint = {
  ...routes.invitePortalOrganizationAdministratorRoute,
  summary: 'Invite an organisation’s administrator by e-mail',
  description: `${PORTAL} An unknown organisation: 404.`,
  tags: ['staff-access'],
  params: OrganizationParams,
  body: AdministratorInvitationInput,
  response: StaffInvitation,
  successStatus: 201,
  access: 'staff',
  permission: 'organizations.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;
