export const getWidgetSettingsRoute = {
  method: 'GET',
  path: '/v1/organizations/{organizationId}/widget-settings',
} as const;
