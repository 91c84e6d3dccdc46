import { endpoints } from '@otklik/client/contract';
import { type IntakeGuard, limitedAs, recipientScope } from '../abuse/intake-guard.ts';
import type { Database } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { ProblemError } from '../http/problem.ts';
import type { KeyRing } from '../security/keys.ts';
import { requestEmailCode, verifyEmailCode } from './email-code.ts';

export interface IdentityRoutesOptions {
  db: Database;
  keys: KeyRing;
  guard?: IntakeGuard | undefined;
}

/** Whether the organisation offers the e-mail code (its identity methods; on unless turned off). */
async function offersEmailCode(db: Database, organizationId: string): Promise<boolean> {
  const [row] = await db.query<{ email_code: boolean }>(
    'SELECT email_code FROM organization_appeal_settings WHERE organization_id = $1',
    [organizationId],
  );
  return row?.email_code ?? true;
}

/** Verifying an applicant's or a rater's e-mail with a one-time code. */
export function registerIdentityRoutes(router: Router, { db, keys, guard }: IdentityRoutesOptions): void {
  registerEndpoint(
    router,
    endpoints.requestEmailCode,
    async ({ c, org, body }) => {
      // The organisation's identity methods: with the e-mail code turned off, its form does not
      // offer it, and no code is sent for that organisation either.
      if (!(await offersEmailCode(db, org.id))) {
        throw new ProblemError(
          403,
          'forbidden',
          'This organisation does not offer the e-mail code; use one of the sign-in methods its form shows',
        );
      }
      // Per address as well as per network address (one address may serve a whole computer room).
      if (guard)
        await guard(
          c,
          'email-code-recipient',
          await recipientScope((a) => keys.sign('rate-limit', a), body.email),
        );
      return requestEmailCode(db, keys, org, body.email, body.language ?? org.languages[0] ?? 'ru');
    },
    limitedAs(guard, 'email-code'),
  );
  registerEndpoint(
    router,
    endpoints.verifyEmailCode,
    async ({ params, body }) =>
      verifyEmailCode(db, keys, params.organizationId, params.verificationId, body.code),
    limitedAs(guard, 'email-verify'),
  );
}
