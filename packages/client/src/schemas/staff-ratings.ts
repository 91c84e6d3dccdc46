/** Wire format of what staff read of the ratings: the comments and the CSV export. */
import * as v from 'valibot';
import { IsoDate, IsoTimestamp, OrganizationId, PageQuery, pageOf } from './common.ts';
import { CriterionId, Score } from './ratings.ts';

const Flag = v.optional(
  v.pipe(
    v.picklist(['true', 'false']),
    v.transform((s) => s === 'true'),
  ),
  'false',
);

/** The period (on `rated_on`, the organisation's local date) and whether subordinates count. */
const ScopeQuery = {
  /** First day, inclusive (the organisation's local date of the rating). */
  from: v.optional(IsoDate),
  /** Last day, inclusive. */
  to: v.optional(IsoDate),
  /** Also the organisations below this one (direct and deeper). */
  includeSubordinates: Flag,
};
const ordered = (q: { from?: string | undefined; to?: string | undefined }) =>
  q.from === undefined || q.to === undefined || q.from <= q.to;
const NOT_AFTER_TO = 'Must not be after `to`';

export const RatingCommentsQuery = v.pipe(
  v.object({ ...ScopeQuery, ...PageQuery }),
  v.forward(
    v.partialCheck([['from'], ['to']], (q) => ordered(q), NOT_AFTER_TO),
    ['from'],
  ),
);
export const RatingsExportQuery = v.pipe(
  v.object({
    ...ScopeQuery,
    /** `semicolon` for Excel with Russian or Belarusian regional settings (numbers with a decimal comma). */
    separator: v.optional(v.picklist(['comma', 'semicolon']), 'comma'),
  }),
  v.forward(
    v.partialCheck([['from'], ['to']], (q) => ordered(q), NOT_AFTER_TO),
    ['from'],
  ),
);

export const StaffRatingComment = v.object({
  ratingId: v.pipe(v.string(), v.uuid()),
  organizationId: OrganizationId,
  organizationName: v.string(),
  /** The organisation's short name where it has one (for narrow screens); `null` when it has none. */
  organizationShortName: v.nullable(v.string()),
  serviceId: v.string(),
  /** `null` when the service has since been removed. */
  serviceName: v.nullable(v.string()),
  serviceDate: IsoDate,
  scores: v.record(CriterionId, Score),
  /** Mean of the scores, two decimals. */
  average: v.pipe(v.number(), v.minValue(1), v.maxValue(5)),
  comment: v.string(),
  /** Whether the rater verified an e-mail or signed in (who it was is never shown). */
  identified: v.boolean(),
  createdAt: IsoTimestamp,
});
export type StaffRatingComment = v.InferOutput<typeof StaffRatingComment>;

export const StaffRatingCommentPage = pageOf(StaffRatingComment);
export type StaffRatingCommentPage = v.InferOutput<typeof StaffRatingCommentPage>;
