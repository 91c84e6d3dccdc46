export const getOrganizationRoute = { method: 'GET', path: '/v1/organizations/{organizationId}' } as const;
