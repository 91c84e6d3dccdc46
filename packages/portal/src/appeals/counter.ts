import type { AppealCounter, AppealStats } from '@otklik/client/schemas';
import { OPEN_APPEAL_STATUSES } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';

export function periodsOf(date: string) {
  const [y = 0, m = 1] = date.split('-').map(Number);
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    month: { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay)}` },
    year: { from: `${y}-01-01`, to: `${y}-12-31` },
  };
}

const OPEN = OPEN_APPEAL_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * The figures of one period, as SQL aggregates over instants bounded by `$start` and `$end`
 * (local midnights of the period's first day and of the day after its last, in the organisation's
 * time zone). Category definitions follow the AppealStats schema.
 */
function statsColumns(prefix: string, start: string, end: string): string {
  const inPeriod = (column: string) => `${column} >= ${start} AND ${column} < ${end}`;
  const received = inPeriod('registered_at');
  const answered = `status = 'answered' AND ${inPeriod('answered_at')}`;
  return [
    `count(*) FILTER (WHERE ${received})::int AS ${prefix}received`,
    `count(*) FILTER (WHERE ${received} AND type = 'proposal')::int AS ${prefix}proposal`,
    `count(*) FILTER (WHERE ${received} AND type = 'application')::int AS ${prefix}application`,
    `count(*) FILTER (WHERE ${received} AND type = 'complaint')::int AS ${prefix}complaint`,
    `count(*) FILTER (WHERE ${received} AND status IN (${OPEN}))::int AS ${prefix}in_progress`,
    `count(*) FILTER (WHERE ${answered})::int AS ${prefix}considered`,
    `count(*) FILTER (WHERE ${answered} AND result = 'supported')::int AS ${prefix}supported`,
    `count(*) FILTER (WHERE ${answered} AND result = 'supported_measures_taken')::int AS ${prefix}measures`,
    `count(*) FILTER (WHERE ${answered} AND result = 'not_supported')::int AS ${prefix}not_supported`,
    `count(*) FILTER (WHERE ${answered} AND result = 'explained')::int AS ${prefix}explained`,
    `count(*) FILTER (WHERE ${inPeriod('forwarded_at')})::int AS ${prefix}forwarded`,
    `count(*) FILTER (WHERE status = 'left_without_answer' AND ${inPeriod('closed_at')})::int AS ${prefix}left`,
    // Overdue against the deadline in force: the extended one when consideration was extended.
    `count(*) FILTER (WHERE ${received} AND status IN (${OPEN})
       AND COALESCE(extended_until, due_at) < now())::int AS ${prefix}overdue`,
  ].join(',\n    ');
}

const localMidnight = (param: string, tz: string, plusDays = 0) =>
  `((${param}::date + ${plusDays})::timestamp AT TIME ZONE ${tz})`;

/** One period of figures: its first and last day (inclusive), local dates. */
export interface StatsPeriod {
  readonly from: string;
  readonly to: string;
}

/**
 * The SQL of {@link appealFigures}: $1 the organisations, $2 the time zone, then each period's first
 * and last day ($3/$4, $5/$6, …); one row per organisation, its columns prefixed `p0_`, `p1_`, ….
 */
function figuresSql(periods: number): string {
  const ps = Array.from({ length: periods }, (_, i) => i);
  const bound = (i: number, edge: 0 | 1) => `b.p${i}_${edge}`;
  const within = (column: string) =>
    ps.map((i) => `(a.${column} >= ${bound(i, 0)} AND a.${column} < ${bound(i, 1)})`).join(' OR ');
  return `
  WITH b AS (
    SELECT ${ps
      .map(
        (i) =>
          `${localMidnight(`$${3 + 2 * i}`, '$2')} AS p${i}_0, ${localMidnight(`$${4 + 2 * i}`, '$2', 1)} AS p${i}_1`,
      )
      .join(', ')}
  )
  SELECT o.id AS organization_id,
    ${ps.map((i) => statsColumns(`p${i}_`, bound(i, 0), bound(i, 1))).join(',\n    ')}
  FROM unnest($1::text[]) AS o (id) CROSS JOIN b
  LEFT JOIN appeals a ON a.organization_id = o.id AND (
    ${['registered_at', 'answered_at', 'forwarded_at', 'closed_at'].map(within).join(' OR\n    ')})
  GROUP BY o.id`;
}

type CounterRow = Record<string, number> & { organization_id: string };

function toStats(row: CounterRow, prefix: string, period: { from: string; to: string }): AppealStats {
  const n = (name: string) => row[`${prefix}${name}`] ?? 0;
  return {
    from: period.from,
    to: period.to,
    received: n('received'),
    byType: { proposal: n('proposal'), application: n('application'), complaint: n('complaint') },
    inProgress: n('in_progress'),
    considered: {
      total: n('considered'),
      supported: n('supported'),
      supportedMeasuresTaken: n('measures'),
      notSupported: n('not_supported'),
      explained: n('explained'),
    },
    forwarded: n('forwarded'),
    leftWithoutAnswer: n('left'),
    overdue: n('overdue'),
  };
}

/**
 * The figures of each organisation for each period (each organisation alone, nothing below it), on
 * the clock of `timeZone`. The counter badge and the monthly report both read their figures here,
 * so they always agree.
 */
export async function appealFigures(
  db: Queryable,
  organizationIds: readonly string[],
  timeZone: string,
  periods: readonly StatsPeriod[],
): Promise<Map<string, AppealStats[]>> {
  const rows = await db.query<CounterRow>(figuresSql(periods.length), [
    [...organizationIds],
    timeZone,
    ...periods.flatMap((p) => [p.from, p.to]),
  ]);
  const empty = {} as CounterRow;
  const byOrg = new Map(rows.map((row) => [row.organization_id, row]));
  return new Map(
    organizationIds.map((id) => [
      id,
      periods.map((period, i) => toStats(byOrg.get(id) ?? empty, `p${i}_`, period)),
    ]),
  );
}

/** Counter figures for the month and the year containing `asOf` (a local date in `timeZone`). */
export async function appealCounter(
  db: Queryable,
  organizationId: string,
  timeZone: string,
  asOf: string,
): Promise<AppealCounter> {
  const { month, year } = periodsOf(asOf);
  const figures = await appealFigures(db, [organizationId], timeZone, [month, year]);
  const [monthStats, yearStats] = figures.get(organizationId) ?? [];
  if (!monthStats || !yearStats) throw new Error('appealFigures returned no row');
  return { organizationId, asOf, timeZone, month: monthStats, year: yearStats };
}
