import type { CriteriaSet, Position, RatingSummary } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';
import { averageOf } from './aggregates.ts';
import { positionIn, type RatingGroup, siblingsGroup, sphereGroup } from './ranking.ts';
import type { RatingPlace } from './settings.ts';

interface TotalsRow {
  ratings: number;
  score_sum: number;
  score_count: number;
  d1: number;
  d2: number;
  d3: number;
  d4: number;
  d5: number;
  last_rated_at: Date;
}

/** All-time figures of each criterion of `criteriaSet`, by criterion id. */
async function criterionFigures(
  db: Queryable,
  organizationId: string,
  criteriaSet: CriteriaSet,
): Promise<Map<string, { average: number | null; count: number }>> {
  const rows = await db.query<{ criterion_id: string; score_sum: number; score_count: number }>(
    `SELECT criterion_id, sum(score_sum)::float8 AS score_sum, sum(score_count)::int AS score_count
     FROM rating_criterion_months WHERE organization_id = $1 GROUP BY criterion_id`,
    [organizationId],
  );
  const byId = new Map(rows.map((row) => [row.criterion_id, row]));
  // Criteria no longer in the set keep counting in the overall average but get no line of their own.
  return new Map(
    criteriaSet.criteria.map(({ id }) => {
      const row = byId.get(id);
      return [
        id,
        { average: row ? averageOf(row.score_sum, row.score_count) : null, count: row?.score_count ?? 0 },
      ];
    }),
  );
}

/** Where the organisation stands in a group over all time. */
export type PositionOf = (group: RatingGroup) => Promise<Position>;

/**
 * The badge's figures over all ratings: averages, count, distribution, positions, last rating. Reads
 * one totals row and the per-criterion months. Positions are counted in SQL unless `positionOf` says
 * otherwise (readers pass cached group rankings; a rating's transaction needs the fresh count).
 */
export async function ratingSummary(
  db: Queryable,
  org: RatingPlace & { settings: { criteriaSet: CriteriaSet } },
  positionOf: PositionOf = (group) => positionIn(db, group, null, org.id),
): Promise<RatingSummary> {
  const { criteriaSet } = org.settings;
  const siblings = siblingsGroup(org.parentId);
  // Independent reads, started together (a connection each on PostgreSQL).
  const [[totals], criteria, siblingsPosition, spherePosition] = await Promise.all([
    db.query<TotalsRow>(
      `SELECT ratings, score_sum::float8 AS score_sum, score_count::float8 AS score_count,
         d1, d2, d3, d4, d5, last_rated_at
       FROM rating_period_totals WHERE organization_id = $1 AND period = 'all'`,
      [org.id],
    ),
    criterionFigures(db, org.id, criteriaSet),
    siblings === null ? null : positionOf(siblings),
    positionOf(sphereGroup(org)),
  ]);
  return {
    organizationId: org.id,
    criteriaSetId: criteriaSet.id,
    average: totals ? averageOf(totals.score_sum, totals.score_count) : null,
    count: totals?.ratings ?? 0,
    criteria: criteriaSet.criteria.map(({ id, label }) => ({
      id,
      label,
      average: criteria.get(id)?.average ?? null,
      count: criteria.get(id)?.count ?? 0,
    })),
    distribution: totals ? [totals.d1, totals.d2, totals.d3, totals.d4, totals.d5] : [0, 0, 0, 0, 0],
    siblings: siblingsPosition,
    sphere: spherePosition,
    lastRatedAt: totals ? totals.last_rated_at.toISOString() : null,
  };
}
