/**
 * The TOTP second factor (RFC 6238 through the `otpauth` library): a secret sealed with the
 * portal's key ring, pending until the person proves their authenticator with a code.
 */
import type { TotpEnrolment } from '@otklik/client/schemas';
import { Secret, TOTP } from 'otpauth';
import type { Queryable } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';
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

/** Whether `code` is the authenticator's code now (or one step either side, for clock drift). */
export async function verifyTotp(keys: KeyRing, sealed: string, code: string, now: Date): Promise<boolean> {
  const secret = await openSecret(keys, PURPOSE, sealed);
  return totpOf(secret).validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
}

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
    throw new ProblemError(409, 'conflict', 'An authenticator is already set up; remove it first');
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
    throw new ProblemError(
      409,
      'conflict',
      enable ? 'Start the enrolment first' : 'No authenticator is set up',
    );
  }
  if (!enable && row.required) {
    throw new ProblemError(409, 'conflict', 'An organisation of yours requires the authenticator');
  }
  if (!(await verifyTotp(keys, row.totp_secret, code, now))) {
    throw new ProblemError(422, 'validation-failed', 'Wrong authenticator code', [
      { path: 'body.code', message: 'Wrong authenticator code' },
    ]);
  }
  await db.query(
    enable
      ? 'UPDATE people SET totp_enabled_at = $2 WHERE id = $1'
      : 'UPDATE people SET totp_enabled_at = NULL, totp_secret = NULL WHERE id = $1',
    enable ? [personId, now] : [personId],
  );
}
