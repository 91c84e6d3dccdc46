/**
 * The monthly appeal report in the ССТУ categories for an organisation and, on request, everything
 * below it. The figures of each organisation come from `appealFigures`, the query of the counter
 * badge, so an organisation's own row is its badge for the month.
 */
import type { AppealStats, StaffAppealReport } from '@otklik/client/schemas';
import { appealFigures, periodsOf } from '../appeals/counter.ts';
import { todayIn } from '../dates.ts';
import type { Queryable } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';

interface TreeRow {
  id: string;
  name: string;
  short_name: string | null;
  parent_id: string | null;
  depth: number;
  time_zone: string;
}

/** The organisation and, with `deep`, every organisation below it, depth first by name. */
async function reportTree(db: Queryable, organizationId: string, deep: boolean): Promise<TreeRow[]> {
  const rows = await db.query<TreeRow & { path: string[] }>(
    `WITH RECURSIVE t (id, name, short_name, parent_id, depth, time_zone, path) AS (
       SELECT id, name, short_name, NULL::text, 0, time_zone, ARRAY[name || '|' || id]
       FROM organizations WHERE id = $1
       UNION ALL
       SELECT o.id, o.name, o.short_name, o.parent_id, t.depth + 1, o.time_zone, t.path || (o.name || '|' || o.id)
       FROM organizations o JOIN t ON o.parent_id = t.id
       WHERE $2 AND t.depth < 32 AND o.id <> ALL (SELECT unnest(t.path))
     )
     SELECT id, name, short_name, parent_id, depth, time_zone, path FROM t ORDER BY path`,
    [organizationId, deep],
  );
  if (rows.length === 0) throw new ProblemError(404, 'organization-not-found');
  return rows;
}

const ZERO_TYPES = { proposal: 0, application: 0, complaint: 0 };

/** Adds up figures of one period. */
export function sumStats(period: { from: string; to: string }, all: readonly AppealStats[]): AppealStats {
  const total: AppealStats = {
    from: period.from,
    to: period.to,
    received: 0,
    byType: { ...ZERO_TYPES },
    inProgress: 0,
    considered: { total: 0, supported: 0, supportedMeasuresTaken: 0, notSupported: 0, explained: 0 },
    forwarded: 0,
    leftWithoutAnswer: 0,
    overdue: 0,
  };
  for (const s of all) {
    total.received += s.received;
    total.byType.proposal += s.byType.proposal;
    total.byType.application += s.byType.application;
    total.byType.complaint += s.byType.complaint;
    total.inProgress += s.inProgress;
    total.considered.total += s.considered.total;
    total.considered.supported += s.considered.supported;
    total.considered.supportedMeasuresTaken += s.considered.supportedMeasuresTaken;
    total.considered.notSupported += s.considered.notSupported;
    total.considered.explained += s.considered.explained;
    total.forwarded += s.forwarded;
    total.leftWithoutAnswer += s.leftWithoutAnswer;
    total.overdue += s.overdue;
  }
  return total;
}

const localMidnight = (param: string, plusDays = 0) =>
  `((${param}::date + ${plusDays})::timestamp AT TIME ZONE $2)`;

/** Received during the month by classifier code of the appeal's topic, over the organisations. */
async function themes(db: Queryable, ids: string[], timeZone: string, from: string, to: string) {
  const rows = await db.query<{
    code: string | null;
    title: string | null;
    proposal: number;
    application: number;
    complaint: number;
  }>(
    `SELECT c.code, k.title,
       count(*) FILTER (WHERE a.type = 'proposal')::int AS proposal,
       count(*) FILTER (WHERE a.type = 'application')::int AS application,
       count(*) FILTER (WHERE a.type = 'complaint')::int AS complaint
     FROM appeals a
     LEFT JOIN topic_classifier_codes c ON c.organization_id = a.organization_id AND c.topic_id = a.topic_id
     LEFT JOIN appeal_classifier k ON k.code = c.code
     WHERE a.organization_id = ANY ($1::text[])
       AND a.registered_at >= ${localMidnight('$3')} AND a.registered_at < ${localMidnight('$4', 1)}
     GROUP BY c.code, k.title
     ORDER BY c.code NULLS LAST`,
    [ids, timeZone, from, to],
  );
  return rows.map((r) => ({
    code: r.code,
    title: r.title,
    received: r.proposal + r.application + r.complaint,
    byType: { proposal: r.proposal, application: r.application, complaint: r.complaint },
  }));
}

/** Appeals of each organisation whose consideration was extended during the month. */
async function extensions(db: Queryable, ids: string[], timeZone: string, from: string, to: string) {
  const rows = await db.query<{ organization_id: string; extended: number }>(
    `SELECT a.organization_id, count(DISTINCT a.id)::int AS extended
     FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id
     WHERE a.organization_id = ANY ($1::text[]) AND e.status = 'extended'
       AND e.at >= ${localMidnight('$3')} AND e.at < ${localMidnight('$4', 1)}
     GROUP BY a.organization_id`,
    [ids, timeZone, from, to],
  );
  return new Map(rows.map((r) => [r.organization_id, r.extended]));
}

/** The report of `month` (`YYYY-MM`, the current month when absent) on the organisation's clock. */
export async function monthlyReport(
  db: Queryable,
  organizationId: string,
  query: { month?: string | undefined; includeSubordinates: boolean },
  now: Date = new Date(),
): Promise<StaffAppealReport> {
  const tree = await reportTree(db, organizationId, query.includeSubordinates);
  const root = tree[0] as TreeRow;
  const month = query.month ?? todayIn(root.time_zone, now).slice(0, 7);
  const period = periodsOf(`${month}-01`).month;
  const ids = tree.map((o) => o.id);
  const [figures, extended, byTheme] = await Promise.all([
    appealFigures(db, ids, root.time_zone, [period]),
    extensions(db, ids, root.time_zone, period.from, period.to),
    themes(db, ids, root.time_zone, period.from, period.to),
  ]);
  const organizations = tree.map((o) => ({
    organizationId: o.id,
    name: o.name,
    shortName: o.short_name,
    parentId: o.depth === 0 ? null : o.parent_id,
    depth: o.depth,
    figures: figures.get(o.id)?.[0] ?? sumStats(period, []),
    extended: extended.get(o.id) ?? 0,
  }));
  return {
    organizationId,
    organizationName: root.name,
    month,
    from: period.from,
    to: period.to,
    timeZone: root.time_zone,
    includeSubordinates: query.includeSubordinates,
    total: sumStats(
      period,
      organizations.map((o) => o.figures),
    ),
    extended: organizations.reduce((n, o) => n + o.extended, 0),
    organizations,
    themes: byTheme,
    generatedAt: now.toISOString(),
  };
}
