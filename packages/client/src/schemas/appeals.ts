import * as v from 'valibot';
import { IsoDate, OrganizationId } from './common.ts';

/** Appeal types shared by 59-ФЗ and 300-З: предложение, заявление, жалоба. */
export const AppealType = v.picklist(['proposal', 'application', 'complaint']);
export type AppealType = v.InferOutput<typeof AppealType>;

/**
 * Lifecycle statuses (ССТУ vocabulary):
 * `registered` — зарегистрировано; `in_review` — на рассмотрении; `extended` — рассмотрение продлено;
 * `forwarded` — направлено по компетенции; `answered` — рассмотрено (see {@link AppealResult});
 * `left_without_answer` — оставлено без ответа автору; `withdrawn` — отозвано заявителем (300-З).
 */
export const AppealStatus = v.picklist([
  'registered',
  'in_review',
  'extended',
  'forwarded',
  'answered',
  'left_without_answer',
  'withdrawn',
]);
export type AppealStatus = v.InferOutput<typeof AppealStatus>;

/** Statuses in which the organisation still owes the applicant an answer. */
export const OPEN_APPEAL_STATUSES = ['registered', 'in_review', 'extended'] as const satisfies AppealStatus[];

/**
 * Result of consideration (ССТУ): поддержано; поддержано, меры приняты; не поддержано; разъяснено.
 */
export const AppealResult = v.picklist([
  'supported',
  'supported_measures_taken',
  'not_supported',
  'explained',
]);
export type AppealResult = v.InferOutput<typeof AppealResult>;

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/**
 * Appeal figures for one period, as the counter badge (Указ № 171) shows them.
 * Every figure counts appeals of this organisation:
 */
export const AppealStats = v.object({
  /** First and last day of the period (inclusive), in the organisation's time zone. */
  from: IsoDate,
  to: IsoDate,
  /** Received (registered) during the period. */
  received: Count,
  /** Received during the period, by type. */
  byType: v.object({ proposal: Count, application: Count, complaint: Count }),
  /** Received during the period and not yet answered (registered, in review or extended). */
  inProgress: Count,
  /** Answered during the period, in total and by result. */
  considered: v.object({
    total: Count,
    supported: Count,
    supportedMeasuresTaken: Count,
    notSupported: Count,
    explained: Count,
  }),
  /** Forwarded to another organisation by competence during the period. */
  forwarded: Count,
  /** Left without an answer on the merits (with a legal reason) during the period. */
  leftWithoutAnswer: Count,
  /** Received during the period, still open, and past their due date now. */
  overdue: Count,
});
export type AppealStats = v.InferOutput<typeof AppealStats>;

/** Response of `GET /v1/organizations/{organizationId}/appeal-counter`. */
export const AppealCounter = v.object({
  organizationId: OrganizationId,
  /** The day the figures are for, in the organisation's time zone. */
  asOf: IsoDate,
  timeZone: v.string(),
  /** The calendar month containing `asOf`. */
  month: AppealStats,
  /** The calendar year containing `asOf`. */
  year: AppealStats,
});
export type AppealCounter = v.InferOutput<typeof AppealCounter>;

export const AppealCounterQuery = v.object({
  /** Reference day; defaults to today in the organisation's time zone. Must not be in the future. */
  on: v.optional(IsoDate),
});
