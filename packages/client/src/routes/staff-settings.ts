/** Routes of an organisation's settings, changed by its staff. */

export { putCriteriaSetRoute } from './staff-settings/put-criteria-set.ts';
export { updateOrganizationSettingsRoute } from './staff-settings/update-organization-settings.ts';
export { updateRatingSettingsRoute } from './staff-settings/update-rating-settings.ts';
