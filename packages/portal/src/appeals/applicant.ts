import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type JurisdictionProfile, jurisdictionProfiles } from '@otklik/client';
import {
  type AppealReceipt,
  type AppealSubmission,
  type AppealView,
  type JurisdictionProfileId,
  type Language,
  OPEN_APPEAL_STATUSES,
} from '@otklik/client/schemas';
import type { Context } from 'hono';
import type * as v from 'valibot';
import { spendProofOfWork } from '../abuse/pow.ts';
import { attachmentsOf, attachUploads } from '../attachments/store.ts';
import { addDays, endOfLocalDay, localDate } from '../dates.ts';
import type { Queryable } from '../db/types.ts';
import { requestHeader } from '../http/headers.ts';
import { ProblemError } from '../http/problem.ts';
import { readIdentityToken, sameEmail } from '../identity/tokens.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { KeyRing } from '../security/keys.ts';
import { safeEqualHex } from '../security/keys.ts';
import { trackingBase } from './profile-rules.ts';
import type { IntakeOrganization } from './settings.ts';

type Submission = v.InferOutput<typeof AppealSubmission>;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
/** 256 random bits, base64url: what the applicant's private link carries; only its hash is stored. */
export const newAccessSecret = () => randomBytes(32).toString('base64url');
export const trackingUrl = (base: string | null, appealId: string, secret: string) =>
  base === null ? null : `${base}#otklik-appeal=${appealId}.${secret}`;

export const isOpen = (status: string) => (OPEN_APPEAL_STATUSES as readonly string[]).includes(status);

/** Checks the identity the profile requires: a valid token for this organisation and this e-mail. */
async function checkIdentity(
  keys: KeyRing,
  org: IntakeOrganization,
  body: Submission,
): Promise<string | null> {
  if (body.identityToken === undefined) {
    if (org.profile.identityRequired) {
      throw new ProblemError(422, 'identity-required', 'Verify your e-mail (or sign in) before filing', [
        { path: 'body.identityToken', message: 'Required' },
      ]);
    }
    return null;
  }
  const claims = await readIdentityToken(keys, body.identityToken);
  if (claims === null || claims.org !== org.id || !sameEmail(claims.email, body.applicant.email)) {
    throw new ProblemError(
      422,
      'identity-invalid',
      'The verified identity is invalid, expired or for another e-mail',
      [{ path: 'body.identityToken', message: 'Verify the e-mail you give as the applicant' }],
    );
  }
  return claims.method;
}

/**
 * Files and registers an appeal inside `tx` (the idempotency transaction): proof of work spent,
 * identity checked, the next number of the organisation's year taken under a row lock, the appeal,
 * its first history entry and the registration mail written together.
 */
export async function fileAppeal(
  tx: Queryable,
  keys: KeyRing,
  org: IntakeOrganization,
  body: Submission,
  now: Date,
): Promise<AppealReceipt> {
  await spendProofOfWork(tx, keys, org.id, body.proofOfWork);
  const identityMethod = await checkIdentity(keys, org, body);
  const registeredDate = localDate(org.timeZone, now);
  const dueDate = addDays(registeredDate, org.profile.deadlines.answerWithinDays);
  const year = Number(registeredDate.slice(0, 4));
  const [counter] = await tx.query<{ last_number: number }>(
    `INSERT INTO appeal_number_counters (organization_id, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (organization_id, year) DO UPDATE SET last_number = appeal_number_counters.last_number + 1
     RETURNING last_number`,
    [org.id, year],
  );
  const registrationNumber = `${org.settings.numberPrefix}-${year}-${String(counter?.last_number).padStart(6, '0')}`;
  const id = randomUUID();
  const secret = newAccessSecret();
  const { applicant } = body;
  await tx.query(
    `INSERT INTO appeals (id, organization_id, registration_number, type, status, received_at, registered_at,
       due_at, due_date, applicant_surname, applicant_first_name, applicant_patronymic, applicant_email,
       applicant_postal_address, text, access_secret_hash, language, topic_id, identity_method,
       consent_version, consent_accepted_at, co_authors)
     VALUES ($1, $2, $3, $4, 'registered', $5, $5, ${endOfLocalDay('$6', '$7')}, $6, $8, $9, $10, $11, $12, $13,
       $14, $15, $16, $17, $18, $5, $19)`,
    [
      id,
      org.id,
      registrationNumber,
      body.type,
      now,
      dueDate,
      org.timeZone,
      applicant.surname ?? null,
      applicant.firstName ?? null,
      applicant.patronymic ?? null,
      applicant.email,
      applicant.postalAddress ?? null,
      body.text,
      hashSecret(secret),
      body.language,
      body.topicId ?? null,
      identityMethod,
      body.consent.version,
      body.coAuthors && body.coAuthors.length > 0 ? JSON.stringify(body.coAuthors) : null,
    ],
  );
  await tx.query(`INSERT INTO appeal_events (appeal_id, status, at) VALUES ($1, 'registered', $2)`, [
    id,
    now,
  ]);
  // Linked in the filing transaction: an appeal never exists without the files it was sent with.
  await attachUploads(tx, org.id, id, null, body.attachmentIds, now);
  const link = trackingUrl(trackingBase(org, body.pageUrl), id, secret);
  await enqueueMail(tx, 'appeal-registered', applicant.email, {
    language: body.language,
    organizationName: org.name,
    registrationNumber,
    dueDate,
    trackingUrl: link,
    accessKey: `${id}.${secret}`,
  });
  return {
    appealId: id,
    registrationNumber,
    registeredAt: now.toISOString(),
    dueDate,
    status: 'registered',
    accessSecret: secret,
    trackingUrl: link,
  };
}

/** An appeal row with what the applicant's and the staff views need. */
export interface AppealRow {
  id: string;
  organization_id: string;
  organization_name: string;
  jurisdiction: JurisdictionProfileId;
  time_zone: string;
  registration_number: string;
  type: AppealView['type'];
  status: AppealView['status'];
  result: AppealView['result'];
  registered_at: Date;
  registered_date: string;
  due_date_iso: string;
  answered_at: Date | null;
  answer_text: string | null;
  rating: number | null;
  extensions: number;
  language: Language | null;
  applicant_email: string | null;
  access_secret_hash: string | null;
}

export const APPEAL_SELECT = `SELECT a.*, o.name AS organization_name, o.jurisdiction, o.time_zone,
    to_char((a.registered_at AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS registered_date,
    to_char(COALESCE(a.due_date, ((a.due_at AT TIME ZONE o.time_zone)::date)), 'YYYY-MM-DD') AS due_date_iso
  FROM appeals a JOIN organizations o ON o.id = a.organization_id`;

export async function loadAppeal(db: Queryable, id: string, lock = false): Promise<AppealRow | null> {
  const [row] = await db.query<AppealRow>(
    `${APPEAL_SELECT} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`,
    [id],
  );
  return row ?? null;
}

export const profileOf = (row: AppealRow): JurisdictionProfile => jurisdictionProfiles[row.jurisdiction];

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

/** The applicant's view: history, messages, answer and what the applicant may still do. */
export async function appealView(db: Queryable, row: AppealRow): Promise<AppealView> {
  const history = await db.query<{ status: AppealView['status']; at: Date; note: string | null }>(
    'SELECT status, at, note FROM appeal_events WHERE appeal_id = $1 ORDER BY at, id',
    [row.id],
  );
  const messages = await db.query<{
    id: string;
    author: 'applicant' | 'organization';
    text: string;
    at: Date;
  }>('SELECT id, author, text, at FROM appeal_messages WHERE appeal_id = $1 ORDER BY at, id', [row.id]);
  const files = await attachmentsOf(db, row.id);
  return {
    appealId: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    registrationNumber: row.registration_number,
    type: row.type,
    status: row.status,
    result: row.result,
    registeredAt: row.registered_at.toISOString(),
    dueDate: row.due_date_iso,
    history: history.map((h) => ({ status: h.status, at: h.at.toISOString(), note: h.note })),
    attachments: files.get(null) ?? [],
    answer:
      row.status === 'answered' && row.answer_text !== null && row.answered_at !== null
        ? { text: row.answer_text, at: row.answered_at.toISOString(), attachments: [] }
        : null,
    messages: messages.map((m) => ({
      id: m.id,
      author: m.author,
      text: m.text,
      at: m.at.toISOString(),
      attachments: files.get(m.id) ?? [],
    })),
    canWithdraw: profileOf(row).withdrawalAllowed && isOpen(row.status),
    canRate: row.status === 'answered' && row.rating === null,
    rating: row.rating === null ? null : { score: row.rating },
  };
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
  await enqueueMail(tx, 'lost-link', row.applicant_email, {
    language: row.language ?? 'ru',
    organizationName: org.name,
    registrationNumber,
    trackingUrl: trackingUrl(trackingBase(org, pageUrl), row.id, secret),
    accessKey: `${row.id}.${secret}`,
  });
}
