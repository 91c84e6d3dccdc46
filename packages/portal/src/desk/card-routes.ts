import { endpoints } from '@otklik/client/contract';
import type { Database, Queryable } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { requestHeader } from '../http/headers.ts';
import { ProblemError, refusal } from '../http/problem.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';
import { deleteAnswerFile, uploadAnswerFile } from './answer-files.ts';
import { approveDraft, returnDraft, saveDraft, submitDraft } from './answers.ts';
import { addNote, assign, cardAppeal, loadCard, markOpen, mergeDuplicate } from './card.ts';
import { mailPreferences, noticeApprovalStep, setMailPreferences } from './notices.ts';
import { deleteTemplate, fillTemplate, listTemplates, placeholders, putTemplate } from './templates.ts';

export interface DeskCardOptions {
  db: Database;
  now?: (() => Date) | undefined;
  /** Called after an answer went out (the organisation's cached counter is stale). */
  onAnswered?: (organizationId: string) => void;
  /** The portal's public address, for the card links in staff mail. */
  publicUrl?: string | undefined;
}

/** The appeal card: assignment, notes, presence, duplicates, the draft and its approval, templates. */
export function registerDeskCardRoutes(router: Router<unknown, StaffActor>, options: DeskCardOptions): void {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const e = endpoints;
  registerEndpoint(router, e.getStaffAppealCard, async ({ actor, params }) => {
    const card = await loadCard(db, actor, params.appealId);
    await audit(db, actor, 'appeal.card', params.appealId);
    return card;
  });
  registerEndpoint(router, e.markStaffAppealOpen, async ({ actor, params }) =>
    markOpen(db, actor, params.appealId),
  );
  registerEndpoint(router, e.assignStaffAppeal, async ({ actor, params, body }) =>
    db.transaction((tx) => assign(tx, actor, params.appealId, body)),
  );
  registerEndpoint(router, e.addStaffAppealNote, async ({ actor, params, body }) =>
    db.transaction((tx) => addNote(tx, actor, params.appealId, body.text)),
  );
  registerEndpoint(router, e.mergeStaffAppealDuplicate, async ({ actor, params, body }) =>
    db.transaction((tx) => mergeDuplicate(tx, actor, params.appealId, body.duplicateId)),
  );
  registerEndpoint(router, e.saveStaffAnswerDraft, async ({ actor, params, body }) =>
    db.transaction((tx) => saveDraft(tx, actor, params.appealId, body)),
  );
  /** An approval step and its staff mail, in one transaction: the mail is queued when the step commits. */
  const approvalStep = <T>(appealId: string, step: (tx: Queryable) => Promise<T>) =>
    db.transaction(async (tx) => {
      const result = await step(tx);
      await noticeApprovalStep(tx, appealId, options.publicUrl);
      return result;
    });
  registerEndpoint(router, e.submitStaffAnswerDraft, async ({ actor, params }) =>
    approvalStep(params.appealId, (tx) => submitDraft(tx, actor, params.appealId)),
  );
  registerEndpoint(router, e.returnStaffAnswerDraft, async ({ actor, params, body }) =>
    approvalStep(params.appealId, (tx) => returnDraft(tx, actor, params.appealId, body.comment)),
  );
  registerEndpoint(router, e.approveStaffAnswerDraft, async ({ actor, params }) => {
    const card = await approvalStep(params.appealId, (tx) => approveDraft(tx, actor, params.appealId));
    options.onAnswered?.(actor.organizationId);
    return card;
  });
  registerEndpoint(router, e.listStaffAppealTemplates, async ({ actor, params }) => {
    const row = await cardAppeal(db, actor, params.appealId);
    const values = placeholders(row, now());
    const items = await listTemplates(db, actor.organizationId);
    return { items: items.map((t) => ({ ...t, filled: fillTemplate(t.body, values) })) };
  });
  registerEndpoint(router, e.listAnswerTemplates, async ({ actor }) => ({
    items: await listTemplates(db, actor.organizationId),
  }));
  registerEndpoint(router, e.putAnswerTemplate, async ({ actor, params, body }) =>
    db.transaction((tx) => putTemplate(tx, actor, params.templateId, body)),
  );
  registerEndpoint(router, e.deleteAnswerTemplate, async ({ actor, params }) =>
    db.transaction(async (tx) => {
      await deleteTemplate(tx, actor, params.templateId);
      return undefined;
    }),
  );
  const person = (actor: StaffActor) => {
    if (actor.kind !== 'person') throw refusal('person-only', 'A person’s own setting');
    return actor.personId;
  };
  registerEndpoint(router, e.getStaffMailPreferences, async ({ actor }) =>
    mailPreferences(db, person(actor)),
  );
  registerEndpoint(router, e.putStaffMailPreferences, async ({ actor, body }) => {
    const saved = await setMailPreferences(db, person(actor), body);
    await audit(db, actor, 'account.mail-preferences', null);
    return saved;
  });
  registerEndpoint(router, e.uploadStaffAnswerAttachment, async ({ c, actor, params }) =>
    uploadAnswerFile(
      db,
      actor,
      params.appealId,
      c.req.raw.body,
      requestHeader(c, 'Content-Type') ?? '',
      Number(requestHeader(c, 'Content-Length') ?? Number.NaN),
    ),
  );
  registerEndpoint(router, e.deleteStaffAnswerAttachment, async ({ actor, params }) => {
    await deleteAnswerFile(db, actor, params.appealId, params.attachmentId);
    return undefined;
  });
}
