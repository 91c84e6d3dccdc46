export const listSpheresRoute = { method: 'GET', path: '/v1/spheres' } as const;
