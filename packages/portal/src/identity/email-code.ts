import { randomInt, randomUUID } from 'node:crypto';
import type { EmailCodeSent, Language, VerifiedIdentity } from '@otklik/client/schemas';
import type { Database } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { KeyRing } from '../security/keys.ts';
import { IDENTITY_TOKEN_TTL_MS, issueIdentityToken } from './tokens.ts';

export const CODE_TTL_MS = 10 * 60_000;
export const RESEND_AFTER_MS = 60_000;
export const MAX_ATTEMPTS = 5;
const PURPOSE = 'email-code';

const normalise = (email: string) => email.trim().toLowerCase();

/**
 * Creates a verification and queues the code mail in one transaction. Only an HMAC of the code is
 * kept with the verification; another code for the same address is refused for a minute (429).
 */
export async function requestEmailCode(
  db: Database,
  keys: KeyRing,
  org: { id: string; name: string },
  email: string,
  language: Language,
): Promise<EmailCodeSent> {
  const address = normalise(email);
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const codeHash = await keys.sign(PURPOSE, `${id}:${code}`);
  const now = Date.now();
  return db.transaction(async (tx) => {
    const [recent] = await tx.query<{ created_at: Date }>(
      `SELECT created_at FROM email_verifications WHERE organization_id = $1 AND email = $2
       ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [org.id, address],
    );
    if (recent && now - recent.created_at.getTime() < RESEND_AFTER_MS) {
      const wait = Math.ceil((RESEND_AFTER_MS - (now - recent.created_at.getTime())) / 1000);
      throw new ProblemError(
        429,
        'rate-limited',
        'A code was sent a moment ago; wait before asking again',
        undefined,
        {
          'Retry-After': String(wait),
        },
      );
    }
    const expiresAt = new Date(now + CODE_TTL_MS);
    await tx.query(
      `INSERT INTO email_verifications (id, organization_id, email, code_hash, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, org.id, address, codeHash, new Date(now), expiresAt],
    );
    await enqueueMail(
      tx,
      'email-code',
      address,
      {
        language,
        organizationName: org.name,
        code,
        expiresMinutes: CODE_TTL_MS / 60_000,
      },
      keys,
    );
    return {
      verificationId: id,
      expiresAt: expiresAt.toISOString(),
      resendAfter: new Date(now + RESEND_AFTER_MS).toISOString(),
    };
  });
}

/** Checks a code (at most {@link MAX_ATTEMPTS} tries, until expiry) and issues an identity token. */
export async function verifyEmailCode(
  db: Database,
  keys: KeyRing,
  organizationId: string,
  verificationId: string,
  code: string,
): Promise<VerifiedIdentity> {
  const wrong = (message: string) =>
    new ProblemError(422, 'validation-failed', message, [{ path: 'body.code', message }]);
  const expected = await keys.sign(PURPOSE, `${verificationId}:${code}`);
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx.query<{
      email: string;
      code_hash: string;
      attempts: number;
      expires_at: Date;
      verified_at: Date | null;
    }>(
      `SELECT email, code_hash, attempts, expires_at, verified_at FROM email_verifications
       WHERE id = $1 AND organization_id = $2 FOR UPDATE`,
      [verificationId, organizationId],
    );
    if (!row) return { error: 'not-found' as const };
    if (row.verified_at !== null) return { error: 'Code already used; ask for a new one' };
    if (row.expires_at.getTime() <= Date.now()) return { error: 'The code has expired; ask for a new one' };
    if (row.attempts >= MAX_ATTEMPTS) return { error: 'Too many wrong codes; ask for a new one' };
    if (row.code_hash !== expected) {
      // Returned, not thrown, so the transaction commits: a wrong code must use up an attempt.
      await tx.query('UPDATE email_verifications SET attempts = attempts + 1 WHERE id = $1', [
        verificationId,
      ]);
      const left = MAX_ATTEMPTS - row.attempts - 1;
      return {
        error: left > 0 ? `Wrong code; ${left} attempts left` : 'Too many wrong codes; ask for a new one',
      };
    }
    await tx.query('UPDATE email_verifications SET verified_at = now() WHERE id = $1', [verificationId]);
    return { email: row.email };
  });
  if ('error' in outcome) {
    if (outcome.error === 'not-found') throw new ProblemError(404, 'not-found', 'No such verification');
    throw wrong(outcome.error);
  }
  const exp = Date.now() + IDENTITY_TOKEN_TTL_MS;
  const identityToken = await issueIdentityToken(keys, {
    org: organizationId,
    email: outcome.email,
    method: 'email-code',
    exp,
  });
  return {
    identityToken,
    email: outcome.email,
    method: 'email-code',
    expiresAt: new Date(exp).toISOString(),
  };
}
