/** What the applicant does with the private link: open the appeal, write, rate, withdraw, recover the link. */
import { randomUUID } from 'node:crypto';
import type { AppealView, Language } from '@otklik/client/schemas';
import type { Context } from 'hono';
import { attachUploads } from '../attachments/store.ts';
import type { Queryable } from '../db/types.ts';
import { requestHeader } from '../http/headers.ts';
import { ProblemError } from '../http/problem.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { type KeyRing, safeEqualHex } from '../security/keys.ts';
import { trackingBase } from './profile-rules.ts';
import {
  type AppealRow,
  appealView,
  hashSecret,
  isOpen,
  loadAppeal,
  newAccessSecret,
  profileOf,
  trackingUrl,
} from './records.ts';
import type { IntakeOrganization } from './settings.ts';

const notFound = () => new ProblemError(404, 'not-found', 'No such appeal');

/**
 * The applicant's access: `Authorization: Bearer <secret>`, compared by hash in constant time.
 * An unknown appeal and a wrong secret get the same 404, so the answer reveals nothing.
 */
export async function authenticateApplicant(c: Context, db: Queryable, appealId: string): Promise<AppealRow> {
  const match = /^Bearer\s+([\w-]{22,200})$/i.exec(requestHeader(c, 'Authorization') ?? '');
  if (!match?.[1]) {
    throw new ProblemError(
      401,
      'unauthorized',
      'Send the access secret as Authorization: Bearer …',
      undefined,
      {
        'WWW-Authenticate': 'Bearer realm="otklik-appeal"',
      },
    );
  }
  const row = await loadAppeal(db, appealId);
  if (
    row === null ||
    row.access_secret_hash === null ||
    !safeEqualHex(row.access_secret_hash, hashSecret(match[1]))
  ) {
    throw notFound();
  }
  return row;
}

/** Re-reads the appeal in `tx` with a row lock, so concurrent actions on one appeal serialise. */
async function lockForApplicant(tx: Queryable, id: string): Promise<AppealRow> {
  const row = await loadAppeal(tx, id, true);
  if (row === null) throw notFound();
  return row;
}

export async function addApplicantMessage(
  tx: Queryable,
  appealId: string,
  text: string,
  attachmentIds: readonly string[] = [],
  now: Date = new Date(),
): Promise<AppealView> {
  const row = await lockForApplicant(tx, appealId);
  if (!isOpen(row.status))
    throw new ProblemError(409, 'conflict', 'The appeal is closed; messages are no longer taken');
  const messageId = randomUUID();
  await tx.query(
    `INSERT INTO appeal_messages (id, appeal_id, author, text) VALUES ($1, $2, 'applicant', $3)`,
    [messageId, appealId, text],
  );
  await attachUploads(tx, row.organization_id, appealId, messageId, attachmentIds, now);
  return appealView(tx, row);
}

export async function rateAnswer(
  tx: Queryable,
  appealId: string,
  score: number,
  comment: string | undefined,
) {
  const row = await lockForApplicant(tx, appealId);
  if (row.status !== 'answered')
    throw new ProblemError(409, 'conflict', 'Only an answered appeal can be rated');
  if (row.rating !== null) throw new ProblemError(409, 'conflict', 'The answer is already rated');
  await tx.query('UPDATE appeals SET rating = $2, rating_comment = $3, rated_at = now() WHERE id = $1', [
    appealId,
    score,
    comment ?? null,
  ]);
  return appealView(tx, { ...row, rating: score });
}

export async function withdrawAppeal(tx: Queryable, appealId: string): Promise<AppealView> {
  const row = await lockForApplicant(tx, appealId);
  if (!profileOf(row).withdrawalAllowed) {
    throw new ProblemError(
      403,
      'forbidden',
      'The law of this organisation does not provide for withdrawing an appeal',
    );
  }
  if (!isOpen(row.status))
    throw new ProblemError(409, 'conflict', 'Only an appeal still under consideration can be withdrawn');
  await tx.query(
    `UPDATE appeals SET status = 'withdrawn', withdrawn_at = now(), closed_at = now() WHERE id = $1`,
    [appealId],
  );
  await tx.query(`INSERT INTO appeal_events (appeal_id, status) VALUES ($1, 'withdrawn')`, [appealId]);
  return appealView(tx, { ...row, status: 'withdrawn' });
}

/**
 * "Lost my link": when the number and e-mail match, the secret is replaced (only its hash was kept,
 * so the old one cannot be sent again) and the new link is mailed. Nothing tells the caller whether
 * they matched.
 */
export async function sendLostLink(
  tx: Queryable,
  keys: Pick<KeyRing, 'seal'>,
  org: IntakeOrganization,
  registrationNumber: string,
  email: string,
  pageUrl: string | undefined,
): Promise<void> {
  const [row] = await tx.query<{ id: string; language: Language | null; applicant_email: string }>(
    `SELECT id, language, applicant_email FROM appeals
     WHERE organization_id = $1 AND registration_number = $2 AND lower(applicant_email) = lower($3) FOR UPDATE`,
    [org.id, registrationNumber, email.trim()],
  );
  if (!row) return;
  const secret = newAccessSecret();
  await tx.query('UPDATE appeals SET access_secret_hash = $2 WHERE id = $1', [row.id, hashSecret(secret)]);
  await enqueueMail(
    tx,
    'lost-link',
    row.applicant_email,
    {
      language: row.language ?? 'ru',
      organizationName: org.name,
      registrationNumber,
      trackingUrl: trackingUrl(trackingBase(org, pageUrl), row.id, secret),
      accessKey: `${row.id}.${secret}`,
    },
    keys,
  );
}
