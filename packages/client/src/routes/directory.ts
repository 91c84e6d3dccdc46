/** Routes of the organisation directory: search, profiles, services, widget settings, spheres. */

export { getOrganizationRoute } from './directory/get-organization.ts';
export { getWidgetSettingsRoute } from './directory/get-widget-settings.ts';
export { listServicesRoute } from './directory/list-services.ts';
export { listSpheresRoute } from './directory/list-spheres.ts';
export { searchOrganizationsRoute } from './directory/search-organizations.ts';
