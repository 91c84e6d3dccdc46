import type { Position, RankingEntry } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';
import { type PeriodRange, totalsOf } from './periods.ts';
import type { RatingPlace } from './settings.ts';

/**
 * Rankings of organisations by their average score in a period, read from the aggregates (one row
 * per organisation and period), never from the ratings. Averages are compared as
 * sent (rounded to two decimals), so organisations showing the same average share a rank.
 */

/** A set of organisations ranked together; `key` names it in caches. */
export interface RatingGroup {
  readonly key: string;
  /** Condition on `organizations o` with parameters `$1…`. */
  readonly where: string;
  readonly params: readonly unknown[];
  /**
   * Each member's figures looked up by its key (a nested loop), for groups of at most a few hundred
   * (siblings; issue 12's department of 300): joining the period's rows of every organisation
   * instead (right for a sphere of thousands) cost 2–14 ms on PostgreSQL and 30–70 ms on PGlite
   * against 0.7 ms and 18 ms looked up.
   */
  readonly lookUpEachMember: boolean;
}

/** Organisations with the same parent; null for one without a parent. */
export function siblingsGroup(parentId: string | null): RatingGroup | null {
  return parentId === null
    ? null
    : { key: `p:${parentId}`, where: 'o.parent_id = $1', params: [parentId], lookUpEachMember: true };
}

/** Organisations of the same sphere and category in the same country. */
export function sphereGroup(place: Pick<RatingPlace, 'country' | 'sphere' | 'category'>): RatingGroup {
  return {
    key: `s:${place.country}/${place.sphere}/${place.category}`,
    where: 'o.country = $1 AND o.sphere = $2 AND o.category = $3',
    params: [place.country, place.sphere, place.category],
    lookUpEachMember: false,
  };
}

/** A calendar period, or null for all time. */
export type RankingRange = PeriodRange | null;

/**
 * SQL for an average in hundredths, rounded half up, in integer arithmetic: exact ties, and cheaper
 * than numeric division over thousands of rows. Equals `averageOf` × 100.
 */
const HUNDREDTHS = '((200 * a.score_sum::bigint + a.score_count) / (2 * a.score_count))::int';

/**
 * Each rated member of `group` with its figures in `range`: `id, name, count, hundredths`. One
 * pre-summed row per organisation (rating_period_totals, or rating_months for a month), so a group
 * of thousands is one join whatever the period, and a small group one key lookup per member.
 */
function figuresSql(group: RatingGroup, range: RankingRange): { sql: string; params: unknown[] } {
  const totals = totalsOf(range);
  const [table, match, value] =
    'period' in totals
      ? ['rating_period_totals', `a.period = $${group.params.length + 1}`, totals.period]
      : ['rating_months', `a.month = $${group.params.length + 1}::date`, totals.month];
  // OFFSET 0 keeps the lateral subquery from being flattened back into a join.
  const from = group.lookUpEachMember
    ? `organizations o CROSS JOIN LATERAL (SELECT a.ratings, a.score_sum, a.score_count FROM ${table} a
         WHERE a.organization_id = o.id AND ${match} OFFSET 0) a`
    : `organizations o JOIN ${table} a ON a.organization_id = o.id AND ${match}`;
  return {
    sql: `SELECT o.id, COALESCE(o.short_name, o.name) AS name, a.ratings AS count, ${HUNDREDTHS} AS hundredths
      FROM ${from}
      WHERE ${group.where} AND a.ratings > 0`,
    params: [...group.params, value],
  };
}

/**
 * Display order among equals: by name, case- and ё-insensitively, compared by code point so every
 * database and machine agrees (database collations differ) and a group of thousands sorts in
 * milliseconds (a locale collator is ten times slower).
 */
const nameKey = (name: string) => name.toLocaleLowerCase('ru').replaceAll('ё', 'е');

/** Orders organisations by name as rankings do (see `nameKey`), the id deciding between equal names. */
export function compareNames(a: { id: string; key: string }, b: { id: string; key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const withNameKey = <T extends { name: string }>(row: T) => ({ ...row, key: nameKey(row.name) });

/**
 * The rated members of `group`, best first: by average, then number of ratings, then name. Ranks are
 * competition ranks by average alone ("1, 2, 2, 4").
 */
export async function rankGroup(
  db: Queryable,
  group: RatingGroup,
  range: RankingRange,
): Promise<RankingEntry[]> {
  const { sql, params } = figuresSql(group, range);
  // One JSON value instead of thousands of rows: PGlite spends most of the time on each row it returns.
  const [result] = await db.query<{ rows: [id: string, name: string, count: number, hundredths: number][] }>(
    `SELECT COALESCE(json_agg(json_build_array(f.id, f.name, f.count, f.hundredths)), '[]') AS rows
     FROM (${sql}) f`,
    params,
  );
  const rows = (result?.rows ?? []).map(([id, name, count, hundredths]) => ({ id, name, count, hundredths }));
  const sorted = rows
    .map(withNameKey)
    .sort((a, b) => b.hundredths - a.hundredths || b.count - a.count || compareNames(a, b));
  const entries: RankingEntry[] = [];
  for (const [index, row] of sorted.entries()) {
    const previous = sorted[index - 1];
    const rank =
      previous !== undefined && previous.hundredths === row.hundredths
        ? (entries[index - 1]?.rank ?? 1)
        : index + 1;
    entries.push({
      organizationId: row.id,
      name: row.name,
      rank,
      average: row.hundredths / 100,
      count: row.count,
    });
  }
  return entries;
}

/** Where `organizationId` stands in a computed ranking. */
export function positionInRanking(entries: readonly RankingEntry[], organizationId: string): Position {
  return {
    rank: entries.find((entry) => entry.organizationId === organizationId)?.rank ?? null,
    of: entries.length,
  };
}

/**
 * Where one organisation stands, counted in SQL without listing the group: what a single badge or a
 * write's receipt needs (it also runs inside the rating's transaction, where caches would be stale).
 */
export async function positionIn(
  db: Queryable,
  group: RatingGroup,
  range: RankingRange,
  organizationId: string,
): Promise<Position> {
  const { sql, params } = figuresSql(group, range);
  const [row] = await db.query<{ of: number; rank: number | null }>(
    `WITH f AS (${sql}), mine AS (SELECT hundredths FROM f WHERE id = $${params.length + 1})
     SELECT (SELECT count(*)::int FROM f) AS of,
       CASE WHEN EXISTS (SELECT 1 FROM mine)
         THEN 1 + (SELECT count(*)::int FROM f WHERE hundredths > (SELECT hundredths FROM mine)) END AS rank`,
    [...params, organizationId],
  );
  return { rank: row?.rank ?? null, of: row?.of ?? 0 };
}
