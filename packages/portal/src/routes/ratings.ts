import { ProblemError } from '../http/problem.ts';
import type { Handlers } from './public.ts';

type RatingEndpointName =
  | 'listSpheres'
  | 'submitRating'
  | 'getRatingSummary'
  | 'getRatingRanking'
  | 'getRatingAnalytics';

// PLACEHOLDER (replaced in this session by the rating store): every rating endpoint answers 501.
export function ratingHandlers(): Pick<Handlers, RatingEndpointName> {
  const notYet = async (): Promise<Response> => {
    throw new ProblemError(503, 'service-unavailable', 'Not implemented yet');
  };
  return {
    listSpheres: notYet,
    submitRating: notYet,
    getRatingSummary: notYet,
    getRatingRanking: notYet,
    getRatingAnalytics: notYet,
  };
}
