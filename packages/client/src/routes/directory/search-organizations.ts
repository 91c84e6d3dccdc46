export const searchOrganizationsRoute = { method: 'GET', path: '/v1/organizations' } as const;
