/** Routes of staff access: sign-in, the session, people, API keys, the audit log, portal administration. */

export { acceptStaffInvitationRoute } from './staff-access/accept-staff-invitation.ts';
export { completeStaffOidcSignInRoute } from './staff-access/complete-staff-oidc-sign-in.ts';
export { confirmTotpRoute } from './staff-access/confirm-totp.ts';
export { createPortalOrganizationRoute } from './staff-access/create-portal-organization.ts';
export { createStaffApiKeyRoute } from './staff-access/create-staff-api-key.ts';
export { disableTotpRoute } from './staff-access/disable-totp.ts';
export { getStaffSessionRoute } from './staff-access/get-staff-session.ts';
export { getStaffSignInMethodsRoute } from './staff-access/get-staff-sign-in-methods.ts';
export { importPortalOrganizationsRoute } from './staff-access/import-portal-organizations.ts';
export { invitePortalOrganizationAdministratorRoute } from './staff-access/invite-portal-organization-administrator.ts';
export { inviteStaffPersonRoute } from './staff-access/invite-staff-person.ts';
export { listPortalAuditLogRoute } from './staff-access/list-portal-audit-log.ts';
export { listPortalOrganizationsRoute } from './staff-access/list-portal-organizations.ts';
export { listStaffApiKeysRoute } from './staff-access/list-staff-api-keys.ts';
export { listStaffAuditLogRoute } from './staff-access/list-staff-audit-log.ts';
export { listStaffPeopleRoute } from './staff-access/list-staff-people.ts';
export { requestStaffSignInRoute } from './staff-access/request-staff-sign-in.ts';
export { revokeStaffApiKeyRoute } from './staff-access/revoke-staff-api-key.ts';
export { setStaffPersonRolesRoute } from './staff-access/set-staff-person-roles.ts';
export { signOutStaffRoute } from './staff-access/sign-out-staff.ts';
export { signOutStaffEverywhereRoute } from './staff-access/sign-out-staff-everywhere.ts';
export { startStaffOidcSignInRoute } from './staff-access/start-staff-oidc-sign-in.ts';
export { startTotpEnrolmentRoute } from './staff-access/start-totp-enrolment.ts';
export { verifyStaffSignInRoute } from './staff-access/verify-staff-sign-in.ts';
