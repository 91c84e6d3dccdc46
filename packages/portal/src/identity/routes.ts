import { endpoints } from '@otklik/client/contract';
import { type IntakeGuard, limitedAs, recipientScope } from '../abuse/intake-guard.ts';
import type { Database } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import type { KeyRing } from '../security/keys.ts';
import { requestEmailCode, verifyEmailCode } from './email-code.ts';

export interface IdentityRoutesOptions {
  db: Database;
  keys: KeyRing;
  guard?: IntakeGuard | undefined;
}

/** Verifying an applicant's or a rater's e-mail with a one-time code. */
export function registerIdentityRoutes(router: Router, { db, keys, guard }: IdentityRoutesOptions): void {
  registerEndpoint(
    router,
    endpoints.requestEmailCode,
    async ({ c, org, body }) => {
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
