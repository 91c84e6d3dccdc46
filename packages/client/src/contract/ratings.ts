/** The service-quality rating: submission, the badge's summary, rankings, analytics. */
import {
  getRatingAnalyticsRoute,
  getRatingRankingRoute,
  getRatingSummaryRoute,
  submitRatingRoute,
} from '../routes/ratings.ts';
import { OrganizationParams } from '../schemas/common.ts';
import {
  RankingPage,
  RankingQuery,
  RatingAnalytics,
  RatingAnalyticsQuery,
  RatingReceipt,
  RatingSubmission,
  RatingSummary,
} from '../schemas/ratings.ts';
import type { EndpointDefinition } from './endpoint.ts';

export const submitRatingEndpoint = {
  ...submitRatingRoute,
  summary: 'Rate a service the organisation provided',
  description:
    "Scores every criterion of the organisation's criteria set 1–5 for a service received on a given date " +
    '(not in the future, not older than the organisation allows). One rating per person (or, when ' +
    'anonymous, per device) per service per day: a second gets 409 `already-rated`. Needs a solved ' +
    'proof of work and, where the organisation requires it, a verified identity.',
  tags: ['ratings'],
  params: OrganizationParams,
  body: RatingSubmission,
  response: RatingReceipt,
  successStatus: 201,
  access: 'organization',
  idempotent: true,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const getRatingSummaryEndpoint = {
  ...getRatingSummaryRoute,
  summary: "The organisation's rating: averages per criterion and overall, count, distribution, position",
  description: 'Cached for a minute; answers 304 to a matching If-None-Match.',
  tags: ['ratings'],
  params: OrganizationParams,
  response: RatingSummary,
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;

export const getRatingRankingEndpoint = {
  ...getRatingRankingRoute,
  summary: 'Ranking of the organisation among its siblings or within its sphere, for a period',
  tags: ['ratings'],
  params: OrganizationParams,
  query: RankingQuery,
  response: RankingPage,
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;

export const getRatingAnalyticsEndpoint = {
  ...getRatingAnalyticsRoute,
  summary: 'Rating analytics: monthly trend, positions and their change, subordinate organisations',
  description:
    'Compares the period containing `on` with the one before it. Public figures only: comments are ' +
    'read by staff through the staff API.',
  tags: ['ratings'],
  params: OrganizationParams,
  query: RatingAnalyticsQuery,
  response: RatingAnalytics,
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;
