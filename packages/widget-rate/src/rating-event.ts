/**
 * `otklik:rating-submitted`: the rating form dispatches it on its mount element (bubbling, composed)
 * once the portal has taken a rating; rating badges of the same organisation listen for it on
 * `document` and refresh. Declared by merging into widget-core's event map, as the appeal form does.
 */
declare module '@otklik/widget-core' {
  interface OtklikEventMap {
    'rating-submitted': RatingSubmittedDetail;
  }
}

export interface RatingSubmittedDetail {
  widget: 'rate';
  organizationId: string;
  ratingId: string;
  /** The organisation's overall average including this rating (1–5, two decimals). */
  average: number | null;
}
