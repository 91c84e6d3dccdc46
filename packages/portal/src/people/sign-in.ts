/**
 * Staff sign-in with an e-mail code: the same answer whether or not the address has an account (only
 * accounts get the mail), limited per address; five wrong codes end the sign-in (429). With an
 * authenticator enrolled, its code is asked for too.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Language, ProblemReason, StaffSignInStarted } from '@otklik/client/schemas';
import type { Database } from '../db/types.ts';
import { fieldRefusal, ProblemError, refusal } from '../http/problem.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { KeyRing } from '../security/keys.ts';
import { auditSignInEvent, EMAIL_CODE } from './sign-in-audit.ts';
import { acceptTotp, type CodeRefusal, TOTP_MISSING, totpRefusal } from './totp.ts';

export const SIGN_IN_CODE_TTL_MS = 10 * 60_000;
export const SIGN_IN_MAX_ATTEMPTS = 5;
/** Codes one address may ask for per window. */
export const SIGN_IN_REQUESTS_PER_ADDRESS = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
const PURPOSE = 'staff-sign-in';
/** How the portal names itself in mail. */
export const PORTAL_NAME = 'Otklik';

const rateLimited = (reason: ProblemReason, detail: string, retryAfterS: number) =>
  refusal(reason, detail, { headers: { 'Retry-After': String(retryAfterS) } });

export async function requestSignIn(
  db: Database,
  keys: KeyRing,
  email: string,
  language: Language,
  now: Date,
): Promise<StaffSignInStarted> {
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const codeHash = await keys.sign(PURPOSE, `${id}:${code}`);
  const expiresAt = new Date(now.getTime() + SIGN_IN_CODE_TTL_MS);
  return db.transaction(async (tx) => {
    const recent = await tx.query<{ created_at: Date }>(
      `SELECT created_at FROM staff_sign_ins WHERE email = $1 AND created_at > $2
       ORDER BY created_at FOR UPDATE`,
      [email, new Date(now.getTime() - SIGN_IN_WINDOW_MS)],
    );
    if (recent.length >= SIGN_IN_REQUESTS_PER_ADDRESS) {
      const first = recent[0]?.created_at.getTime() ?? now.getTime();
      const wait = Math.max(1, Math.ceil((first + SIGN_IN_WINDOW_MS - now.getTime()) / 1000));
      throw rateLimited(
        'too-many-codes-requested',
        'Too many codes asked for this address; wait before asking again',
        wait,
      );
    }
    await tx.query(
      `INSERT INTO staff_sign_ins (id, email, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [id, email, codeHash, now, expiresAt],
    );
    const [person] = await tx.query('SELECT 1 FROM people WHERE email = $1', [email]);
    if (person) {
      await enqueueMail(
        tx,
        'staff-sign-in-code',
        email,
        {
          language,
          organizationName: PORTAL_NAME,
          code,
          expiresMinutes: SIGN_IN_CODE_TTL_MS / 60_000,
        },
        keys,
      );
    }
    return { signInId: id, expiresAt: expiresAt.toISOString() };
  });
}

type Outcome =
  | { personId: string }
  | { error: CodeRefusal; path: string }
  | { limited: true }
  | { missing: true };

/** Checks the code (and the authenticator's); resolves to the person who signed in. */
export async function verifySignIn(
  db: Database,
  keys: KeyRing,
  signInId: string,
  code: string,
  totp: string | undefined,
  now: Date,
): Promise<string> {
  const expected = await keys.sign(PURPOSE, `${signInId}:${code}`);
  const outcome: Outcome = await db.transaction(async (tx) => {
    const [row] = await tx.query<{
      email: string;
      code_hash: string;
      attempts: number;
      expires_at: Date;
      used_at: Date | null;
    }>(
      'SELECT email, code_hash, attempts, expires_at, used_at FROM staff_sign_ins WHERE id = $1 FOR UPDATE',
      [signInId],
    );
    if (!row) return { missing: true };
    if (row.attempts >= SIGN_IN_MAX_ATTEMPTS) return { limited: true };
    if (row.used_at !== null)
      return {
        error: { reason: 'sign-in-code-used', message: 'Code already used; ask for a new one' },
        path: 'body.code',
      };
    if (row.expires_at.getTime() <= now.getTime()) {
      return {
        error: { reason: 'sign-in-code-expired', message: 'The code has expired; ask for a new one' },
        path: 'body.code',
      };
    }
    const wrong = async (error: CodeRefusal, path: string): Promise<Outcome> => {
      // Returned, not thrown, so the transaction commits: a wrong code uses up an attempt.
      await tx.query('UPDATE staff_sign_ins SET attempts = attempts + 1 WHERE id = $1', [signInId]);
      return { error, path };
    };
    const [person] = await tx.query<{ id: string; totp_secret: string | null; totp_enabled_at: Date | null }>(
      'SELECT id, totp_secret, totp_enabled_at FROM people WHERE email = $1',
      [row.email],
    );
    // An address without an account never signs in: the same answer as a wrong code.
    if (row.code_hash !== expected || person === undefined)
      return wrong({ reason: 'sign-in-code-wrong', message: 'Wrong code' }, 'body.code');
    if (person.totp_enabled_at !== null && person.totp_secret !== null) {
      if (totp === undefined) {
        return { error: TOTP_MISSING, path: 'body.totp' };
      }
      const check = await acceptTotp(tx, keys, { id: person.id, totpSecret: person.totp_secret }, totp, now);
      if (check !== 'accepted') {
        await auditSignInEvent(tx, person.id, 'totp-failed', EMAIL_CODE);
        return wrong(totpRefusal(check), 'body.totp');
      }
    }
    await tx.query('UPDATE staff_sign_ins SET used_at = $2 WHERE id = $1', [signInId, now]);
    return { personId: person.id };
  });
  if ('missing' in outcome) throw refusal('sign-in-unknown', 'No such sign-in; ask for a new code');
  if ('limited' in outcome)
    throw rateLimited('too-many-wrong-codes', 'Too many wrong codes; ask for a new one', 60);
  if ('error' in outcome) {
    throw fieldRefusal(outcome.error.reason, outcome.path, outcome.error.message);
  }
  return outcome.personId;
}
