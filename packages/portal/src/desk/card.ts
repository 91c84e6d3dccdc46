/**
 * The staff side of one appeal: its executor and internal due date, internal notes, who else has it
 * open, the applicant's other appeals, duplicates, the draft and the staff-only history.
 */
import { randomUUID } from 'node:crypto';
import type { AppealCard, AppealResult, DraftState, RelatedAppeal } from '@otklik/client/schemas';
import { changeStatus, staffAppeal } from '../appeals/desk.ts';
import { type AppealRow, isOpen, profileOf } from '../appeals/records.ts';
import type { Queryable } from '../db/types.ts';
import { fieldRefusal, ProblemError, refusal } from '../http/problem.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';
import { actorRef, deskEvent } from './card-actor.ts';

/** How long a "has it open" mark lasts without being refreshed. */
export const PRESENCE_SECONDS = 120;

type CardRow = AppealRow & {
  executor_id: string | null;
  internal_due_date: string | null;
  duplicate_of: string | null;
};

const iso = (d: Date) => d.toISOString();
const PERSON_NAME = `COALESCE(NULLIF(p.display_name, ''), p.email)`;

const related = (r: { id: string; registration_number: string; status: string; registered_at: Date }) =>
  ({
    appealId: r.id,
    registrationNumber: r.registration_number,
    status: r.status,
    registeredAt: iso(r.registered_at),
  }) as RelatedAppeal;

const RELATED_SELECT = 'SELECT id, registration_number, status, registered_at FROM appeals';

/** Loads (and with `lock`, locks) the appeal of the actor's organisation with the card's columns; 404 otherwise. */
export async function cardAppeal(
  db: Queryable,
  actor: StaffActor,
  id: string,
  lock = false,
): Promise<CardRow> {
  const row = await staffAppeal(db, actor, id, lock);
  const [extra] = await db.query<Pick<CardRow, 'executor_id' | 'internal_due_date' | 'duplicate_of'>>(
    `SELECT executor_id, to_char(internal_due_date, 'YYYY-MM-DD') AS internal_due_date, duplicate_of
     FROM appeals WHERE id = $1`,
    [id],
  );
  return { ...row, executor_id: null, internal_due_date: null, duplicate_of: null, ...extra };
}

/** The files of the answer in preparation. */
export async function answerFiles(db: Queryable, appealId: string) {
  const rows = await db.query<{ id: string; name: string; media_type: string; size: number }>(
    'SELECT id, name, media_type, size FROM attachments WHERE appeal_id = $1 AND for_answer ORDER BY created_at, id',
    [appealId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, mediaType: r.media_type, size: r.size }));
}

/** People in the organisation who hold the executor role. */
export async function executorsOf(db: Queryable, organizationId: string) {
  const rows = await db.query<{ id: string; name: string }>(
    `SELECT p.id, ${PERSON_NAME} AS name FROM memberships m JOIN people p ON p.id = m.person_id
     WHERE m.organization_id = $1 AND m.role = 'executor' ORDER BY name, p.id`,
    [organizationId],
  );
  return rows.map((r) => ({ personId: r.id, name: r.name }));
}

async function openBy(db: Queryable, appealId: string, except: string | null) {
  const rows = await db.query<{ id: string; name: string }>(
    `SELECT p.id, ${PERSON_NAME} AS name FROM appeal_presence ap JOIN people p ON p.id = ap.person_id
     WHERE ap.appeal_id = $1 AND ap.seen_at > now() - make_interval(secs => $2)
       AND ($3::uuid IS NULL OR ap.person_id <> $3::uuid)
     ORDER BY ap.seen_at DESC`,
    [appealId, PRESENCE_SECONDS, except],
  );
  return rows.map((r) => ({ personId: r.id, name: r.name }));
}

/** Marks the appeal open by a person (an API key leaves no mark); who else has it open. */
export async function markOpen(db: Queryable, actor: StaffActor, appealId: string) {
  await cardAppeal(db, actor, appealId);
  const me = actor.kind === 'person' ? actor.personId : null;
  if (me !== null) {
    await db.query(
      `INSERT INTO appeal_presence (appeal_id, person_id, seen_at) VALUES ($1, $2, now())
       ON CONFLICT (appeal_id, person_id) DO UPDATE SET seen_at = now()`,
      [appealId, me],
    );
  }
  return { openBy: await openBy(db, appealId, me) };
}

const has = (actor: StaffActor, p: Parameters<StaffActor['permissions']['has']>[0]) =>
  actor.permissions.has(p);

/** The card of an appeal the actor may read. */
export async function loadCard(db: Queryable, actor: StaffActor, appealId: string): Promise<AppealCard> {
  const row = await cardAppeal(db, actor, appealId);
  const person = async (id: string | null) => {
    if (id === null) return null;
    const [p] = await db.query<{ name: string }>(
      `SELECT ${PERSON_NAME} AS name FROM people p WHERE p.id = $1`,
      [id],
    );
    return p ? { personId: id, name: p.name } : null;
  };
  const notes = await db.query<{ id: string; author: string | null; text: string; at: Date }>(
    'SELECT id, author, text, at FROM appeal_notes WHERE appeal_id = $1 ORDER BY at, id',
    [appealId],
  );
  const others = row.applicant_email
    ? await db.query<Parameters<typeof related>[0]>(
        `${RELATED_SELECT} WHERE organization_id = $1 AND applicant_email = $2 AND id <> $3
         ORDER BY registered_at DESC, id LIMIT 20`,
        [row.organization_id, row.applicant_email, appealId],
      )
    : [];
  const [original] = row.duplicate_of
    ? await db.query<Parameters<typeof related>[0]>(`${RELATED_SELECT} WHERE id = $1`, [row.duplicate_of])
    : [];
  const duplicates = await db.query<Parameters<typeof related>[0]>(
    `${RELATED_SELECT} WHERE duplicate_of = $1 ORDER BY registered_at, id`,
    [appealId],
  );
  const [draft] = await db.query<{
    state: DraftState;
    result: AppealResult | null;
    text: string;
    author_id: string | null;
    author: string | null;
    updated_at: Date;
    return_comment: string | null;
    approved_by_id: string | null;
    approved_by: string | null;
    approved_at: Date | null;
  }>('SELECT * FROM answer_drafts WHERE appeal_id = $1', [appealId]);
  const events = await db.query<{
    kind: AppealCard['events'][number]['kind'];
    actor: string | null;
    note: string | null;
    at: Date;
  }>('SELECT kind, actor, note, at FROM desk_events WHERE appeal_id = $1 ORDER BY at, id', [appealId]);
  const open = isOpen(row.status);
  return {
    appealId,
    executor: await person(row.executor_id),
    internalDueDate: row.internal_due_date,
    notes: notes.map((n) => ({ noteId: n.id, author: n.author, text: n.text, at: iso(n.at) })),
    openBy: await openBy(db, appealId, actor.kind === 'person' ? actor.personId : null),
    otherAppeals: others.map(related),
    duplicateOf: original ? related(original) : null,
    duplicates: duplicates.map(related),
    draft: draft
      ? {
          state: draft.state,
          result: draft.result,
          text: draft.text,
          author: draft.author,
          updatedAt: iso(draft.updated_at),
          returnComment: draft.return_comment,
          approvedBy: draft.approved_by,
          approvedAt: draft.approved_at ? iso(draft.approved_at) : null,
          attachments: await answerFiles(db, appealId),
        }
      : null,
    events: events.map((e) => ({ kind: e.kind, actor: e.actor, note: e.note, at: iso(e.at) })),
    executors: await executorsOf(db, row.organization_id),
    can: {
      assign: open && row.duplicate_of === null && has(actor, 'appeals.assign'),
      draft:
        open &&
        row.duplicate_of === null &&
        has(actor, 'appeals.draft') &&
        (actor.kind === 'api-key' || row.executor_id === actor.personId),
      approve: open && draft?.state === 'on_approval' && has(actor, 'appeals.answer'),
      process: open && has(actor, 'appeals.process'),
      extend:
        open && has(actor, 'appeals.process') && row.extensions < profileOf(row).deadlines.extensionsAllowed,
    },
  };
}

/**
 * Assigns the appeal to one of the organisation's executors, with an optional internal due date. A
 * registered appeal goes on to "на рассмотрении" by the ordinary status change (its history entry and
 * the applicant's notice): from now someone is working on it, and the card and queue say so.
 */
export async function assign(
  tx: Queryable,
  actor: StaffActor,
  appealId: string,
  input: { executorId: string; internalDueDate?: string | null | undefined },
) {
  const row = await cardAppeal(tx, actor, appealId, true);
  if (!isOpen(row.status))
    throw refusal('appeal-closed', `An appeal that is ${row.status} cannot be assigned`);
  const executors = await executorsOf(tx, row.organization_id);
  const executor = executors.find((e) => e.personId === input.executorId);
  if (!executor) {
    throw fieldRefusal(
      'not-an-executor',
      'body.executorId',
      'Choose a person who holds the executor role here',
      'Not an executor of this organisation',
    );
  }
  const due = input.internalDueDate ?? null;
  if (due !== null && due > row.due_date_iso) {
    throw fieldRefusal(
      'internal-due-after-legal',
      'body.internalDueDate',
      `Must not be after ${row.due_date_iso}`,
      'The internal due date is after the legal one',
    );
  }
  await tx.query('UPDATE appeals SET executor_id = $2, internal_due_date = $3::date WHERE id = $1', [
    appealId,
    executor.personId,
    due,
  ]);
  await deskEvent(
    tx,
    appealId,
    'assigned',
    await actorRef(tx, actor),
    due ? `${executor.name} (${due})` : executor.name,
  );
  await audit(tx, actor, 'appeal.assign', appealId, { executorId: executor.personId });
  if (row.status === 'registered') await changeStatus(tx, actor, appealId, { status: 'in_review' });
  return loadCard(tx, actor, appealId);
}

/** Adds an internal note (never part of the applicant's view or mail). */
export async function addNote(tx: Queryable, actor: StaffActor, appealId: string, text: string) {
  await cardAppeal(tx, actor, appealId);
  const by = await actorRef(tx, actor);
  await tx.query(
    'INSERT INTO appeal_notes (id, appeal_id, author_id, author, text) VALUES ($1, $2, $3, $4, $5)',
    [randomUUID(), appealId, by.id, by.name, text],
  );
  await audit(tx, actor, 'appeal.note', appealId);
  return loadCard(tx, actor, appealId);
}

/** Marks `duplicateId` a duplicate of `appealId`: it is answered with the same answer. */
export async function mergeDuplicate(
  tx: Queryable,
  actor: StaffActor,
  appealId: string,
  duplicateId: string,
) {
  if (duplicateId === appealId)
    throw fieldRefusal(
      'duplicate-of-itself',
      'body.duplicateId',
      'Choose another appeal',
      'An appeal cannot duplicate itself',
    );
  const row = await cardAppeal(tx, actor, appealId, true);
  const duplicate = await cardAppeal(tx, actor, duplicateId, true).catch((error: unknown) => {
    if (error instanceof ProblemError && error.status === 404)
      throw fieldRefusal('duplicate-not-found', 'body.duplicateId', 'No such appeal in your organisation');
    throw error;
  });
  if (!isOpen(row.status) || !isOpen(duplicate.status))
    throw refusal('duplicate-not-open', 'Both appeals must still be open');
  if (row.duplicate_of !== null || duplicate.duplicate_of !== null)
    throw refusal('duplicate-already-merged', 'One of the appeals is already merged into another');
  const [{ n } = { n: 0 }] = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM appeals WHERE duplicate_of = $1',
    [duplicateId],
  );
  if (n > 0)
    throw refusal('duplicate-has-duplicates', 'The duplicate has duplicates of its own: merge the other way');
  await tx.query('UPDATE appeals SET duplicate_of = $2 WHERE id = $1', [duplicateId, appealId]);
  const by = await actorRef(tx, actor);
  await deskEvent(tx, appealId, 'merged', by, duplicate.registration_number);
  await deskEvent(tx, duplicateId, 'merged', by, row.registration_number);
  await audit(tx, actor, 'appeal.merge', appealId, { duplicateId });
  return loadCard(tx, actor, appealId);
}
