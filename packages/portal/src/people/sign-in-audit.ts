/**
 * Sign-in and sign-out in the audit log, under the person's name: one entry in each organisation
 * where they hold a role, so each organisation's administrator sees their own staff come and go; and
 * one in the portal's own log for a portal administrator, or for a person who holds no role anywhere
 * (who would otherwise appear in no log at all), which the portal administrators read.
 */
import type { SessionAuditDetails } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';

/** What happened: a session started, an authenticator code was wrong, one or every session ended. */
export type SignInEvent = 'sign-in' | 'totp-failed' | 'sign-out' | 'sign-out-everywhere';

/**
 * How the person proved who they are, as the entry's details record it: the e-mail code, or the staff
 * OpenID Connect provider by its id and its name at the time (the log outlives a renamed provider).
 */
export type SignInMethod = SessionAuditDetails;
export const EMAIL_CODE: SignInMethod = { method: 'email-code' };

export const SIGN_IN_AUDIT_ACTIONS: Record<SignInEvent, string> = {
  'sign-in': 'session.sign-in',
  'totp-failed': 'session.totp-failed',
  'sign-out': 'session.sign-out',
  'sign-out-everywhere': 'session.sign-out-everywhere',
};

export async function auditSignInEvent(
  db: Queryable,
  personId: string,
  event: SignInEvent,
  method: SignInMethod | null = null,
): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (person_id, organization_id, action, details)
     SELECT DISTINCT $1::uuid, organization_id, $2, $3::jsonb FROM memberships WHERE person_id = $1
     UNION ALL
     SELECT $1::uuid, NULL, $2, $3::jsonb
     WHERE EXISTS (SELECT 1 FROM portal_administrators a WHERE a.person_id = $1)
       OR NOT EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = $1)`,
    [personId, SIGN_IN_AUDIT_ACTIONS[event], method === null ? null : JSON.stringify(method)],
  );
}
