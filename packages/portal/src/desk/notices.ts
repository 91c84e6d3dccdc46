/**
 * Staff mail through the outbox: a new appeal (to the coordinators), the applicant wrote (to the
 * executor, else the coordinators), due in 3 days and overdue (likewise); a draft answer sent for
 * approval (to the approvers), returned with a comment or approved (to its executor, else its
 * author) — never to the person who did it. A run first records the
 * notices due now — each once per person, kind, appeal and occasion — then mails them by each
 * person's preferences: at once (one mail per run and organisation), or in a daily digest.
 * The approval's steps do not wait for the periodic run: the step's own transaction records and
 * mails them (`noticeApprovalStep`), so the mail is in the outbox when the step commits.
 */

import type { Language, StaffMailPreferences } from '@otklik/client/schemas';
import { OPEN_APPEAL_STATUSES } from '@otklik/client/schemas';
import type { Database, Queryable } from '../db/types.ts';
import { enqueueMail } from '../mail/outbox.ts';

/** Days before the legal deadline that warn of it. */
export const DUE_SOON_DAYS = 3;
/** How far back a run looks for new appeals and messages (runs are minutes apart; a restart loses nothing). */
const LOOKBACK = "interval '1 day'";
/** Lines listed in one mail; the rest are counted. */
const MAX_ITEMS = 50;
/** A digest goes out at most this often. */
const DIGEST_HOURS = 23;

const OPEN = OPEN_APPEAL_STATUSES.map((s) => `'${s}'`).join(', ');
const DUE = 'COALESCE(a.due_date, (a.due_at AT TIME ZONE o.time_zone)::date)';
const TODAY = '(($1::timestamptz) AT TIME ZONE o.time_zone)::date';
/** Who answers for an appeal: its executor, else the organisation's coordinators. */
const RESPONSIBLE = `JOIN LATERAL (
    SELECT a.executor_id AS person_id WHERE a.executor_id IS NOT NULL
    UNION ALL
    SELECT m.person_id FROM memberships m
    WHERE a.executor_id IS NULL AND m.organization_id = a.organization_id AND m.role = 'coordinator'
  ) r ON true`;

/** Records the notices due at `now`; returns how many are new. */
export async function collectNotices(db: Queryable, now: Date): Promise<number> {
  const inserted = await db.query(
    `INSERT INTO staff_notices (person_id, kind, appeal_id, ref)
     SELECT m.person_id, 'new-appeal', a.id, a.id::text
       FROM appeals a JOIN memberships m ON m.organization_id = a.organization_id AND m.role = 'coordinator'
      WHERE a.registered_at > $1::timestamptz - ${LOOKBACK} AND a.registered_at <= $1::timestamptz
     UNION ALL
     SELECT r.person_id, 'applicant-wrote', a.id, msg.id::text
       FROM appeal_messages msg JOIN appeals a ON a.id = msg.appeal_id ${RESPONSIBLE}
      WHERE msg.author = 'applicant' AND msg.at > $1::timestamptz - ${LOOKBACK} AND msg.at <= $1::timestamptz
     UNION ALL
     SELECT r.person_id, CASE WHEN ${DUE} < ${TODAY} THEN 'overdue' ELSE 'due-soon' END, a.id, ${DUE}::text
       FROM appeals a JOIN organizations o ON o.id = a.organization_id ${RESPONSIBLE}
      WHERE a.status IN (${OPEN}) AND a.duplicate_of IS NULL
        AND (${DUE} < ${TODAY} OR ${DUE} = ${TODAY} + ${DUE_SOON_DAYS})
     ON CONFLICT (person_id, kind, appeal_id, ref) DO NOTHING
     RETURNING id`,
    [now.toISOString()],
  );
  return inserted.length + (await collectApprovalNotices(db, now)).length;
}

/**
 * The approval's steps (desk events) since the last runs — of one appeal, or of all — each once per
 * person it concerns; returns those it recorded now.
 */
async function collectApprovalNotices(
  db: Queryable,
  now: Date,
  appealId: string | null = null,
): Promise<{ person_id: string }[]> {
  return db.query<{ person_id: string }>(
    `INSERT INTO staff_notices (person_id, kind, appeal_id, ref, actor, note)
     SELECT r.person_id, e.kind, e.appeal_id, e.id::text, e.actor, e.note
       FROM desk_events e JOIN appeals a ON a.id = e.appeal_id
       JOIN LATERAL (
         SELECT m.person_id FROM memberships m
          WHERE e.kind = 'draft-submitted' AND m.organization_id = a.organization_id AND m.role = 'approver'
         UNION
         SELECT COALESCE(a.executor_id, d.author_id) FROM answer_drafts d
          WHERE e.kind IN ('draft-returned', 'draft-approved') AND d.appeal_id = a.id
       ) r ON r.person_id IS NOT NULL AND r.person_id IS DISTINCT FROM e.actor_id
      WHERE e.kind IN ('draft-submitted', 'draft-returned', 'draft-approved')
        AND e.at > $1::timestamptz - ${LOOKBACK} AND e.at <= $1::timestamptz
        AND ($2::uuid IS NULL OR e.appeal_id = $2::uuid)
     ON CONFLICT (person_id, kind, appeal_id, ref) DO NOTHING
     RETURNING person_id`,
    [now.toISOString(), appealId],
  );
}

/**
 * Called in the transaction of an approval step (submitted, returned, approved), after its desk
 * event: records the step's notices and mails the people it concerns by their preferences (a digest
 * reader's notice waits for their digest), so the mail leaves with the step, not at the next run.
 */
export async function noticeApprovalStep(
  tx: Queryable,
  appealId: string,
  publicUrl?: string,
): Promise<number> {
  const now = new Date();
  const people = await collectApprovalNotices(tx, now, appealId);
  if (people.length === 0) return 0;
  return sendNotices(tx, now, publicUrl, [...new Set(people.map((p) => p.person_id))]);
}

interface Pending {
  id: string;
  person_id: string;
  email: string;
  kind: string;
  actor: string | null;
  note: string | null;
  appeal_id: string;
  registration_number: string;
  due: string;
  organization_id: string;
  organization_name: string;
  language: Language;
  new_appeal: boolean | null;
  applicant_wrote: boolean | null;
  due_soon: boolean | null;
  overdue: boolean | null;
  approvals: boolean | null;
  daily_digest: boolean | null;
  last_digest_at: Date | null;
}

const WANTS: Record<string, keyof Pending> = {
  'new-appeal': 'new_appeal',
  'applicant-wrote': 'applicant_wrote',
  'due-soon': 'due_soon',
  overdue: 'overdue',
  'draft-submitted': 'approvals',
  'draft-returned': 'approvals',
  'draft-approved': 'approvals',
};

/**
 * Mails the pending notices (of `personIds`, else of everyone) by each person's preferences; returns
 * how many mails were queued. The notices are locked, and those another transaction holds skipped,
 * so a step's own mailing and a periodic run on another instance never mail one notice twice.
 */
export async function sendNotices(
  db: Queryable,
  now: Date,
  publicUrl?: string,
  personIds?: readonly string[],
): Promise<number> {
  const pending = await db.query<Pending>(
    `SELECT n.id::text AS id, n.person_id, p.email, n.kind, n.actor, n.note, n.appeal_id, a.registration_number,
        to_char(${DUE}, 'YYYY-MM-DD') AS due, o.id AS organization_id, o.name AS organization_name,
        o.languages[1] AS language, s.new_appeal, s.applicant_wrote, s.due_soon, s.overdue, s.approvals,
        s.daily_digest,
        s.last_digest_at
       FROM staff_notices n JOIN people p ON p.id = n.person_id JOIN appeals a ON a.id = n.appeal_id
       JOIN organizations o ON o.id = a.organization_id
       LEFT JOIN staff_mail_preferences s ON s.person_id = n.person_id
      WHERE n.done_at IS NULL AND ($1::uuid[] IS NULL OR n.person_id = ANY($1::uuid[]))
      ORDER BY n.person_id, o.id, n.created_at, n.id
      FOR UPDATE OF n SKIP LOCKED`,
    [personIds ?? null],
  );
  const groups = new Map<string, Pending[]>();
  const dropped: string[] = [];
  for (const row of pending) {
    if (row[WANTS[row.kind] as keyof Pending] === false) {
      dropped.push(row.id);
      continue;
    }
    const digest = row.daily_digest === true;
    if (
      digest &&
      row.last_digest_at &&
      now.getTime() - row.last_digest_at.getTime() < DIGEST_HOURS * 3_600_000
    )
      continue;
    const key = `${row.person_id}|${row.organization_id}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  if (dropped.length)
    await db.query('UPDATE staff_notices SET done_at = $2 WHERE id = ANY($1::bigint[])', [dropped, now]);
  let mails = 0;
  const digested = new Set<string>();
  for (const rows of groups.values()) {
    const first = rows[0] as Pending;
    const digest = first.daily_digest === true;
    await enqueueMail(db, 'staff-notices', first.email, {
      language: first.language,
      organizationName: first.organization_name,
      digest,
      items: rows.slice(0, MAX_ITEMS).map((r) => ({
        kind: r.kind,
        registrationNumber: r.registration_number,
        dueDate: r.due,
        by: r.actor,
        comment: r.note,
        url: publicUrl ? `${publicUrl.replace(/\/$/, '')}/console/queue/appeals/${r.appeal_id}` : null,
      })),
      more: Math.max(0, rows.length - MAX_ITEMS),
    });
    await db.query('UPDATE staff_notices SET done_at = $2 WHERE id = ANY($1::bigint[])', [
      rows.map((r) => r.id),
      now,
    ]);
    if (digest) digested.add(first.person_id);
    mails++;
  }
  for (const personId of digested)
    await db.query('UPDATE staff_mail_preferences SET last_digest_at = $2 WHERE person_id = $1', [
      personId,
      now,
    ]);
  return mails;
}

/** One run: record, then mail, in one transaction (any instance may run it; notices are unique). */
export async function runStaffNotices(
  db: Database,
  now: Date,
  publicUrl?: string,
): Promise<{ notices: number; mails: number }> {
  return db.transaction(async (tx) => {
    const notices = await collectNotices(tx, now);
    const mails = await sendNotices(tx, now, publicUrl);
    return { notices, mails };
  });
}

/** A person's mail preferences (everything at once when never set). */
export async function mailPreferences(db: Queryable, personId: string): Promise<StaffMailPreferences> {
  const [row] = await db.query<Record<string, boolean>>(
    `SELECT new_appeal, applicant_wrote, due_soon, overdue, approvals, daily_digest
     FROM staff_mail_preferences WHERE person_id = $1`,
    [personId],
  );
  return {
    newAppeal: row?.new_appeal ?? true,
    applicantWrote: row?.applicant_wrote ?? true,
    dueSoon: row?.due_soon ?? true,
    overdue: row?.overdue ?? true,
    approvals: row?.approvals ?? true,
    dailyDigest: row?.daily_digest ?? false,
  };
}

export async function setMailPreferences(db: Queryable, personId: string, p: StaffMailPreferences) {
  await db.query(
    `INSERT INTO staff_mail_preferences (person_id, new_appeal, applicant_wrote, due_soon, overdue, daily_digest,
       approvals)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (person_id) DO UPDATE SET new_appeal = $2, applicant_wrote = $3, due_soon = $4, overdue = $5,
       daily_digest = $6, approvals = $7`,
    [personId, p.newAppeal, p.applicantWrote, p.dueSoon, p.overdue, p.dailyDigest, p.approvals],
  );
  return mailPreferences(db, personId);
}
