/** Routes of what staff read of the ratings of their organisation and those below it. */

export { exportStaffRatingsRoute } from './staff-ratings/export-staff-ratings.ts';
export { listStaffRatingCommentsRoute } from './staff-ratings/list-staff-rating-comments.ts';
