/**
 * The TOTP second factor (RFC 6238 through the `otpauth` library): a secret sealed with the
 * portal's key ring, pending until the person proves their authenticator with a code.
 */
import type { ProblemReason, TotpEnrolment } from '@otklik/client/schemas';
import { Secret, TOTP } from 'otpauth';
import type { Queryable } from '../db/types.ts';
import { fieldRefusal, ProblemError, refusal } from '../http/problem.ts';
import type { KeyRing } from '../security/keys.ts';
import { openSecret, sealSecret } from '../security/secret-box.ts';

const PURPOSE = 'totp-secret';

const totpOf = (secret: string, label = 'staff') =>
  new TOTP({
    issuer: 'Otklik',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });

const PERIOD_MS = 30_000;

/** How an authenticator code fared: right and new, wrong, or right but already accepted once. */
export type TotpCheck = 'accepted' | 'wrong' | 'reused';

/**
 * Checks `code` against the person's authenticator (now, or one step either side for clock drift)
 * and, when right, records its time step so it is never accepted again (RFC 6238 §5.2). Run it in the
 * transaction that acts on the code.
 */
export async function acceptTotp(
  db: Queryable,
  keys: KeyRing,
  person: { readonly id: string; readonly totpSecret: string },
  code: string,
  now: Date,
): Promise<TotpCheck> {
  const secret = await openSecret(keys, PURPOSE, person.totpSecret);
  const delta = totpOf(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return 'wrong';
  const step = Math.floor(now.getTime() / PERIOD_MS) + delta;
  const recorded = await db.query(
    `UPDATE people SET totp_last_step = $2
     WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
    [person.id, step],
  );
  return recorded.length === 1 ? 'accepted' : 'reused';
}

/** The 422 for a code that was not accepted, naming the field it came in. */
export function totpRefusal(check: Exclude<TotpCheck, 'accepted'>): CodeRefusal {
  return check === 'reused'
    ? {
        reason: 'totp-code-reused',
        message: 'This authenticator code was used already; wait for the next one',
      }
    : { reason: 'totp-code-wrong', message: 'Wrong authenticator code' };
}

/** Why a sign-in code was not taken: the contract's reason and the English text beside it. */
export interface CodeRefusal {
  reason: ProblemReason;
  message: string;
}

export const TOTP_MISSING: CodeRefusal = {
  reason: 'totp-code-missing',
  message: 'Enter the code from your authenticator app',
};

/** Starts enrolment: a new secret replaces any pending one; an enabled authenticator must go first. */
export async function startEnrolment(
  db: Queryable,
  keys: KeyRing,
  personId: string,
  email: string,
): Promise<TotpEnrolment> {
  const [row] = await db.query<{ totp_enabled_at: Date | null }>(
    'SELECT totp_enabled_at FROM people WHERE id = $1 FOR UPDATE',
    [personId],
  );
  if (row?.totp_enabled_at) {
    throw refusal('totp-already-set-up', 'An authenticator is already set up; remove it first');
  }
  const secret = new Secret({ size: 20 }).base32;
  await db.query('UPDATE people SET totp_secret = $2 WHERE id = $1', [
    personId,
    await sealSecret(keys, PURPOSE, secret),
  ]);
  return { secret, uri: totpOf(secret, email).toString() };
}

/** Confirms (`enable`) or removes the authenticator, each with a current code (422 when wrong). */
export async function setTotp(
  db: Queryable,
  keys: KeyRing,
  personId: string,
  code: string,
  enable: boolean,
  now: Date,
): Promise<void> {
  const [row] = await db.query<{
    totp_secret: string | null;
    totp_enabled_at: Date | null;
    required: boolean;
  }>(
    `SELECT totp_secret, totp_enabled_at,
            EXISTS (SELECT 1 FROM memberships m JOIN organizations o ON o.id = m.organization_id
                    WHERE m.person_id = p.id AND o.require_totp) AS required
     FROM people p WHERE id = $1 FOR UPDATE`,
    [personId],
  );
  if (!row?.totp_secret || (enable ? row.totp_enabled_at !== null : row.totp_enabled_at === null)) {
    throw enable
      ? refusal('totp-enrolment-not-started', 'Start the enrolment first')
      : refusal('totp-not-set-up', 'No authenticator is set up');
  }
  if (!enable && row.required) {
    throw refusal('totp-required-by-organization', 'An organisation of yours requires the authenticator');
  }
  const check = await acceptTotp(db, keys, { id: personId, totpSecret: row.totp_secret }, code, now);
  if (check !== 'accepted') {
    const { reason, message } = totpRefusal(check);
    throw fieldRefusal(reason, 'body.code', message);
  }
  await db.query(
    enable
      ? 'UPDATE people SET totp_enabled_at = $2 WHERE id = $1'
      : 'UPDATE people SET totp_enabled_at = NULL, totp_secret = NULL, totp_last_step = NULL WHERE id = $1',
    enable ? [personId, now] : [personId],
  );
}
