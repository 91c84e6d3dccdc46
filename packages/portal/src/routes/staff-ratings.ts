import {
  CriterionId,
  IsoDate,
  IsoTimestamp,
  OrganizationId,
  OrganizationParams,
  PageQuery,
  pageOf,
  Score,
} from '@otklik/client/schemas';
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { Database } from '../db/types.ts';
import { parseRequest } from '../http/body.ts';
import { csvStream } from '../http/csv.ts';
import { send } from '../http/headers.ts';
import { audit } from '../store/staff-appeals.ts';
import { exportCriteria, exportRatings, listRatingComments, ratingScope } from '../store/staff-ratings.ts';
import { toHonoPath } from './public.ts';
import type { RouteRegistry } from './registry.ts';
import { ratingsCsv } from './staff-ratings-csv.ts';

const Flag = v.optional(
  v.pipe(
    v.picklist(['true', 'false']),
    v.transform((s) => s === 'true'),
  ),
  'false',
);

/** The period (on `rated_on`, the organisation's local date) and whether subordinates count. */
const ScopeQuery = {
  /** First day, inclusive (the organisation's local date of the rating). */
  from: v.optional(IsoDate),
  /** Last day, inclusive. */
  to: v.optional(IsoDate),
  /** Also the organisations below this one (direct and deeper). */
  includeSubordinates: Flag,
};
const ordered = (q: { from?: string | undefined; to?: string | undefined }) =>
  q.from === undefined || q.to === undefined || q.from <= q.to;
const NOT_AFTER_TO = 'Must not be after `to`';

export const RatingCommentsQuery = v.pipe(
  v.object({ ...ScopeQuery, ...PageQuery }),
  v.forward(
    v.partialCheck([['from'], ['to']], (q) => ordered(q), NOT_AFTER_TO),
    ['from'],
  ),
);
export const RatingsExportQuery = v.pipe(
  v.object({
    ...ScopeQuery,
    /** `semicolon` for Excel with Russian or Belarusian regional settings (numbers with a decimal comma). */
    separator: v.optional(v.picklist(['comma', 'semicolon']), 'comma'),
  }),
  v.forward(
    v.partialCheck([['from'], ['to']], (q) => ordered(q), NOT_AFTER_TO),
    ['from'],
  ),
);

export const StaffRatingComment = v.object({
  ratingId: v.pipe(v.string(), v.uuid()),
  organizationId: OrganizationId,
  organizationName: v.string(),
  serviceId: v.string(),
  /** `null` when the service has since been removed. */
  serviceName: v.nullable(v.string()),
  serviceDate: IsoDate,
  scores: v.record(CriterionId, Score),
  /** Mean of the scores, two decimals. */
  average: v.pipe(v.number(), v.minValue(1), v.maxValue(5)),
  comment: v.string(),
  /** Whether the rater verified an e-mail or signed in (who it was is never shown). */
  identified: v.boolean(),
  createdAt: IsoTimestamp,
});

const auth =
  'Staff only: an API key of this organisation or of one above it (Authorization: Bearer otk_…); ' +
  'any other key gets 403. Audited. Who rated is never shown.';

/** Staff rating endpoints, described like the contract's so they appear in the OpenAPI document. */
export const staffRatingEndpoints = {
  listStaffRatingComments: {
    method: 'GET',
    path: '/v1/staff/organizations/{organizationId}/rating-comments',
    summary: 'Comments left with ratings, newest first, optionally with those of all subordinates',
    description: auth,
    tags: ['staff'],
    params: OrganizationParams,
    query: RatingCommentsQuery,
    response: pageOf(StaffRatingComment),
  },
  exportStaffRatings: {
    method: 'GET',
    path: '/v1/staff/organizations/{organizationId}/ratings.csv',
    summary: 'All ratings of a period as CSV (one row per rating, a column per criterion)',
    description:
      `${auth} UTF-8 with a byte order mark, RFC 4180 quoting, CRLF; text that a spreadsheet would ` +
      'run as a formula (starting with = + - @) is prefixed with an apostrophe. Rows go organisation ' +
      'by organisation, oldest first; times are on the organisation’s clock.',
    tags: ['staff'],
    params: OrganizationParams,
    query: RatingsExportQuery,
    responseContent: { 'text/csv': { schema: { type: 'string' } } },
  },
} as const;

const organizationOf = (c: Context) =>
  parseRequest('params', OrganizationParams, c.req.param()).organizationId;

/** What both reads record in the audit log about the scope asked for. */
const scopeDetails = (
  organizationId: string,
  query: { includeSubordinates: boolean; from?: string | undefined; to?: string | undefined },
) => ({
  organizationId,
  includeSubordinates: query.includeSubordinates,
  from: query.from ?? null,
  to: query.to ?? null,
});

export function registerStaffRatingRoutes(app: Hono, registry: RouteRegistry, db: Database): void {
  const e = staffRatingEndpoints;
  for (const endpoint of Object.values(e)) registry.add(toHonoPath(endpoint.path), [endpoint.method]);

  app.get(toHonoPath(e.listStaffRatingComments.path), async (c) => {
    const actor = await authenticateApiKey(c, db);
    const organizationId = organizationOf(c);
    const query = parseRequest('query', e.listStaffRatingComments.query, c.req.query());
    const scope = await ratingScope(db, actor, organizationId, query.includeSubordinates);
    const page = await listRatingComments(db, scope, query);
    await audit(db, actor, 'rating.comments', null, {
      ...scopeDetails(organizationId, query),
      count: page.items.length,
    });
    return send(c, JSON.stringify(page), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  });

  app.get(toHonoPath(e.exportStaffRatings.path), async (c) => {
    const actor = await authenticateApiKey(c, db);
    const organizationId = organizationOf(c);
    const query = parseRequest('query', e.exportStaffRatings.query, c.req.query());
    const scope = await ratingScope(db, actor, organizationId, query.includeSubordinates);
    const criteria = await exportCriteria(db, organizationId, scope, query);
    // Recorded before the first byte: a download cut short was still an access.
    await audit(db, actor, 'rating.export', null, scopeDetails(organizationId, query));
    const name = ['ratings', organizationId, query.from, query.to].filter(Boolean).join('-');
    return send(c, csvStream(ratingsCsv(criteria, exportRatings(db, scope, query), query.separator)), 200, {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
      'Cache-Control': 'no-store',
    });
  });
}
