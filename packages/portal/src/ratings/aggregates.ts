import type { Queryable } from '../db/types.ts';
import { totalsKeysOf } from './periods.ts';

/**
 * The aggregates behind badges, rankings and analytics (their meaning is documented in migration
 * 0007): kept in step with every rating inside the inserting transaction, or rebuilt from the ratings.
 */

/** The distribution bucket 1–5 of a rating: its mean score rounded half up, in integer arithmetic. */
export const distributionBucket = (scoreSum: number, scoreCount: number) =>
  Math.floor((2 * scoreSum + scoreCount) / (2 * scoreCount));

/**
 * A mean rounded half up to two decimals, computed on integers so it equals PostgreSQL's
 * `round(sum::numeric / count, 2)` used by the rankings (no 4.005 → 4.00 float surprises); null for none.
 */
export const averageOf = (scoreSum: number, scoreCount: number): number | null =>
  scoreCount === 0 ? null : Math.floor((200 * scoreSum + scoreCount) / (2 * scoreCount)) / 100;

const BUCKET_SQL = '(2 * score_sum + score_count) / (2 * score_count)';

export interface RatingToAggregate {
  organizationId: string;
  /** The organisation's local date of the rating. */
  ratedOn: string;
  createdAt: Date;
  scores: ReadonlyMap<string, number>;
}

/**
 * `INSERT … ON CONFLICT` adding one rating to rating_months or rating_period_totals rows.
 * Parameters: $1 organisation, $2 the second key (a month, or an array of periods), $3 score sum,
 * $4 score count, $5 distribution bucket, $6 the rating's time.
 */
function addRatingSql(table: string, secondKey: string, keyValue: string, from = ''): string {
  const buckets = [1, 2, 3, 4, 5];
  return `INSERT INTO ${table} AS a (organization_id, ${secondKey}, ratings, score_sum, score_count,
      ${buckets.map((d) => `d${d}`).join(', ')}, last_rated_at)
    SELECT $1, ${keyValue}, 1, $3::int, $4::int, ${buckets.map((d) => `($5::int = ${d})::int`).join(', ')}, $6
    ${from}
    ON CONFLICT (organization_id, ${secondKey}) DO UPDATE SET
      ratings = a.ratings + 1,
      score_sum = a.score_sum + EXCLUDED.score_sum,
      score_count = a.score_count + EXCLUDED.score_count,
      ${buckets.map((d) => `d${d} = a.d${d} + EXCLUDED.d${d}`).join(', ')},
      last_rated_at = greatest(a.last_rated_at, EXCLUDED.last_rated_at)`;
}

const ADD_TO_MONTHS = addRatingSql('rating_months', 'month', '$2::date');
// All periods in one statement, in a fixed order (all, year, quarter).
const ADD_TO_TOTALS = addRatingSql(
  'rating_period_totals',
  'period',
  'p.period',
  'FROM unnest($2::text[]) WITH ORDINALITY AS p (period, n) ORDER BY p.n',
);
const ADD_TO_CRITERION_MONTHS = `INSERT INTO rating_criterion_months AS a
    (organization_id, month, criterion_id, score_sum, score_count)
  SELECT $1, $2::date, t.criterion_id, t.score, 1 FROM unnest($3::text[], $4::int[]) AS t (criterion_id, score)
  ON CONFLICT (organization_id, month, criterion_id) DO UPDATE SET
    score_sum = a.score_sum + EXCLUDED.score_sum,
    score_count = a.score_count + 1`;

/**
 * Adds one rating to the month, period and per-criterion aggregates. Always the same row order
 * (month, all/year/quarter, criteria), so concurrent ratings of one organisation queue instead of
 * deadlocking.
 */
export async function addToAggregates(tx: Queryable, rating: RatingToAggregate): Promise<void> {
  const scores = [...rating.scores.values()];
  const sum = scores.reduce((a, b) => a + b, 0);
  const bucket = distributionBucket(sum, scores.length);
  const { organizationId, ratedOn, createdAt } = rating;
  const month = `${ratedOn.slice(0, 7)}-01`;
  await tx.query(ADD_TO_MONTHS, [organizationId, month, sum, scores.length, bucket, createdAt]);
  await tx.query(ADD_TO_TOTALS, [
    organizationId,
    totalsKeysOf(ratedOn),
    sum,
    scores.length,
    bucket,
    createdAt,
  ]);
  await tx.query(ADD_TO_CRITERION_MONTHS, [organizationId, month, [...rating.scores.keys()], scores]);
}

/**
 * Recomputes the aggregates from ratings and rating_scores: of the given organisations, or of all
 * when `organizationIds` is omitted. For bulk loads (demo seed, data generators) that insert ratings
 * directly, and as the reference the incremental updates are tested against.
 */
export async function rebuildRatingAggregates(tx: Queryable, organizationIds?: readonly string[]) {
  const ids = organizationIds === undefined ? null : [...organizationIds];
  const only = (column: string) => `($1::text[] IS NULL OR ${column} = ANY($1::text[]))`;
  for (const table of ['rating_criterion_months', 'rating_months', 'rating_period_totals']) {
    await tx.query(`DELETE FROM ${table} WHERE ${only('organization_id')}`, [ids]);
  }
  const monthOf = "date_trunc('month', r.rated_on::timestamp)::date";
  await tx.query(
    `INSERT INTO rating_months (organization_id, month, ratings, score_sum, score_count,
       d1, d2, d3, d4, d5, last_rated_at)
     SELECT r.organization_id, ${monthOf}, count(*), sum(r.score_sum), sum(r.score_count),
       ${[1, 2, 3, 4, 5].map((d) => `count(*) FILTER (WHERE ${BUCKET_SQL} = ${d})`).join(', ')},
       max(r.created_at)
     FROM ratings r WHERE ${only('r.organization_id')} GROUP BY 1, 2`,
    [ids],
  );
  // The same keys as totalsKeysOf: 'all', the year, the quarter.
  await tx.query(
    `INSERT INTO rating_period_totals (organization_id, period, ratings, score_sum, score_count,
       d1, d2, d3, d4, d5, last_rated_at)
     SELECT m.organization_id, p.period, sum(m.ratings), sum(m.score_sum), sum(m.score_count),
       sum(m.d1), sum(m.d2), sum(m.d3), sum(m.d4), sum(m.d5), max(m.last_rated_at)
     FROM rating_months m
       CROSS JOIN LATERAL (VALUES ('all'), (to_char(m.month, 'YYYY')), (to_char(m.month, 'YYYY-"Q"Q'))) AS p (period)
     WHERE ${only('m.organization_id')} GROUP BY 1, 2`,
    [ids],
  );
  await tx.query(
    `INSERT INTO rating_criterion_months (organization_id, month, criterion_id, score_sum, score_count)
     SELECT r.organization_id, ${monthOf}, s.criterion_id, sum(s.score), count(*)
     FROM ratings r JOIN rating_scores s ON s.rating_id = r.id
     WHERE ${only('r.organization_id')} GROUP BY 1, 2, 3`,
    [ids],
  );
}
