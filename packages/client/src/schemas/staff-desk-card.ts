/**
 * Wire format of the appeal card (the staff side of one appeal): who works on it, internal notes,
 * who else has it open, the applicant's other appeals, duplicates, the answer's draft and its
 * approval, and the organisation's library of answer templates.
 */
import * as v from 'valibot';
import { AppealResult, AppealStatus } from './appeals.ts';
import { IsoDate, IsoTimestamp, Language } from './common.ts';
import { AttachmentRef } from './intake.ts';
import { plainText } from './text.ts';

const Text = (max: number) => v.pipe(v.string(), plainText(), v.trim(), v.minLength(1), v.maxLength(max));
const Uuid = v.pipe(v.string(), v.uuid());

/** A member of staff as the card names them: display name (else e-mail address). */
export const StaffPersonRef = v.object({ personId: Uuid, name: v.string() });
export type StaffPersonRef = v.InferOutput<typeof StaffPersonRef>;

/** Where the answer stands: being written, waiting for the approver, returned with a comment, approved and sent. */
export const DRAFT_STATES = ['draft', 'on_approval', 'returned', 'approved'] as const;
export const DraftState = v.picklist(DRAFT_STATES);
export type DraftState = v.InferOutput<typeof DraftState>;

/** The answer being prepared (one per appeal). */
export const AnswerDraft = v.object({
  state: DraftState,
  result: v.nullable(AppealResult),
  text: v.string(),
  /** Who last wrote it (their name). */
  author: v.nullable(v.string()),
  updatedAt: IsoTimestamp,
  /** The approver's comment when the draft was returned. */
  returnComment: v.nullable(v.string()),
  /** The approver who approved (and sent) it (their name), and when. */
  approvedBy: v.nullable(v.string()),
  approvedAt: v.nullable(IsoTimestamp),
  /** Files sent with the answer (the applicant sees them once it is sent). */
  attachments: v.array(AttachmentRef),
});
export type AnswerDraft = v.InferOutput<typeof AnswerDraft>;

/** A staff-only event of the appeal: assignment, notes, drafts and their approval, merges. */
export const DESK_EVENT_KINDS = [
  'assigned',
  'draft-submitted',
  'draft-returned',
  'draft-approved',
  'merged',
] as const;
export const DeskEvent = v.object({
  kind: v.picklist(DESK_EVENT_KINDS),
  actor: v.nullable(v.string()),
  note: v.nullable(v.string()),
  at: IsoTimestamp,
});
export type DeskEvent = v.InferOutput<typeof DeskEvent>;

/** An internal note: staff only, never shown or mailed to the applicant. */
export const InternalNote = v.object({
  noteId: Uuid,
  author: v.nullable(v.string()),
  text: v.string(),
  at: IsoTimestamp,
});
export type InternalNote = v.InferOutput<typeof InternalNote>;

/** Another appeal (by the same applicant, or a duplicate) as a line on the card. */
export const RelatedAppeal = v.object({
  appealId: Uuid,
  registrationNumber: v.string(),
  status: AppealStatus,
  registeredAt: IsoTimestamp,
});
export type RelatedAppeal = v.InferOutput<typeof RelatedAppeal>;

/** The staff side of one appeal, for the card (the appeal itself comes from `getStaffAppeal`). */
export const AppealCard = v.object({
  appealId: Uuid,
  executor: v.nullable(StaffPersonRef),
  /** The internal due date the coordinator set for the executor (before the legal one). */
  internalDueDate: v.nullable(IsoDate),
  notes: v.array(InternalNote),
  /** Other people who had the card open in the last two minutes. */
  openBy: v.array(StaffPersonRef),
  /** The same applicant's other appeals to this organisation (by e-mail address), newest first. */
  otherAppeals: v.array(RelatedAppeal),
  /** The appeal this one duplicates (its answer goes here too), if merged. */
  duplicateOf: v.nullable(RelatedAppeal),
  /** Appeals merged into this one: its answer goes to each of them. */
  duplicates: v.array(RelatedAppeal),
  draft: v.nullable(AnswerDraft),
  events: v.array(DeskEvent),
  /** People who may be assigned (the organisation's executors). */
  executors: v.array(StaffPersonRef),
  /** What the caller may do here (the console shows only those actions). */
  can: v.object({
    assign: v.boolean(),
    draft: v.boolean(),
    approve: v.boolean(),
    process: v.boolean(),
    /** The term may still be extended (the jurisdiction allows only so many extensions, one in Russia and Belarus). */
    extend: v.boolean(),
  }),
});
export type AppealCard = v.InferOutput<typeof AppealCard>;

export const AssignmentInput = v.object({
  executorId: Uuid,
  /** Optional internal date; must not be after the legal due date. */
  internalDueDate: v.optional(v.nullable(IsoDate)),
});
export type AssignmentInput = v.InferInput<typeof AssignmentInput>;

export const NoteInput = v.object({ text: Text(5000) });
export type NoteInput = v.InferInput<typeof NoteInput>;

export const MergeInput = v.object({
  /** The duplicate: it is closed with this appeal's answer. */
  duplicateId: Uuid,
});
export type MergeInput = v.InferInput<typeof MergeInput>;

export const DraftInput = v.object({
  result: v.nullable(AppealResult),
  text: v.pipe(v.string(), v.maxLength(20_000)),
});
export type DraftInput = v.InferInput<typeof DraftInput>;

export const ReturnDraftInput = v.object({ comment: Text(2000) });
export type ReturnDraftInput = v.InferInput<typeof ReturnDraftInput>;

/** Path parameters of a template. */
export const TemplateParams = v.object({ templateId: Uuid });

/**
 * A template of an answer. Placeholders in `{braces}`: `{applicant}` (name and patronymic),
 * `{surname}`, `{number}`, `{registeredOn}`, `{dueOn}`, `{today}`, `{organization}`.
 */
export const AnswerTemplate = v.object({
  templateId: Uuid,
  title: v.string(),
  language: Language,
  result: v.nullable(AppealResult),
  body: v.string(),
  updatedAt: IsoTimestamp,
});
export type AnswerTemplate = v.InferOutput<typeof AnswerTemplate>;

export const AnswerTemplateInput = v.object({
  title: Text(200),
  language: Language,
  result: v.optional(v.nullable(AppealResult)),
  body: Text(20_000),
});
export type AnswerTemplateInput = v.InferInput<typeof AnswerTemplateInput>;

export const AnswerTemplateList = v.object({ items: v.array(AnswerTemplate) });
export type AnswerTemplateList = v.InferOutput<typeof AnswerTemplateList>;

/** Templates with their placeholders filled in for one appeal. */
export const FilledTemplateList = v.object({
  items: v.array(v.object({ ...AnswerTemplate.entries, filled: v.string() })),
});
export type FilledTemplateList = v.InferOutput<typeof FilledTemplateList>;

/** Which staff mails a person gets: each kind on or off, at once or in one daily digest. */
export const StaffMailPreferences = v.object({
  /** A new appeal was registered (coordinators). */
  newAppeal: v.boolean(),
  /** The applicant wrote (the executor; the coordinators while nobody is assigned). */
  applicantWrote: v.boolean(),
  /** Three days before the legal deadline. */
  dueSoon: v.boolean(),
  /** The legal deadline has passed. */
  overdue: v.boolean(),
  /** The answer's approval: a draft sent for approval (approvers), returned with a comment or approved (its executor). */
  approvals: v.boolean(),
  /** One mail a day with everything, instead of a mail as things happen. */
  dailyDigest: v.boolean(),
});
export type StaffMailPreferences = v.InferOutput<typeof StaffMailPreferences>;
