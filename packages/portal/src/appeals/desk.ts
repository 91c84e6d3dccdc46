import { randomUUID } from 'node:crypto';
import type { AppealResult, AppealStatus, LeftWithoutAnswerReason } from '@otklik/client/schemas';
import { OPEN_APPEAL_STATUSES } from '@otklik/client/schemas';
import { endOfLocalDay, localDate } from '../dates.ts';
import type { Queryable } from '../db/types.ts';
import { appealDeadlines } from '../deadlines/legal-due-date.ts';
import { fieldRefusal, ProblemError, refusal } from '../http/problem.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { acceptedConsent } from '../organizations/consent.ts';
import { topicName } from '../organizations/topics.ts';
import type { StaffActor as Actor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';
import {
  APPEAL_SELECT,
  type AppealRow,
  appealSummary,
  appealView,
  isOpen,
  loadAppeal,
  profileOf,
} from './records.ts';

export type StatusChange =
  | { status: 'in_review'; note?: string | undefined }
  | { status: 'forwarded'; forwardedTo: string; note?: string | undefined }
  | { status: 'extended'; extendedUntil: string; note?: string | undefined }
  | { status: 'left_without_answer'; reason: LeftWithoutAnswerReason; note?: string | undefined };

/** The state machine: which statuses staff may move an open appeal to. Closed ones go nowhere. */
const TRANSITIONS: Record<string, readonly AppealStatus[]> = {
  registered: ['in_review', 'forwarded', 'extended', 'answered', 'left_without_answer'],
  in_review: ['forwarded', 'extended', 'answered', 'left_without_answer'],
  extended: ['forwarded', 'extended', 'answered', 'left_without_answer'],
};

/** Loads (and locks, in a transaction) an appeal of the actor's organisation; 404 for any other. */
export async function staffAppeal(db: Queryable, actor: Actor, id: string, lock = false): Promise<AppealRow> {
  const row = await loadAppeal(db, id, lock);
  if (row === null || row.organization_id !== actor.organizationId) {
    throw new ProblemError(404, 'not-found', 'No such appeal in your organisation');
  }
  return row;
}

function requireTransition(row: AppealRow, to: AppealStatus): void {
  if (!(TRANSITIONS[row.status] ?? []).includes(to)) {
    throw refusal('transition-not-allowed', `An appeal that is ${row.status} cannot become ${to}`);
  }
}

/** The full record for staff: the applicant's view plus the applicant's data and the appeal's text. */
export async function staffView(db: Queryable, row: AppealRow) {
  const r = row as AppealRow & Record<string, unknown>;
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
  const [view, consent, topic] = await Promise.all([
    appealView(db, row),
    acceptedConsent(db, row.organization_id, r.consent_version as string | null, row.language),
    topicName(db, row.organization_id, r.topic_id as string | null, row.language),
  ]);
  return {
    ...view,
    language: row.language,
    topicId: (r.topic_id as string | null) ?? null,
    text: (r.text as string | null) ?? null,
    applicant: {
      surname: (r.applicant_surname as string | null) ?? null,
      firstName: (r.applicant_first_name as string | null) ?? null,
      patronymic: (r.applicant_patronymic as string | null) ?? null,
      email: row.applicant_email,
      postalAddress: (r.applicant_postal_address as string | null) ?? null,
    },
    coAuthors: (r.co_authors as { surname: string; firstName: string; patronymic?: string }[] | null) ?? [],
    identityMethod: (r.identity_method as string | null) ?? null,
    consent: {
      version: (r.consent_version as string | null) ?? null,
      acceptedAt: iso(r.consent_accepted_at),
      document: consent,
    },
    topicName: topic,
    forwardedTo: (r.forwarded_to as string | null) ?? null,
    leftWithoutAnswerReason: (r.left_without_answer_reason as string | null) ?? null,
    extensions: row.extensions,
    overdue: isOpen(row.status) && row.due_date_iso < localDate(row.time_zone, new Date()),
    ratingComment: (r.rating_comment as string | null) ?? null,
  };
}

/** The appeal's language, else its profile's first (the law's own language). */
const mailLanguage = (row: AppealRow) => row.language ?? profileOf(row).languages[0] ?? 'ru';

/** Adds a status event to the appeal's history. */
async function addEvent(tx: Queryable, appealId: string, status: AppealStatus, note: string | null) {
  await tx.query('INSERT INTO appeal_events (appeal_id, status, note) VALUES ($1, $2, $3)', [
    appealId,
    status,
    note,
  ]);
}

/** The fields every notice to the applicant carries: their language, the organisation, the number. */
const noticeOf = (row: AppealRow) => ({
  language: mailLanguage(row),
  organizationName: row.organization_name,
  registrationNumber: row.registration_number,
});

async function record(
  tx: Queryable,
  row: AppealRow,
  status: AppealStatus,
  note: string | null,
  dueDate: string,
) {
  await addEvent(tx, row.id, status, note);
  if (row.applicant_email)
    await enqueueMail(tx, 'status-changed', row.applicant_email, { ...noticeOf(row), status, note, dueDate });
}

export async function changeStatus(tx: Queryable, actor: Actor, id: string, change: StatusChange) {
  const row = await staffAppeal(tx, actor, id, true);
  requireTransition(row, change.status);
  const deadlines = profileOf(row).deadlines;
  let note = change.note ?? null;
  let dueDate = row.due_date_iso;
  switch (change.status) {
    case 'in_review':
      await tx.query(`UPDATE appeals SET status = 'in_review' WHERE id = $1`, [id]);
      break;
    case 'forwarded':
      await tx.query(
        `UPDATE appeals SET status = 'forwarded', forwarded_at = now(), closed_at = now(), forwarded_to = $2 WHERE id = $1`,
        [id, change.forwardedTo],
      );
      note = [change.forwardedTo, change.note].filter(Boolean).join(': ');
      break;
    case 'extended': {
      const { extensionLatest: latest } = await appealDeadlines(tx, row, row.registered_date);
      if (row.extensions >= deadlines.extensionsAllowed) {
        throw refusal('extension-limit', `At most ${deadlines.extensionsAllowed} extension(s) are allowed`);
      }
      if (change.extendedUntil <= row.due_date_iso || change.extendedUntil > latest) {
        throw fieldRefusal(
          'extension-date-out-of-range',
          'body.extendedUntil',
          `Must be after ${row.due_date_iso} and not after ${latest}`,
          'Invalid extension',
        );
      }
      await tx.query(
        `UPDATE appeals SET status = 'extended', extensions = extensions + 1, due_date = $2,
           extended_until = ${endOfLocalDay('$2', '$3')} WHERE id = $1`,
        [id, change.extendedUntil, row.time_zone],
      );
      dueDate = change.extendedUntil;
      break;
    }
    case 'left_without_answer':
      await tx.query(
        `UPDATE appeals SET status = 'left_without_answer', left_without_answer_reason = $2, closed_at = now()
         WHERE id = $1`,
        [id, change.reason],
      );
      note = [change.reason, change.note].filter(Boolean).join(': ');
      break;
  }
  await record(tx, row, change.status, note, dueDate);
  await audit(tx, actor, 'appeal.status', id, { from: row.status, to: change.status });
  return staffView(tx, (await loadAppeal(tx, id)) as AppealRow);
}

export async function answerAppeal(
  tx: Queryable,
  actor: Actor,
  id: string,
  result: AppealResult,
  text: string,
) {
  const row = await staffAppeal(tx, actor, id, true);
  requireTransition(row, 'answered');
  await tx.query(
    `UPDATE appeals SET status = 'answered', result = $2, answer_text = $3, answered_at = now(), closed_at = now()
     WHERE id = $1`,
    [id, result, text],
  );
  await addEvent(tx, id, 'answered', result);
  if (row.applicant_email)
    await enqueueMail(tx, 'appeal-answered', row.applicant_email, { ...noticeOf(row), result, text });
  await audit(tx, actor, 'appeal.answer', id, { from: row.status, result });
  // Duplicates merged into this appeal get the same answer (a duplicate has none of its own).
  const duplicates = await tx.query<{ id: string }>(
    `SELECT id FROM appeals WHERE duplicate_of = $1 AND status IN (${OPEN_APPEAL_STATUSES.map((s) => `'${s}'`).join(', ')})
     ORDER BY registered_at, id`,
    [id],
  );
  for (const duplicate of duplicates) await answerAppeal(tx, actor, duplicate.id, result, text);
  return staffView(tx, (await loadAppeal(tx, id)) as AppealRow);
}

export async function addStaffMessage(tx: Queryable, actor: Actor, id: string, text: string) {
  const row = await staffAppeal(tx, actor, id, true);
  if (row.status === 'withdrawn') throw refusal('appeal-withdrawn', 'The applicant withdrew this appeal');
  await tx.query(
    `INSERT INTO appeal_messages (id, appeal_id, author, text) VALUES ($1, $2, 'organization', $3)`,
    [randomUUID(), id, text],
  );
  if (row.applicant_email)
    await enqueueMail(tx, 'new-message', row.applicant_email, { ...noticeOf(row), text });
  await audit(tx, actor, 'appeal.message', id);
  return staffView(tx, row);
}
