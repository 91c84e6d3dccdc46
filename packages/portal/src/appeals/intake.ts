/** Filing: an appeal registered on receipt, with its number, due date and the applicant's secret. */
import { randomUUID } from 'node:crypto';
import type { AppealReceipt, AppealSubmission } from '@otklik/client/schemas';
import type * as v from 'valibot';
import { spendProofOfWork } from '../abuse/pow.ts';
import { attachUploads } from '../attachments/store.ts';
import { endOfLocalDay, localDate } from '../dates.ts';
import type { Queryable } from '../db/types.ts';
import { appealDeadlines } from '../deadlines/legal-due-date.ts';
import { ProblemError } from '../http/problem.ts';
import { readIdentityToken, sameEmail } from '../identity/tokens.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { KeyRing } from '../security/keys.ts';
import { trackingBase } from './profile-rules.ts';
import { hashSecret, newAccessSecret, topicName, trackingUrl } from './records.ts';
import type { IntakeOrganization } from './settings.ts';

type Submission = v.InferOutput<typeof AppealSubmission>;

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
  const { answerBy: dueDate } = await appealDeadlines(
    tx,
    { country: org.country, jurisdiction: org.profile.id },
    registeredDate,
  );
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
  await enqueueMail(
    tx,
    'appeal-registered',
    applicant.email,
    {
      language: body.language,
      organizationName: org.name,
      registrationNumber,
      registeredDate,
      dueDate,
      trackingUrl: link,
      accessKey: `${id}.${secret}`,
      copy: {
        type: body.type,
        topic: await topicName(tx, org.id, body.topicId, body.language),
        text: body.text,
      },
    },
    keys,
  );
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
