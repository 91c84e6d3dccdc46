/** Routes of an organisation's settings, changed by its staff. */

export { addAllowedOriginRoute } from './staff-settings/add-allowed-origin.ts';
export { checkSiteRoute } from './staff-settings/check-site.ts';
export { getOrganizationSettingsRoute } from './staff-settings/get-organization-settings.ts';
export { listConsentVersionsRoute } from './staff-settings/list-consent-versions.ts';
export { listTopicsRoute } from './staff-settings/list-topics.ts';
export { publishConsentVersionRoute } from './staff-settings/publish-consent-version.ts';
export { putCriteriaSetRoute } from './staff-settings/put-criteria-set.ts';
export { putTopicRoute } from './staff-settings/put-topic.ts';
export { removeAllowedOriginRoute } from './staff-settings/remove-allowed-origin.ts';
export { reorderTopicsRoute } from './staff-settings/reorder-topics.ts';
export { updateAppealOptionsRoute } from './staff-settings/update-appeal-options.ts';
export { updateOrganizationSettingsRoute } from './staff-settings/update-organization-settings.ts';
export { updateRatingSettingsRoute } from './staff-settings/update-rating-settings.ts';
