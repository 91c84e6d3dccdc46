/**
 * What staff read of the ratings: the comments, and every rating for the CSV export, of an
 * organisation alone or with all its subordinates. Never who rated (no rater key).
 */
import type { LocalizedText } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';
import { averageOf } from './aggregates.ts';
import { DEFAULT_CRITERIA_SET } from './settings.ts';

/** Ratings whose local date (`rated_on`) lies in the period; either end may be open. */
export interface RatingPeriodFilter {
  from?: string | undefined;
  to?: string | undefined;
}

export interface ScopeOrganization {
  id: string;
  name: string;
}

/**
 * The organisations read for `organizationId`: it alone, or with every organisation below it.
 * (Whether the actor may read them is the staff gate's question, asked before this.)
 */
export async function ratingScope(
  db: Queryable,
  organizationId: string,
  includeSubordinates: boolean,
): Promise<ScopeOrganization[]> {
  // UNION (not UNION ALL) stops at a repeated row, so a cycle in parent_id cannot loop forever.
  // The name travels down with the id: joining the organisations again afterwards was a hash join
  // over all of them (13,000 nationally) for a subtree of a few hundred.
  return db.query<ScopeOrganization>(
    `WITH RECURSIVE down (id, name, depth) AS (
       SELECT id, name, 0 FROM organizations WHERE id = $1
       UNION
       SELECT o.id, o.name, down.depth + 1 FROM organizations o JOIN down ON o.parent_id = down.id
       WHERE $2 AND down.depth < 32)
     SELECT id, name FROM down GROUP BY id, name
     ORDER BY min(depth), name, id`,
    [organizationId, includeSubordinates],
  );
}

const PERIOD_SQL =
  '($2::date IS NULL OR r.rated_on >= $2::date) AND ($3::date IS NULL OR r.rated_on <= $3::date)';
const SCORES_SQL =
  '(SELECT jsonb_object_agg(criterion_id, score) FROM rating_scores WHERE rating_id = r.id) AS scores';

interface CommentRow {
  id: string;
  organization_id: string;
  organization_name: string;
  organization_short_name: string | null;
  service_id: string;
  service_name: string | null;
  service_date: string;
  score_sum: number;
  score_count: number;
  scores: Record<string, number> | null;
  comment: string;
  identified: boolean;
  created_at: Date;
}

/** The service a rating is about and its scores, as both reads show them. */
const servedAndScored = (
  row: Omit<
    CommentRow,
    'organization_id' | 'organization_name' | 'organization_short_name' | 'created_at' | 'comment'
  >,
) => ({
  serviceId: row.service_id,
  serviceName: row.service_name,
  serviceDate: row.service_date,
  scores: row.scores ?? {},
  average: averageOf(row.score_sum, row.score_count) ?? 0,
});

/** A page of the comments in the scope, newest first. */
export async function listRatingComments(
  db: Queryable,
  scope: readonly ScopeOrganization[],
  filter: RatingPeriodFilter & { limit: number; offset: number },
) {
  const where = `r.organization_id = ANY($1::text[]) AND r.comment IS NOT NULL AND r.comment <> ''
    AND ${PERIOD_SQL}`;
  const params = [scope.map((org) => org.id), filter.from ?? null, filter.to ?? null];
  // The page's ids first, from the comments index alone (migration 0017), then the details of
  // those 20 only; the total at the same time (another connection on PostgreSQL).
  const [[count], rows] = await Promise.all([
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ratings r WHERE ${where}`, params),
    db.query<CommentRow>(
      `WITH page AS (
         SELECT r.id FROM ratings r WHERE ${where}
         ORDER BY r.created_at DESC, r.id DESC
         LIMIT $4 OFFSET $5)
       SELECT r.id, r.organization_id, o.name AS organization_name, o.short_name AS organization_short_name,
         r.service_id, s.name AS service_name,
         to_char(r.service_date, 'YYYY-MM-DD') AS service_date, r.score_sum, r.score_count, ${SCORES_SQL},
         r.comment, r.identified, r.created_at
       FROM page JOIN ratings r USING (id)
         JOIN organizations o ON o.id = r.organization_id
         LEFT JOIN services s ON s.organization_id = r.organization_id AND s.id = r.service_id
       ORDER BY r.created_at DESC, r.id DESC`,
      [...params, filter.limit, filter.offset],
    ),
  ]);
  return {
    items: rows.map((row) => ({
      ratingId: row.id,
      organizationId: row.organization_id,
      organizationName: row.organization_name,
      organizationShortName: row.organization_short_name,
      ...servedAndScored(row),
      comment: row.comment,
      identified: row.identified,
      createdAt: row.created_at.toISOString(),
    })),
    total: count?.total ?? 0,
    limit: filter.limit,
    offset: filter.offset,
  };
}

export interface CriterionColumn {
  id: string;
  label: LocalizedText;
}

/**
 * The score columns of an export: the criteria of the organisation's set in their order, then
 * those of any other set the scope's ratings in the period were given under (a subordinate with
 * its own set, a set changed since), each criterion id once.
 */
export async function exportCriteria(
  db: Queryable,
  organizationId: string,
  scope: readonly ScopeOrganization[],
  filter: RatingPeriodFilter,
): Promise<CriterionColumn[]> {
  const rows = await db.query<{ id: string; label: LocalizedText }>(
    `WITH own AS (
       SELECT COALESCE(s.criteria_set_id, CASE o.country WHEN 'BY' THEN $4 ELSE $5 END) AS set_id
       FROM organizations o LEFT JOIN organization_rating_settings s ON s.organization_id = o.id
       WHERE o.id = $6),
     used AS (SELECT DISTINCT r.criteria_set_id AS set_id FROM ratings r
       WHERE r.organization_id = ANY($1::text[]) AND ${PERIOD_SQL})
     SELECT c.id, c.label FROM criteria c
     WHERE c.set_id IN (SELECT set_id FROM own UNION SELECT set_id FROM used)
     ORDER BY c.set_id = (SELECT set_id FROM own) DESC, c.set_id, c.position`,
    [
      scope.map((org) => org.id),
      filter.from ?? null,
      filter.to ?? null,
      DEFAULT_CRITERIA_SET.BY,
      DEFAULT_CRITERIA_SET.RU,
      organizationId,
    ],
  );
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
}

export interface ExportRating {
  id: string;
  organizationId: string;
  organizationName: string;
  /** Date and time on the organisation's clock, `YYYY-MM-DD HH:MM:SS`. */
  ratedAt: string;
  serviceId: string;
  serviceName: string | null;
  serviceDate: string;
  scores: Record<string, number>;
  average: number;
  identified: boolean;
  comment: string | null;
}

/** Ratings read per statement while exporting. */
const EXPORT_BATCH = 1_000;

/**
 * Every rating in the scope and period, organisation by organisation (in scope order), oldest
 * first within each; in batches, so an export of a ministry's 100,000 ratings never sits in memory.
 * Each statement reads one organisation through its (organization_id, created_at) index.
 */
export async function* exportRatings(
  db: Queryable,
  scope: readonly ScopeOrganization[],
  filter: RatingPeriodFilter,
): AsyncGenerator<ExportRating[]> {
  const period = [filter.from ?? null, filter.to ?? null];
  const rated = await db.query<{ organization_id: string }>(
    `SELECT DISTINCT r.organization_id FROM ratings r WHERE r.organization_id = ANY($1::text[]) AND ${PERIOD_SQL}`,
    [scope.map((org) => org.id), ...period],
  );
  const withRatings = new Set(rated.map((row) => row.organization_id));
  for (const org of scope) {
    if (!withRatings.has(org.id)) continue;
    for (let offset = 0; ; offset += EXPORT_BATCH) {
      const rows = await db.query<
        Omit<
          CommentRow,
          'organization_id' | 'organization_name' | 'organization_short_name' | 'created_at'
        > & {
          rated_at: string;
          comment: string | null;
        }
      >(
        `SELECT r.id, to_char(r.created_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD HH24:MI:SS') AS rated_at,
           r.service_id, s.name AS service_name, to_char(r.service_date, 'YYYY-MM-DD') AS service_date,
           r.score_sum, r.score_count, ${SCORES_SQL}, r.identified, r.comment
         FROM ratings r
           JOIN organizations o ON o.id = r.organization_id
           LEFT JOIN services s ON s.organization_id = r.organization_id AND s.id = r.service_id
         WHERE r.organization_id = $1 AND ${PERIOD_SQL}
         ORDER BY r.created_at, r.id
         LIMIT $4 OFFSET $5`,
        [org.id, ...period, EXPORT_BATCH, offset],
      );
      if (rows.length > 0) {
        yield rows.map((row) => ({
          id: row.id,
          organizationId: org.id,
          organizationName: org.name,
          ratedAt: row.rated_at,
          ...servedAndScored(row),
          identified: row.identified,
          comment: row.comment,
        }));
      }
      if (rows.length < EXPORT_BATCH) break;
    }
  }
}
