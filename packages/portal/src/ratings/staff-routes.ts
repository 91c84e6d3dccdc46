import { endpoints } from '@otklik/client/contract';
import type { Database } from '../db/types.ts';
import { csvStream } from '../http/csv.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { Download } from '../http/respond.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';
import { ratingsCsv } from './export-csv.ts';
import { exportCriteria, exportRatings, listRatingComments, ratingScope } from './staff-reads.ts';

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

/**
 * What staff read of the ratings of an organisation and, on request, of every organisation below it
 * (the staff gate lets a key read its own organisation's subtree). Audited; who rated is never shown.
 */
export function registerStaffRatingRoutes(router: Router<unknown, StaffActor>, db: Database): void {
  registerEndpoint(router, endpoints.listStaffRatingComments, async ({ actor, params, query }) => {
    const { organizationId } = params;
    const scope = await ratingScope(db, organizationId, query.includeSubordinates);
    const page = await listRatingComments(db, scope, query);
    await audit(db, actor, 'rating.comments', null, {
      ...scopeDetails(organizationId, query),
      count: page.items.length,
    });
    return page;
  });

  registerEndpoint(router, endpoints.exportStaffRatings, async ({ actor, params, query }) => {
    const { organizationId } = params;
    const scope = await ratingScope(db, organizationId, query.includeSubordinates);
    const criteria = await exportCriteria(db, organizationId, scope, query);
    // Recorded before the first byte: a download cut short was still an access.
    await audit(db, actor, 'rating.export', null, scopeDetails(organizationId, query));
    const name = ['ratings', organizationId, query.from, query.to].filter(Boolean).join('-');
    return new Download(csvStream(ratingsCsv(criteria, exportRatings(db, scope, query), query.separator)), {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
    });
  });
}
