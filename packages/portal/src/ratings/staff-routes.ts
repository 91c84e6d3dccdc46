import { endpoints } from '@otklik/client/contract';
import { OrganizationParams } from '@otklik/client/schemas';
import type { Context, Hono } from 'hono';
import { audit } from '../appeals/desk.ts';
import type { Database } from '../db/types.ts';
import { parseRequest } from '../http/body.ts';
import { csvStream } from '../http/csv.ts';
import { send } from '../http/headers.ts';
import { type RouteRegistry, toHonoPath } from '../http/route-registry.ts';
import { authenticateApiKey } from '../staff/api-keys.ts';
import { ratingsCsv } from './export-csv.ts';
import { exportCriteria, exportRatings, listRatingComments, ratingScope } from './staff-reads.ts';

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
  const e = endpoints;
  for (const endpoint of [e.listStaffRatingComments, e.exportStaffRatings])
    registry.add(toHonoPath(endpoint.path), [endpoint.method]);

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
