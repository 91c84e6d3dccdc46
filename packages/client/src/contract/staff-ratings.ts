/** What staff read of the ratings of their organisation and every organisation below it. */
import { exportStaffRatingsRoute, listStaffRatingCommentsRoute } from '../routes/staff-ratings.ts';
import { OrganizationParams } from '../schemas/common.ts';
import { RatingCommentsQuery, RatingsExportQuery, StaffRatingCommentPage } from '../schemas/staff-ratings.ts';
import type { EndpointDefinition } from './endpoint.ts';

const AUTH =
  'Staff only: an API key of this organisation or of one above it (Authorization: Bearer otk_…); ' +
  'any other key gets 403. Audited. Who rated is never shown.';

export const listStaffRatingCommentsEndpoint = {
  ...listStaffRatingCommentsRoute,
  summary: 'Comments left with ratings, newest first, optionally with those of all subordinates',
  description: AUTH,
  tags: ['staff'],
  params: OrganizationParams,
  query: RatingCommentsQuery,
  response: StaffRatingCommentPage,
  access: 'staff',
  permission: 'ratings.read',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const exportStaffRatingsEndpoint = {
  ...exportStaffRatingsRoute,
  summary: 'All ratings of a period as CSV (one row per rating, a column per criterion)',
  description:
    `${AUTH} UTF-8 with a byte order mark, RFC 4180 quoting, CRLF; text that a spreadsheet would ` +
    'run as a formula (starting with = + - @) is prefixed with an apostrophe. Rows go organisation ' +
    'by organisation, oldest first; times are on the organisation’s clock.',
  tags: ['staff'],
  params: OrganizationParams,
  query: RatingsExportQuery,
  download: 'text/csv',
  access: 'staff',
  permission: 'ratings.read',
  cacheable: false,
} as const satisfies EndpointDefinition;
