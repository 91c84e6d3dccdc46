/**
 * Method and path of every endpoint, without schemas. The contract (contract.ts) adds the schemas;
 * size-critical browser code calls these routes with {@link fetchRoute} so that it bundles no schema.
 */
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
