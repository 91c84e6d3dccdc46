import type {
  CriteriaSet,
  PeriodFigures,
  Position,
  RankingEntry,
  RatingAnalytics,
  SubordinateFigures,
} from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';
import { averageOf } from './aggregates.ts';
import {
  type CalendarPeriod,
  monthsEnding,
  type PeriodRange,
  periodContaining,
  previousPeriod,
} from './periods.ts';
import {
  compareNames,
  positionInRanking,
  type RatingGroup,
  siblingsGroup,
  sphereGroup,
  withNameKey,
} from './ranking.ts';
import type { RankingCache } from './ranking-cache.ts';
import type { RatingPlace } from './settings.ts';

export interface AnalyticsQuery {
  period: CalendarPeriod;
  /** A date inside the current period. */
  on: string;
  /** Months of trend, ending with the current period's last month. */
  months: number;
}

/** Sums of one month (or several) of one organisation. */
interface Sums {
  ratings: number;
  scoreSum: number;
  scoreCount: number;
  criteria: Map<string, { scoreSum: number; scoreCount: number }>;
}

const emptySums = (): Sums => ({ ratings: 0, scoreSum: 0, scoreCount: 0, criteria: new Map() });

function addSums(into: Sums, more: Sums): void {
  into.ratings += more.ratings;
  into.scoreSum += more.scoreSum;
  into.scoreCount += more.scoreCount;
  for (const [id, c] of more.criteria) {
    const known = into.criteria.get(id) ?? { scoreSum: 0, scoreCount: 0 };
    into.criteria.set(id, {
      scoreSum: known.scoreSum + c.scoreSum,
      scoreCount: known.scoreCount + c.scoreCount,
    });
  }
}

/** The organisation's monthly sums between two month starts, by month start. */
async function monthlySums(db: Queryable, organizationId: string, first: string, last: string) {
  const params = [organizationId, first, last];
  const [months, criteria] = await Promise.all([
    db.query<{ month: string; ratings: number; score_sum: number; score_count: number }>(
      `SELECT to_char(month, 'YYYY-MM-DD') AS month, ratings, score_sum::float8 AS score_sum,
         score_count::float8 AS score_count
       FROM rating_months WHERE organization_id = $1 AND month BETWEEN $2::date AND $3::date`,
      params,
    ),
    db.query<{ month: string; criterion_id: string; score_sum: number; score_count: number }>(
      `SELECT to_char(month, 'YYYY-MM-DD') AS month, criterion_id, score_sum::float8 AS score_sum,
         score_count::float8 AS score_count
       FROM rating_criterion_months WHERE organization_id = $1 AND month BETWEEN $2::date AND $3::date`,
      params,
    ),
  ]);
  const byMonth = new Map<string, Sums>();
  for (const row of months) {
    byMonth.set(row.month, {
      ratings: row.ratings,
      scoreSum: row.score_sum,
      scoreCount: row.score_count,
      criteria: new Map(),
    });
  }
  for (const row of criteria) {
    byMonth.get(row.month)?.criteria.set(row.criterion_id, {
      scoreSum: row.score_sum,
      scoreCount: row.score_count,
    });
  }
  return byMonth;
}

function sumMonths(byMonth: Map<string, Sums>, range: PeriodRange): Sums {
  const total = emptySums();
  for (const [month, sums] of byMonth) {
    if (month >= range.firstMonth && month <= range.lastMonth) addSums(total, sums);
  }
  return total;
}

/** Averages of the current set's criteria (criteria no longer in the set are left out). */
const criteriaAverages = (sums: Sums, criteriaSet: CriteriaSet) =>
  Object.fromEntries(
    criteriaSet.criteria.map(({ id }) => {
      const c = sums.criteria.get(id);
      return [id, c ? averageOf(c.scoreSum, c.scoreCount) : null];
    }),
  );

/** Places gained from `previous` to `current` (rank 5 → 3 is 2); null unless ranked in both. */
const placesGained = (previous: Pick<Position, 'rank'> | null, current: Pick<Position, 'rank'> | null) =>
  previous?.rank != null && current?.rank != null ? previous.rank - current.rank : null;

/** A direct subordinate as the analytics list it: its full name and its short one, if any. */
interface Subordinate {
  id: string;
  name: string;
  shortName: string | null;
}

/**
 * Direct subordinates ranked among themselves in the current period (best first), then those without
 * ratings in it by name, each with its previous figures and the places it gained. The names come from
 * the organisations, not the ranking (whose `name` is the short name where there is one); the unranked
 * are ordered by that same displayed name, as the ranking orders its ties.
 */
function subordinateFigures(
  subordinates: Subordinate[],
  current: RankingEntry[],
  previous: RankingEntry[],
): SubordinateFigures[] {
  const byId = new Map(subordinates.map((s) => [s.id, s]));
  const currentById = new Map(current.map((entry) => [entry.organizationId, entry]));
  const previousById = new Map(previous.map((entry) => [entry.organizationId, entry]));
  const figures = (entry: RankingEntry | undefined) => ({
    average: entry?.average ?? null,
    count: entry?.count ?? 0,
    rank: entry?.rank ?? null,
  });
  const unranked = subordinates
    .filter((s) => !currentById.has(s.id))
    .map((s) => ({ ...s, key: withNameKey({ name: s.shortName ?? s.name }).key }))
    .sort(compareNames);
  // A cached ranking may hold an organisation moved away since: it keeps the ranking's name.
  const named = (entry: RankingEntry) =>
    byId.get(entry.organizationId) ?? { id: entry.organizationId, name: entry.name, shortName: null };
  return [...current.map(named), ...unranked].map((s) => {
    const now = figures(currentById.get(s.id));
    const before = figures(previousById.get(s.id));
    return {
      organizationId: s.id,
      name: s.name,
      shortName: s.shortName,
      current: now,
      previous: before,
      change: placesGained(before, now),
    };
  });
}

/**
 * The current period against the previous one: the organisation's figures and positions, a monthly
 * trend (months without ratings included with count 0) and its direct subordinates.
 */
export async function ratingAnalytics(
  db: Queryable,
  org: RatingPlace & { settings: { criteriaSet: CriteriaSet } },
  query: AnalyticsQuery,
  rankings: RankingCache,
): Promise<RatingAnalytics> {
  const { criteriaSet } = org.settings;
  const current = periodContaining(query.period, query.on);
  const previous = previousPeriod(query.period, current);
  const trendMonths = monthsEnding(current.lastMonth, query.months);
  // One read of the months both the trend and the two periods need (month starts compare as text).
  const trendStart = trendMonths[0] ?? current.firstMonth;
  const firstMonth = trendStart < previous.firstMonth ? trendStart : previous.firstMonth;
  // Every read below is independent of the others: started together, they overlap on PostgreSQL
  // (a connection each; a department of 300 makes eight ranking queries), PGlite runs them in turn.
  const monthsRead = monthlySums(db, org.id, firstMonth, current.lastMonth);
  const siblings = siblingsGroup(org.parentId);
  const sphere = sphereGroup(org);
  // From the shared group rankings, so the figures agree with the ranking endpoint's.
  const positionOf = async (group: RatingGroup, range: PeriodRange) =>
    positionInRanking(await rankings.ranking(db, group, range), org.id);

  const periodFigures = async (range: PeriodRange): Promise<PeriodFigures> => {
    const [byMonth, siblingsPosition, spherePosition] = await Promise.all([
      monthsRead,
      siblings === null ? null : positionOf(siblings, range),
      positionOf(sphere, range),
    ]);
    const sums = sumMonths(byMonth, range);
    return {
      from: range.from,
      to: range.to,
      average: averageOf(sums.scoreSum, sums.scoreCount),
      count: sums.ratings,
      criteria: criteriaAverages(sums, criteriaSet),
      siblings: siblingsPosition,
      sphere: spherePosition,
    };
  };
  const subordinatesAndRankings = async () => {
    const subordinates = await db.query<Subordinate>(
      'SELECT id, name, short_name AS "shortName" FROM organizations WHERE parent_id = $1',
      [org.id],
    );
    const ownGroup = siblingsGroup(org.id);
    const [currentRanking, previousRanking] =
      subordinates.length === 0 || ownGroup === null
        ? [[], []]
        : await Promise.all([
            rankings.ranking(db, ownGroup, current),
            rankings.ranking(db, ownGroup, previous),
          ]);
    return subordinateFigures(subordinates, currentRanking, previousRanking);
  };
  const [now, before, subordinates, byMonth] = await Promise.all([
    periodFigures(current),
    periodFigures(previous),
    subordinatesAndRankings(),
    monthsRead,
  ]);

  return {
    organizationId: org.id,
    criteriaSet,
    period: query.period,
    current: now,
    previous: before,
    change: {
      siblings: placesGained(before.siblings, now.siblings),
      sphere: placesGained(before.sphere, now.sphere),
    },
    trend: trendMonths.map((month) => {
      const sums = byMonth.get(month) ?? emptySums();
      return {
        month: month.slice(0, 7),
        average: averageOf(sums.scoreSum, sums.scoreCount),
        count: sums.ratings,
        criteria: criteriaAverages(sums, criteriaSet),
      };
    }),
    subordinates,
  };
}
