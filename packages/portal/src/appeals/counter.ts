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

// $1 organisation, $2 time zone, $3/$4 month first/last day, $5/$6 year first/last day.
const COUNTER_SQL = `
  WITH b AS (
    SELECT ${localMidnight('$3', '$2')} AS m0, ${localMidnight('$4', '$2', 1)} AS m1,
           ${localMidnight('$5', '$2')} AS y0, ${localMidnight('$6', '$2', 1)} AS y1
  )
  SELECT
    ${statsColumns('m_', 'b.m0', 'b.m1')},
    ${statsColumns('y_', 'b.y0', 'b.y1')}
  FROM b LEFT JOIN appeals a ON a.organization_id = $1 AND (
    (a.registered_at >= b.y0 AND a.registered_at < b.y1) OR
    (a.answered_at >= b.y0 AND a.answered_at < b.y1) OR
    (a.forwarded_at >= b.y0 AND a.forwarded_at < b.y1) OR
    (a.closed_at >= b.y0 AND a.closed_at < b.y1))`;

type CounterRow = Record<string, number>;

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

/** Counter figures for the month and the year containing `asOf` (a local date in `timeZone`). */
export async function appealCounter(
  db: Queryable,
  organizationId: string,
  timeZone: string,
  asOf: string,
): Promise<AppealCounter> {
  const { month, year } = periodsOf(asOf);
  const [row = {}] = await db.query<CounterRow>(COUNTER_SQL, [
    organizationId,
    timeZone,
    month.from,
    month.to,
    year.from,
    year.to,
  ]);
  return {
    organizationId,
    asOf,
    timeZone,
    month: toStats(row, 'm_', month),
    year: toStats(row, 'y_', year),
  };
}
