/** Wire format of the staff appeal desk: the queue, the full record and the actions on an appeal. */
import * as v from 'valibot';
import { AppealResult, AppealStatus } from './appeals.ts';
import { IsoDate, IsoTimestamp, Language, PageQuery, pageOf, queryInteger } from './common.ts';
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
  /** The deadline in force (`YYYY-MM-DD`, the organisation's date): the legal one, or the extension's. */
  dueDate: IsoDate,
  overdue: v.boolean(),
  /**
   * Calendar days from today (in the organisation's time zone) to {@link dueDate}: negative when
   * overdue; `null` once the appeal is closed (answered, forwarded, left without answer, withdrawn).
   */
  daysLeft: v.nullable(v.pipe(v.number(), v.integer())),
  /** The applicant as the queue shows them: surname and initials ("Иванова А. П."); null once erased. */
  applicant: v.nullable(v.string()),
  topicId: v.nullable(v.string()),
  /** The topic's name in the query's `language` (else the organisation's first); `null` without a topic. */
  topicName: v.nullable(v.string()),
  /** The executor the appeal is assigned to; `null` when nobody is. */
  executor: v.nullable(v.object({ personId: v.pipe(v.string(), v.uuid()), name: v.string() })),
  /** Whether a draft answer of this appeal waits for an approver. */
  awaitingApproval: v.boolean(),
  /** Whether the appeal was forwarded by competence, and how many times its term was extended. */
  forwarded: v.boolean(),
  extensions: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type StaffAppealSummary = v.InferOutput<typeof StaffAppealSummary>;

/** The queue's page, with the counts the console shows at a glance (over the whole organisation). */
export const StaffAppealPage = v.object({
  ...pageOf(StaffAppealSummary).entries,
  /** As asked; `0` when only the counts were asked for. */
  limit: v.pipe(v.number(), v.integer(), v.minValue(0)),
  counts: v.object({
    /** Open appeals whose deadline in force is today or within the next 6 days. */
    dueThisWeek: v.pipe(v.number(), v.integer(), v.minValue(0)),
    /** Open appeals past their deadline in force. */
    overdue: v.pipe(v.number(), v.integer(), v.minValue(0)),
    /** Open appeals still `registered` (nobody has taken them into review). */
    new: v.pipe(v.number(), v.integer(), v.minValue(0)),
    /** Open appeals assigned to the signed-in person (0 for an API key). */
    mine: v.pipe(v.number(), v.integer(), v.minValue(0)),
    /** Open appeals whose draft answer waits for approval. */
    awaitingApproval: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  /** The organisation's topics (archived ones too), named in the query's `language`: the topic filter. */
  topics: v.array(v.object({ id: v.string(), name: v.string(), archived: v.boolean() })),
  /** The organisation's executors: the executor filter. */
  executors: v.array(v.object({ personId: v.pipe(v.string(), v.uuid()), name: v.string() })),
  /** Today in the organisation's time zone (`YYYY-MM-DD`): what `daysLeft` counts from. */
  today: IsoDate,
});
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
const QueryFlag = v.pipe(
  v.picklist(['true', 'false']),
  v.transform((s) => s === 'true'),
);

/** How the queue is ordered: by deadline (open first), newest or oldest registration, or number. */
export const QUEUE_SORTS = ['due', '-registered', 'registered', 'number'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** The queue's filters (all optional, combined with AND), search, order and page. */
export const StaffQueueQuery = v.object({
  status: v.optional(AppealStatus),
  type: v.optional(v.picklist(['proposal', 'application', 'complaint'])),
  topicId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** Appeals assigned to this executor. */
  executorId: v.optional(v.pipe(v.string(), v.uuid())),
  /** Appeals assigned to the signed-in person (`true`); an API key has none (422). */
  mine: v.optional(QueryFlag),
  /** Open appeals whose draft answer waits for approval (`true`), or every other appeal (`false`). */
  awaitingApproval: v.optional(QueryFlag),
  /** Open appeals past their deadline in force (`true`), or every other appeal (`false`). */
  overdue: v.optional(QueryFlag),
  /** Only appeals whose deadline in force is before this date (e.g. "due within a week"). */
  dueBefore: v.optional(IsoDate),
  /** Open appeals due today or within this many days (0: due today; overdue ones not included). */
  dueWithinDays: v.optional(queryInteger(0, 366)),
  /** Appeals whose deadline in force is on or after this date (with `dueTo`: not after it). */
  dueFrom: v.optional(IsoDate),
  /** Appeals whose deadline in force is on or before this date. */
  dueTo: v.optional(IsoDate),
  /** The language topic names are given in (the console's); the organisation's first otherwise. */
  language: v.optional(Language),
  /** Appeals forwarded by competence (`true`) or not (`false`). */
  forwarded: v.optional(QueryFlag),
  /** Appeals whose term was extended (`true`) or not (`false`). */
  extended: v.optional(QueryFlag),
  /**
   * Full-text search over the registration number, the applicant's name and the text, with Russian
   * stemming ("жалоба" finds "жалобы"); words are ANDed, `"…"` quotes a phrase, `-word` excludes.
   */
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  sort: v.optional(v.picklist(QUEUE_SORTS), 'due'),
  ...PageQuery,
  /** Appeals per page; `0` asks for the counts alone (a home screen's figures), no appeal at all. */
  limit: v.optional(queryInteger(0, 100), '20'),
});
export type StaffQueueQuery = v.InferInput<typeof StaffQueueQuery>;

export const StaffAnswerInput = v.object({ result: AppealResult, text: Text(20_000) });
export type StaffAnswerInput = v.InferInput<typeof StaffAnswerInput>;

/** A move to another status, with what that status needs (the addressee, the new date, the reason). */
export const StaffStatusInput = v.variant('status', [
  v.object({ status: v.literal('in_review'), note: Note }),
  v.object({ status: v.literal('forwarded'), forwardedTo: Text(500), note: Note }),
  // The law asks for the extension's reason in the notice to the applicant: it is required here.
  v.object({ status: v.literal('extended'), extendedUntil: IsoDate, note: Text(2000) }),
  v.object({
    status: v.literal('left_without_answer'),
    reason: v.picklist(LEFT_WITHOUT_ANSWER_REASONS),
    note: Note,
  }),
]);
export type StaffStatusInput = v.InferInput<typeof StaffStatusInput>;

export const StaffMessageInput = v.object({ text: Text(10_000) });
export type StaffMessageInput = v.InferInput<typeof StaffMessageInput>;
