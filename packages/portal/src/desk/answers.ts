/**
 * The answer's way to the applicant: the assigned executor drafts it, sends it for approval; an
 * approver returns it with a comment or approves it, which sends it through the ordinary answer path
 * (the tracker, the mail and the counter follow) to the appeal and to every duplicate merged into it.
 */
import { type AppealResult, answerBlanks, type DraftState } from '@otklik/client/schemas';
import { answerAppeal } from '../appeals/desk.ts';
import { isOpen } from '../appeals/records.ts';
import type { Queryable } from '../db/types.ts';
import { ProblemError, refusal } from '../http/problem.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';
import { cardAppeal, loadCard } from './card.ts';
import { actorRef, deskEvent } from './card-actor.ts';

interface DraftRow {
  state: DraftState;
  result: AppealResult | null;
  text: string;
}

export async function draftOf(tx: Queryable, appealId: string): Promise<DraftRow | null> {
  const [row] = await tx.query<DraftRow>(
    'SELECT state, result, text FROM answer_drafts WHERE appeal_id = $1 FOR UPDATE',
    [appealId],
  );
  return row ?? null;
}

/** The refusal to change a draft that is on approval or already sent. */
export const draftLocked = (state: DraftState) =>
  state === 'approved'
    ? refusal('answer-already-sent', 'The answer is already sent')
    : refusal('draft-on-approval', 'The draft is on approval');

/**
 * The refusal of an answer that still has a template's blank in it (`[…]`): it must not reach the
 * applicant, so neither approval nor the approver's one click lets it through. The issue names the blanks.
 */
function refuseBlanks(text: string): void {
  const blanks = answerBlanks(text);
  if (blanks.length === 0) return;
  const named = blanks.join(', ');
  throw refusal('answer-has-blanks', `The answer still has blanks to fill in: ${named}`, {
    issues: [{ path: 'draft.text', message: `Fill in ${named}`, reason: 'answer-has-blanks' }],
  });
}

/** The appeal, open, not a merged duplicate, and (for a person) assigned to the actor. */
export async function draftable(tx: Queryable, actor: StaffActor, appealId: string) {
  const row = await cardAppeal(tx, actor, appealId, true);
  if (!isOpen(row.status)) throw refusal('appeal-closed', `An appeal that is ${row.status} takes no answer`);
  if (row.duplicate_of !== null)
    throw refusal('appeal-merged', 'This appeal is merged into another: answer that one');
  if (actor.kind === 'person' && row.executor_id !== actor.personId)
    throw refusal('executor-only', 'Only the executor this appeal is assigned to drafts its answer');
  return row;
}

export async function saveDraft(
  tx: Queryable,
  actor: StaffActor,
  appealId: string,
  input: { result: AppealResult | null; text: string },
) {
  await draftable(tx, actor, appealId);
  const draft = await draftOf(tx, appealId);
  if (draft && (draft.state === 'on_approval' || draft.state === 'approved')) throw draftLocked(draft.state);
  const by = await actorRef(tx, actor);
  await tx.query(
    `INSERT INTO answer_drafts (appeal_id, state, result, text, author_id, author, updated_at)
     VALUES ($1, 'draft', $2, $3, $4, $5, now())
     ON CONFLICT (appeal_id) DO UPDATE SET result = $2, text = $3, author_id = $4, author = $5, updated_at = now()`,
    [appealId, input.result, input.text, by.id, by.name],
  );
  await audit(tx, actor, 'appeal.draft', appealId);
  return loadCard(tx, actor, appealId);
}

export async function submitDraft(tx: Queryable, actor: StaffActor, appealId: string) {
  await draftable(tx, actor, appealId);
  const draft = await draftOf(tx, appealId);
  if (!draft || (draft.state !== 'draft' && draft.state !== 'returned'))
    throw draft ? draftLocked(draft.state) : refusal('draft-missing', 'There is no draft yet');
  const issues = [
    ...(draft.result === null
      ? [{ path: 'draft.result', message: 'Choose the result', reason: 'draft-result-missing' as const }]
      : []),
    ...(draft.text.trim() === ''
      ? [{ path: 'draft.text', message: 'Write the answer', reason: 'draft-text-missing' as const }]
      : []),
  ];
  if (issues.length) throw new ProblemError(422, 'validation-failed', 'The draft is not complete', issues);
  refuseBlanks(draft.text);
  await tx.query(`UPDATE answer_drafts SET state = 'on_approval', updated_at = now() WHERE appeal_id = $1`, [
    appealId,
  ]);
  await deskEvent(tx, appealId, 'draft-submitted', await actorRef(tx, actor));
  await audit(tx, actor, 'appeal.draft-submit', appealId);
  return loadCard(tx, actor, appealId);
}

/** The draft waiting for approval, or 409. */
async function onApproval(tx: Queryable, actor: StaffActor, appealId: string) {
  const row = await cardAppeal(tx, actor, appealId, true);
  const draft = await draftOf(tx, appealId);
  if (!draft || draft.state !== 'on_approval')
    throw refusal('draft-not-on-approval', 'No draft of this appeal is waiting for approval');
  return { row, draft };
}

export async function returnDraft(tx: Queryable, actor: StaffActor, appealId: string, comment: string) {
  await onApproval(tx, actor, appealId);
  await tx.query(
    `UPDATE answer_drafts SET state = 'returned', return_comment = $2, updated_at = now() WHERE appeal_id = $1`,
    [appealId, comment],
  );
  await deskEvent(tx, appealId, 'draft-returned', await actorRef(tx, actor), comment);
  await audit(tx, actor, 'appeal.draft-return', appealId);
  return loadCard(tx, actor, appealId);
}

export async function approveDraft(tx: Queryable, actor: StaffActor, appealId: string) {
  const { draft } = await onApproval(tx, actor, appealId);
  // A draft on approval from before blanks were refused may still hold one.
  refuseBlanks(draft.text);
  const result = draft.result as AppealResult;
  // The ordinary answer path: the tracker, the mail, the counter; merged duplicates answered too.
  await answerAppeal(tx, actor, appealId, result, draft.text);
  const by = await actorRef(tx, actor);
  await tx.query(
    `UPDATE answer_drafts SET state = 'approved', approved_by_id = $2, approved_by = $3, approved_at = now(),
       updated_at = now() WHERE appeal_id = $1`,
    [appealId, by.id, by.name],
  );
  await deskEvent(tx, appealId, 'draft-approved', by);
  await audit(tx, actor, 'appeal.draft-approve', appealId);
  return loadCard(tx, actor, appealId);
}
