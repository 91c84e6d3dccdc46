/**
 * The staff queue: an organisation's appeals with their deadline in force and the days left, filtered,
 * searched (PostgreSQL full-text search with Russian stemming, the same on PGlite), sorted and paged,
 * with the "due this week", "overdue" and "new" counts.
 */
import type { Language, QueueSort, StaffAppealPage } from '@otklik/client/schemas';
import { OPEN_APPEAL_STATUSES } from '@otklik/client/schemas';
import { inLanguage } from '../appeals/settings.ts';
import { addDays, todayIn } from '../dates.ts';
import type { Queryable } from '../db/types.ts';
import { fieldRefusal, ProblemError } from '../http/problem.ts';
import { listTopics } from '../organizations/topics.ts';
import { executorsOf } from './card.ts';

/** The queue's filters, search, order and page (the parsed `StaffQueueQuery`). */
export interface QueueQuery {
  status?: string | undefined;
  type?: string | undefined;
  topicId?: string | undefined;
  executorId?: string | undefined;
  mine?: boolean | undefined;
  awaitingApproval?: boolean | undefined;
  overdue?: boolean | undefined;
  dueBefore?: string | undefined;
  dueWithinDays?: number | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  language?: Language | undefined;
  forwarded?: boolean | undefined;
  extended?: boolean | undefined;
  q?: string | undefined;
  sort?: QueueSort | undefined;
  limit: number;
  offset: number;
}

const OPEN = `a.status IN (${OPEN_APPEAL_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** The deadline in force as the organisation's date (rows filed before due dates were stored: from due_at). */
const DUE = `COALESCE(a.due_date, (a.due_at AT TIME ZONE o.time_zone)::date)`;

/** A query that looks like a registration number or its tail: letters, digits and dashes, a digit last. */
const NUMBER_LIKE = /^[\p{L}\d-]*\d$/u;

const ORDER: Record<QueueSort, string> = {
  due: `(${OPEN}) DESC, ${DUE}, a.registered_at, a.id`,
  '-registered': 'a.registered_at DESC, a.id',
  registered: 'a.registered_at, a.id',
  number: 'a.registration_number, a.id',
};

interface QueueRow {
  id: string;
  registration_number: string;
  type: string;
  status: StaffAppealPage['items'][number]['status'];
  result: StaffAppealPage['items'][number]['result'];
  registered_at: Date;
  due: string;
  open: boolean;
  applicant_surname: string | null;
  applicant_first_name: string | null;
  applicant_patronymic: string | null;
  topic_id: string | null;
  forwarded_at: Date | null;
  extensions: number;
  executor_id: string | null;
  executor_name: string | null;
  awaiting_approval: boolean;
}

/** "Иванова Анна Петровна" → "Иванова А. П."; null when nothing is left (erased by retention). */
export function shortName(surname: string | null, first: string | null, patronymic: string | null) {
  const initials = [first, patronymic]
    .filter((p): p is string => p !== null && p.trim() !== '')
    .map((p) => `${p.trim().charAt(0).toUpperCase()}.`);
  const parts = [surname?.trim() || null, initials.join(' ') || null].filter((p) => p !== null);
  return parts.length === 0 ? null : parts.join(' ');
}

/** Calendar days from `from` to `to` (`YYYY-MM-DD`). */
const daysFrom = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** A draft of the appeal waits for an approver. */
const AWAITING = `EXISTS (SELECT 1 FROM answer_drafts d WHERE d.appeal_id = a.id AND d.state = 'on_approval')`;

/** The topic filter's list: every topic of the organisation, named in `language` where it can be. */
async function namedTopics(db: Queryable, organizationId: string, language: Language | undefined) {
  const [org] = await db.query<{ languages: string[] }>('SELECT languages FROM organizations WHERE id = $1', [
    organizationId,
  ]);
  const topics = await listTopics(db, organizationId);
  return topics.map((t) => ({
    id: t.id,
    name: inLanguage(t.names, language, org?.languages ?? [])?.[1] ?? t.id,
    archived: t.archived,
  }));
}

/**
 * The page of the queue for one organisation (the caller has checked `appeals.read` there); `me` is
 * the signed-in person (`null` for an API key), whose "mine" view and count it is.
 */
export async function queuePage(
  db: Queryable,
  organizationId: string,
  query: QueueQuery,
  now: Date,
  me: string | null = null,
): Promise<StaffAppealPage> {
  if (query.dueFrom !== undefined && query.dueTo !== undefined && query.dueFrom > query.dueTo)
    throw fieldRefusal(
      'due-period-reversed',
      'query.dueTo',
      'The end of the period must not be before its start',
      'Invalid query',
    );
  if (query.mine && me === null)
    throw fieldRefusal(
      'mine-needs-person',
      'query.mine',
      'An API key has no appeals of its own: filter by executorId',
      'Invalid query',
    );
  const [org] = await db.query<{ time_zone: string }>('SELECT time_zone FROM organizations WHERE id = $1', [
    organizationId,
  ]);
  if (org === undefined) throw new ProblemError(404, 'not-found', 'No such organisation');
  const today = todayIn(org.time_zone, now);
  const params: unknown[] = [organizationId];
  const where = ['a.organization_id = $1'];
  let todayParam: string | null = null;
  /** Today's placeholder, added on first use (PostgreSQL refuses a parameter no clause uses). */
  const todaySql = () => {
    if (todayParam === null) {
      params.push(today);
      todayParam = `$${params.length}::date`;
    }
    return todayParam;
  };
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  const overdue = () => `(${OPEN} AND ${DUE} < ${todaySql()})`;
  if (query.status !== undefined) add((p) => `a.status = ${p}`, query.status);
  if (query.type !== undefined) add((p) => `a.type = ${p}`, query.type);
  if (query.topicId !== undefined) add((p) => `a.topic_id = ${p}`, query.topicId);
  if (query.executorId !== undefined) add((p) => `a.executor_id = ${p}::uuid`, query.executorId);
  if (query.mine) add((p) => `a.executor_id = ${p}::uuid`, me);
  if (query.awaitingApproval !== undefined)
    where.push(query.awaitingApproval ? `(${OPEN} AND ${AWAITING})` : `NOT (${OPEN} AND ${AWAITING})`);
  if (query.dueFrom !== undefined) add((p) => `${DUE} >= ${p}::date`, query.dueFrom);
  if (query.dueTo !== undefined) add((p) => `${DUE} <= ${p}::date`, query.dueTo);
  if (query.overdue !== undefined) where.push(query.overdue ? overdue() : `NOT ${overdue()}`);
  if (query.dueBefore !== undefined) add((p) => `${DUE} < ${p}::date`, query.dueBefore);
  if (query.dueWithinDays !== undefined) {
    const from = todaySql();
    add((p) => `${OPEN} AND ${DUE} BETWEEN ${from} AND ${p}::date`, addDays(today, query.dueWithinDays));
  }
  if (query.forwarded !== undefined) where.push(`(a.forwarded_at IS ${query.forwarded ? 'NOT ' : ''}NULL)`);
  if (query.extended !== undefined) where.push(`(a.extensions ${query.extended ? '>' : '='} 0)`);
  if (query.q !== undefined && query.q !== '') {
    const q = query.q;
    // A number or its tail ("ОБ-2026-000004", "000004") also matches the end of the registration number.
    const number = NUMBER_LIKE.test(q) ? `%${q.replace(/[\\%_]/g, '\\$&').toUpperCase()}` : null;
    add(
      (p) =>
        `(a.search_document @@ websearch_to_tsquery('russian', ${p})${
          number === null ? '' : ` OR upper(a.registration_number) LIKE $${params.length + 1}`
        })`,
      q,
    );
    if (number !== null) params.push(number);
  }
  const whereSql = where.join(' AND ');
  const from = 'FROM appeals a JOIN organizations o ON o.id = a.organization_id';
  // The page, the counts, the topics' names and the executors at once (separate connections on
  // PostgreSQL; PGlite runs them in turn).
  const n = params.length;
  const [rows, [counts], topics, executors] = await Promise.all([
    db.query<QueueRow>(
      `SELECT a.id, a.registration_number, a.type, a.status, a.result, a.registered_at,
         to_char(${DUE}, 'YYYY-MM-DD') AS due, ${OPEN} AS open, a.applicant_surname, a.applicant_first_name,
         a.applicant_patronymic, a.topic_id, a.forwarded_at, a.extensions, a.executor_id,
         (SELECT COALESCE(NULLIF(p.display_name, ''), p.email) FROM people p WHERE p.id = a.executor_id)
           AS executor_name,
         ${OPEN} AND ${AWAITING} AS awaiting_approval
       ${from} WHERE ${whereSql}
       ORDER BY ${ORDER[query.sort ?? 'due']}
       LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, query.limit, query.offset],
    ),
    // The total of the filtered list and the counts at a glance (of all open appeals) in one statement.
    db.query<{
      total: number;
      due_this_week: number;
      overdue: number;
      fresh: number;
      mine: number;
      awaiting: number;
    }>(
      `SELECT (SELECT count(*)::int ${from} WHERE ${whereSql}) AS total, c.*
       FROM (SELECT count(*) FILTER (WHERE ${DUE} BETWEEN $${n + 1}::date AND $${n + 2}::date)::int AS due_this_week,
           count(*) FILTER (WHERE ${DUE} < $${n + 1}::date)::int AS overdue,
           count(*) FILTER (WHERE a.status = 'registered')::int AS fresh,
           count(*) FILTER (WHERE a.executor_id = $${n + 3}::uuid)::int AS mine,
           count(*) FILTER (WHERE ${AWAITING})::int AS awaiting
         ${from} WHERE a.organization_id = $1 AND ${OPEN}) c`,
      [...params, today, addDays(today, 6), me],
    ),
    namedTopics(db, organizationId, query.language),
    executorsOf(db, organizationId),
  ]);
  const topicNames = new Map(topics.map((t) => [t.id, t.name]));
  return {
    items: rows.map((r) => {
      const daysLeft = r.open ? daysFrom(today, r.due) : null;
      return {
        appealId: r.id,
        registrationNumber: r.registration_number,
        type: r.type,
        status: r.status,
        result: r.result,
        registeredAt: r.registered_at.toISOString(),
        dueDate: r.due,
        overdue: daysLeft !== null && daysLeft < 0,
        daysLeft,
        applicant: shortName(r.applicant_surname, r.applicant_first_name, r.applicant_patronymic),
        topicId: r.topic_id,
        topicName: r.topic_id === null ? null : (topicNames.get(r.topic_id) ?? r.topic_id),
        executor:
          r.executor_id === null ? null : { personId: r.executor_id, name: r.executor_name ?? r.executor_id },
        awaitingApproval: r.awaiting_approval,
        forwarded: r.forwarded_at !== null,
        extensions: r.extensions,
      };
    }),
    total: counts?.total ?? 0,
    limit: query.limit,
    offset: query.offset,
    counts: {
      dueThisWeek: counts?.due_this_week ?? 0,
      overdue: counts?.overdue ?? 0,
      new: counts?.fresh ?? 0,
      mine: counts?.mine ?? 0,
      awaitingApproval: counts?.awaiting ?? 0,
    },
    topics,
    executors,
    today,
  };
}
