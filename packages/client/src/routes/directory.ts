/** Routes of the organisation directory and the appeal counter (read-only, cacheable). */
export const searchOrganizationsRoute = { method: 'GET', path: '/v1/organizations' } as const;
export const getOrganizationRoute = { method: 'GET', path: '/v1/organizations/{organizationId}' } as const;
export const listServicesRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/services',
} as const;
export const getWidgetSettingsRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/widget-settings',
} as const;
export const getAppealCounterRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/appeal-counter',
} as const;
