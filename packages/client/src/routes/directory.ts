/** Routes of the organisation directory and the appeal counter (read-only, cacheable). */

export { getAppealCounterRoute } from './directory/get-appeal-counter.ts';
export { getOrganizationRoute } from './directory/get-organization.ts';
export { getWidgetSettingsRoute } from './directory/get-widget-settings.ts';
export { listServicesRoute } from './directory/list-services.ts';
export { searchOrganizationsRoute } from './directory/search-organizations.ts';
