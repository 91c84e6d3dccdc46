/**
 * Wire format of the service-quality rating: criteria sets, the rating form's settings, the
 * submission, the public summary behind the rating badge, rankings and analytics.
 *
 * Scores are whole numbers 1–5. Averages are sent rounded to two decimals, `null` when nothing was
 * rated. Positions use competition ranking: equal averages share a rank ("1, 2, 2, 4"); organisations
 * without ratings in the period are not ranked.
 */
import * as v from 'valibot';
import {
  Category,
  Country,
  IsoDate,
  IsoTimestamp,
  Language,
  OrganizationId,
  PageQuery,
  pageOf,
  Slug,
  Sphere,
} from './common.ts';
import { PowSolution } from './intake.ts';
import { PlainString, plainText } from './text.ts';

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** An average score 1–5 rounded to two decimals, or `null` when there is nothing to average. */
const Average = v.nullable(v.pipe(v.number(), v.minValue(1), v.maxValue(5)));

/** Slug of a criterion or a criteria set, e.g. `courtesy`, `by-base`. */
export const CriterionId = Slug;

/** A text in the languages it was written in; widgets show the page's language, else the first given. */
const localized = <T extends v.GenericSchema<string, string>>(text: T) =>
  v.pipe(
    v.object({ ru: v.optional(text), be: v.optional(text), en: v.optional(text) }),
    v.check((value) => Boolean(value.ru ?? value.be ?? value.en), 'Give the text in at least one language'),
  );
export const LocalizedText = localized(v.string());
/** A {@link LocalizedText} an organisation writes: each text refuses what cannot be stored. */
export const LocalizedTextInput = localized(PlainString);
export type LocalizedText = v.InferOutput<typeof LocalizedText>;

export const Criterion = v.object({ id: CriterionId, label: LocalizedText });
export type Criterion = v.InferOutput<typeof Criterion>;

/**
 * The criteria a service is scored on. Built in: `by-base` (the four criteria of качество-услуг.бел)
 * and `ru-nok` (the five of the Russian independent quality assessment); organisations may define
 * their own.
 */
export const CriteriaSet = v.object({
  id: CriterionId,
  name: LocalizedText,
  criteria: v.pipe(v.array(Criterion), v.minLength(1), v.maxLength(10)),
});
export type CriteriaSet = v.InferOutput<typeof CriteriaSet>;

/** What the rating form needs from the organisation, part of the widget settings. */
export const RatingFormSettings = v.object({
  /** Whether the organisation takes ratings at all. */
  enabled: v.boolean(),
  criteriaSet: CriteriaSet,
  /** The date a service was provided may lie at most this many days back (and never in the future). */
  serviceDateMaxAgeDays: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3650)),
  /** Longest comment accepted; 0 hides the comment field. */
  commentMaxLength: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5000)),
  /**
   * `anonymous`: no identity asked. `optional`: the citizen may verify an e-mail (or sign in) to have
   * the rating counted as identified. `required`: a verified identity is needed to rate.
   */
  identification: v.picklist(['anonymous', 'optional', 'required']),
  identity: v.object({
    emailCode: v.boolean(),
    oidcProviders: v.array(v.object({ id: v.string(), name: v.string() })),
  }),
  /** Where the organisation's rating page is (for QR codes and posters); `null`: the portal's own. */
  ratingPageUrl: v.nullable(v.pipe(v.string(), v.url())),
});
export type RatingFormSettings = v.InferOutput<typeof RatingFormSettings>;

export const Score = v.pipe(v.number(), v.integer('Scores are whole numbers'), v.minValue(1), v.maxValue(5));

/** `POST /v1/organizations/{organizationId}/ratings`. */
export const RatingSubmission = v.object({
  serviceId: v.pipe(v.string(), plainText(), v.minLength(1), v.maxLength(64)),
  /** The organisation's local date on which the service was provided. */
  serviceDate: IsoDate,
  /** One score 1–5 for every criterion of the organisation's criteria set, by criterion id. */
  scores: v.record(CriterionId, Score),
  comment: v.optional(v.pipe(v.string(), plainText(), v.trim(), v.maxLength(5000))),
  /** From the e-mail code or OpenID Connect flow; counts the rating as identified. */
  identityToken: v.optional(v.pipe(v.string(), plainText(), v.minLength(20), v.maxLength(2000))),
  /**
   * A random identifier the widget keeps per browser, used only to allow one anonymous rating per
   * device, service and day. The portal stores a keyed hash of it, never the value.
   */
  deviceId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/, 'Expected 16–64 URL-safe characters')),
  language: v.optional(Language),
  proofOfWork: PowSolution,
});
export type RatingSubmission = v.InferOutput<typeof RatingSubmission>;

/** Where an organisation stands among others rated in the same period. */
export const Position = v.object({
  /** 1 is the best; `null` when the organisation has no ratings in the period. */
  rank: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Number of ranked organisations in the group. */
  of: Count,
});
export type Position = v.InferOutput<typeof Position>;

export const CriterionSummary = v.object({
  id: CriterionId,
  label: LocalizedText,
  average: Average,
  count: Count,
});

/** The public figures behind the rating badge, over all ratings received. */
export const RatingSummary = v.object({
  organizationId: OrganizationId,
  criteriaSetId: CriterionId,
  /** Mean of all scores of all criteria. */
  average: Average,
  /** Number of ratings (each scores every criterion once). */
  count: Count,
  criteria: v.array(CriterionSummary),
  /** How many ratings had a mean score that rounds to 1, 2, 3, 4 and 5 (index 0 is 1). */
  distribution: v.pipe(v.array(Count), v.length(5)),
  /** Among organisations with the same parent; `null` for an organisation without a parent. */
  siblings: v.nullable(Position),
  /** Among organisations of the same sphere and category in the same country. */
  sphere: Position,
  /** When the last rating was received, `null` if none. */
  lastRatedAt: v.nullable(IsoTimestamp),
});
export type RatingSummary = v.InferOutput<typeof RatingSummary>;

/**
 * Answer to a rating submission: thanks, and the organisation's rating including this one. Its
 * averages, count and distribution count this rating; its positions come from the portal's latest
 * computed rankings and may not reflect it yet (the badge's summary does within half a minute).
 */
export const RatingReceipt = v.object({
  ratingId: v.pipe(v.string(), v.uuid()),
  identified: v.boolean(),
  summary: RatingSummary,
});
export type RatingReceipt = v.InferOutput<typeof RatingReceipt>;

/** Calendar periods for rankings and analytics; `all` is every rating ever received. */
export const RatingPeriod = v.picklist(['all', 'year', 'quarter', 'month']);
export type RatingPeriod = v.InferOutput<typeof RatingPeriod>;

/** Query of the ranking endpoint. */
export const RankingQuery = v.object({
  /** `siblings`: organisations with the same parent. `sphere`: same sphere, category and country. */
  scope: v.optional(v.picklist(['siblings', 'sphere']), 'siblings'),
  period: v.optional(RatingPeriod, 'all'),
  /** A date inside the period (default: today in the organisation's time zone). */
  on: v.optional(IsoDate),
  ...PageQuery,
});

export const RankingEntry = v.object({
  organizationId: OrganizationId,
  name: v.string(),
  rank: v.pipe(v.number(), v.integer(), v.minValue(1)),
  average: v.pipe(v.number(), v.minValue(1), v.maxValue(5)),
  count: Count,
});
export type RankingEntry = v.InferOutput<typeof RankingEntry>;

/** A page of the ranking, best first, with the asking organisation's own position. */
export const RankingPage = v.object({
  ...pageOf(RankingEntry).entries,
  scope: v.picklist(['siblings', 'sphere']),
  period: RatingPeriod,
  /** First and last day of the period (`null` for `all`). */
  from: v.nullable(IsoDate),
  to: v.nullable(IsoDate),
  position: Position,
});
export type RankingPage = v.InferOutput<typeof RankingPage>;

/** Query of the analytics endpoint. */
export const RatingAnalyticsQuery = v.object({
  /** Length of the compared periods (default `quarter`). */
  period: v.optional(v.picklist(['year', 'quarter', 'month']), 'quarter'),
  /** A date inside the current period (default: today in the organisation's time zone). */
  on: v.optional(IsoDate),
  /** How many months of trend to return, ending with the current period's last month. */
  months: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,2}$/), v.transform(Number), v.minValue(1), v.maxValue(36)),
    '12',
  ),
});

/** Averages of one organisation in one period. */
export const PeriodFigures = v.object({
  from: IsoDate,
  to: IsoDate,
  average: Average,
  count: Count,
  criteria: v.record(CriterionId, Average),
  siblings: v.nullable(Position),
  sphere: Position,
});
export type PeriodFigures = v.InferOutput<typeof PeriodFigures>;

/**
 * How an organisation's position changed: positive numbers are places gained (rank 5 → 3 is `2`);
 * `null` when it was not ranked in one of the two periods.
 */
export const PositionChange = v.nullable(v.pipe(v.number(), v.integer()));

export const SubordinateFigures = v.object({
  organizationId: OrganizationId,
  /** The organisation's full name. */
  name: v.string(),
  /** The organisation's short name where it has one (for narrow screens); `null` when it has none. */
  shortName: v.nullable(v.string()),
  current: v.object({ average: Average, count: Count, rank: v.nullable(v.number()) }),
  previous: v.object({ average: Average, count: Count, rank: v.nullable(v.number()) }),
  change: PositionChange,
});
export type SubordinateFigures = v.InferOutput<typeof SubordinateFigures>;

/** Analytics of an organisation and its direct subordinates for the current and the previous period. */
export const RatingAnalytics = v.object({
  organizationId: OrganizationId,
  criteriaSet: CriteriaSet,
  period: v.picklist(['year', 'quarter', 'month']),
  current: PeriodFigures,
  previous: PeriodFigures,
  change: v.object({ siblings: PositionChange, sphere: PositionChange }),
  /** Month by month, oldest first, months without ratings included with `count` 0. */
  trend: v.array(
    v.object({
      month: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}$/)),
      average: Average,
      count: Count,
      criteria: v.record(CriterionId, Average),
    }),
  ),
  /** Direct subordinates ranked among themselves in the current period, best first. */
  subordinates: v.array(SubordinateFigures),
});
export type RatingAnalytics = v.InferOutput<typeof RatingAnalytics>;

/** A sphere of activity with its categories, for the organisation search filters. */
export const SphereEntry = v.object({
  id: Sphere,
  name: LocalizedText,
  /** Organisations in the sphere (matching the query's country, if given). */
  count: Count,
  categories: v.array(v.object({ id: Category, name: LocalizedText, count: Count })),
});
export type SphereEntry = v.InferOutput<typeof SphereEntry>;

export const SphereListQuery = v.object({ country: v.optional(Country) });
export const SphereList = v.object({ items: v.array(SphereEntry) });
export type SphereList = v.InferOutput<typeof SphereList>;
