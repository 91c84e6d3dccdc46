/** Routes of the service-quality rating: form submission, the badge's summary, rankings, analytics. */

export { getRatingAnalyticsRoute } from './ratings/get-rating-analytics.ts';
export { getRatingRankingRoute } from './ratings/get-rating-ranking.ts';
export { getRatingSummaryRoute } from './ratings/get-rating-summary.ts';
export { submitRatingRoute } from './ratings/submit-rating.ts';
