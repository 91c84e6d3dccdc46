/** Wire format of the staff appeal desk: the queue, the full record and the actions on an appeal. */
import * as v from 'valibot';
import { AppealResult, AppealStatus } from './appeals.ts';
import { IsoDate, IsoTimestamp, Language, PageQuery, pageOf } from './common.ts';
import { AppealView } from './intake.ts';
import { plainText } from './text.ts';

const Text = (max: number) => v.pipe(v.string(), plainText(), v.trim(), v.minLength(1), v.maxLength(max));
const Note = v.optional(Text(2000));

/** Legal grounds for leaving an appeal without an answer on the merits (59-ФЗ art. 11, 300-З art. 15). */
export const LEFT_WITHOUT_ANSWER_REASONS = [
  'anonymous',
  'obscene-language',
  'unreadable',
  'repeated-without-new-arguments',
  'court-decision',
  'state-secret',
] as const;
export type LeftWithoutAnswerReason = (typeof LEFT_WITHOUT_ANSWER_REASONS)[number];

/** One row of the queue. */
export const StaffAppealSummary = v.object({
  appealId: v.pipe(v.string(), v.uuid()),
  registrationNumber: v.string(),
  type: v.string(),
  status: AppealStatus,
  result: v.nullable(AppealResult),
  registeredAt: IsoTimestamp,
  dueDate: IsoDate,
  overdue: v.boolean(),
});
export type StaffAppealSummary = v.InferOutput<typeof StaffAppealSummary>;

export const StaffAppealPage = pageOf(StaffAppealSummary);
export type StaffAppealPage = v.InferOutput<typeof StaffAppealPage>;

/** The full record for staff: the applicant's view plus the applicant's data and the appeal's text. */
export const StaffAppeal = v.object({
  ...AppealView.entries,
  language: v.nullable(Language),
  topicId: v.nullable(v.string()),
  text: v.nullable(v.string()),
  applicant: v.object({
    surname: v.nullable(v.string()),
    firstName: v.nullable(v.string()),
    patronymic: v.nullable(v.string()),
    email: v.nullable(v.string()),
    postalAddress: v.nullable(v.string()),
  }),
  coAuthors: v.array(
    v.object({ surname: v.string(), firstName: v.string(), patronymic: v.optional(v.string()) }),
  ),
  identityMethod: v.nullable(v.string()),
  /**
   * The consent version the applicant accepted, and that version's document in the appeal's language
   * (`url`: its page; a document given as text is shown by the portal at `/consent/…`).
   */
  consent: v.object({
    version: v.nullable(v.string()),
    acceptedAt: v.nullable(IsoTimestamp),
    document: v.nullable(v.object({ title: v.string(), url: v.string() })),
  }),
  /** The topic's name in the appeal's language (archived topics too); `null` without a topic. */
  topicName: v.nullable(v.string()),
  forwardedTo: v.nullable(v.string()),
  leftWithoutAnswerReason: v.nullable(v.string()),
  extensions: v.number(),
  overdue: v.boolean(),
  ratingComment: v.nullable(v.string()),
});
export type StaffAppeal = v.InferOutput<typeof StaffAppeal>;

/** Filters of the queue; every one optional. */
export const StaffQueueQuery = v.object({
  status: v.optional(AppealStatus),
  overdue: v.optional(
    v.pipe(
      v.picklist(['true', 'false']),
      v.transform((s) => s === 'true'),
    ),
  ),
  /** Only appeals whose deadline in force is before this date (e.g. "due within a week"). */
  dueBefore: v.optional(IsoDate),
  ...PageQuery,
});

export const StaffAnswerInput = v.object({ result: AppealResult, text: Text(20_000) });
export type StaffAnswerInput = v.InferInput<typeof StaffAnswerInput>;

/** A move to another status, with what that status needs (the addressee, the new date, the reason). */
export const StaffStatusInput = v.variant('status', [
  v.object({ status: v.literal('in_review'), note: Note }),
  v.object({ status: v.literal('forwarded'), forwardedTo: Text(500), note: Note }),
  v.object({ status: v.literal('extended'), extendedUntil: IsoDate, note: Note }),
  v.object({
    status: v.literal('left_without_answer'),
    reason: v.picklist(LEFT_WITHOUT_ANSWER_REASONS),
    note: Note,
  }),
]);
export type StaffStatusInput = v.InferInput<typeof StaffStatusInput>;

export const StaffMessageInput = v.object({ text: Text(10_000) });
export type StaffMessageInput = v.InferInput<typeof StaffMessageInput>;
